import { memo } from 'react';
import { Button, Card, Col, DatePicker, Flex, Input, InputNumber, Row, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromApiDate, toApiDate } from '../../../app/format';
import { RECURRENCES, usePlans, type PlanDraft, type ReportingRule } from '../api';
import type { Focus, HeaderField, SourceIndex } from '../review';
import { planLabel } from '../utils';
import { ReviewField } from './ReviewField';

interface Props {
  /** The whole draft; only its header fields are read (re-rendering is skipped when only tasks change). */
  draft: PlanDraft;
  source: SourceIndex;
  onChange: (patch: Partial<PlanDraft>) => void;
  onFocus: (focus: Focus) => void;
}

/** The plan's own fields: number, issuer, date, title, basis, parent plan, reporting, signer. */
function ReviewHeaderInner({ draft, source, onChange, onFocus }: Props) {
  const { t } = useTranslation();
  const plans = usePlans();
  const focus = (field: HeaderField) =>
    onFocus({ key: `header-${field}`, label: t(`plans.review.header.${field}`), span: source.header(field) });
  /** A header field the parser did not find is worth a look (orange), except optional ones. */
  const missing = (value: string | null | undefined) => (value && value.trim() ? null : ('warning' as const));
  const missingTip = (value: string | null | undefined) => (value && value.trim() ? null : t('plans.review.notFound'));
  const signer = draft.signer ?? { name: null, title: null };
  const setReporting = (i: number, patch: Partial<ReportingRule>) =>
    onChange({ reporting: draft.reporting.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <>
      <Card size="small" title={t('plans.review.general')} style={{ marginBottom: 12 }} data-testid="review-header">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <ReviewField label={t('plans.review.header.number')} htmlFor="plan-number" mark={missing(draft.number)} tip={missingTip(draft.number)}>
              <Input id="plan-number" value={draft.number ?? ''} onChange={(e) => onChange({ number: e.target.value || null })} onFocus={() => focus('number')} />
            </ReviewField>
          </Col>
          <Col xs={24} sm={8}>
            <ReviewField label={t('plans.review.header.date')} htmlFor="plan-date" mark={missing(draft.date)} tip={missingTip(draft.date)}>
              <DatePicker
                id="plan-date"
                format={DATE_FORMAT}
                placeholder={t('common.datePlaceholder')}
                value={fromApiDate(draft.date)}
                onChange={(d) => onChange({ date: toApiDate(d) })}
                onFocus={() => focus('date')}
                style={{ width: '100%' }}
              />
            </ReviewField>
          </Col>
          <Col xs={24} sm={8}>
            <ReviewField label={t('plans.review.header.place')} htmlFor="plan-place">
              <Input id="plan-place" value={draft.place ?? ''} onChange={(e) => onChange({ place: e.target.value || null })} onFocus={() => focus('place')} />
            </ReviewField>
          </Col>
          <Col xs={24}>
            <ReviewField label={t('plans.review.header.issuer')} htmlFor="plan-issuer" mark={missing(draft.issuer)} tip={missingTip(draft.issuer)}>
              <Input id="plan-issuer" value={draft.issuer ?? ''} onChange={(e) => onChange({ issuer: e.target.value || null })} onFocus={() => focus('issuer')} />
            </ReviewField>
          </Col>
          <Col xs={24}>
            <ReviewField
              label={t('plans.review.header.title')}
              htmlFor="plan-title"
              mark={draft.title.trim() ? null : 'error'}
              tip={draft.title.trim() ? null : t('validation.required')}
            >
              <Input.TextArea
                id="plan-title"
                value={draft.title}
                autoSize={{ minRows: 1, maxRows: 5 }}
                onChange={(e) => onChange({ title: e.target.value })}
                onFocus={() => focus('title')}
              />
            </ReviewField>
          </Col>
          <Col xs={24} sm={12}>
            <ReviewField label={t('plans.review.header.signerName')} htmlFor="plan-signer-name">
              <Input
                id="plan-signer-name"
                value={signer.name ?? ''}
                onChange={(e) => onChange({ signer: { ...signer, name: e.target.value || null } })}
                onFocus={() => focus('signerName')}
              />
            </ReviewField>
          </Col>
          <Col xs={24} sm={12}>
            <ReviewField label={t('plans.review.header.signerTitle')} htmlFor="plan-signer-title">
              <Input
                id="plan-signer-title"
                value={signer.title ?? ''}
                onChange={(e) => onChange({ signer: { ...signer, title: e.target.value || null } })}
                onFocus={() => focus('signerTitle')}
              />
            </ReviewField>
          </Col>
          <Col xs={24}>
            <ReviewField label={t('plans.review.parentPlan')} htmlFor="plan-parent">
              <Select<string | null>
                id="plan-parent"
                allowClear
                value={draft.parentPlanId}
                onChange={(v) => onChange({ parentPlanId: v ?? null })}
                placeholder={t('plans.review.noParent')}
                loading={plans.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(plans.data ?? []).map((p) => ({ value: p.id, label: planLabel(p) }))}
              />
            </ReviewField>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('plans.review.basis')} style={{ marginBottom: 12 }}>
        {draft.basis.length === 0 ? <Typography.Text type="secondary">{t('plans.review.noBasis')}</Typography.Text> : null}
        {draft.basis.map((b, i) => (
          <Flex key={i} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
            <Input
              value={b.number}
              onChange={(e) => onChange({ basis: draft.basis.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)) })}
              onFocus={() => onFocus({ key: `basis-${i}`, label: t('plans.review.basisN', { n: i + 1 }), span: source.basis(b.number, i) })}
              aria-label={t('plans.review.basisNumber')}
              style={{ flex: '1 1 160px' }}
            />
            <DatePicker
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              value={fromApiDate(b.date)}
              onChange={(d) => onChange({ basis: draft.basis.map((x, j) => (j === i ? { ...x, date: toApiDate(d) } : x)) })}
              aria-label={t('plans.review.basisDate')}
              style={{ flex: '0 1 150px' }}
            />
            <Button
              type="text"
              icon={<MinusCircleOutlined />}
              onClick={() => onChange({ basis: draft.basis.filter((_, j) => j !== i) })}
              aria-label={t('common.delete')}
            />
          </Flex>
        ))}
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ basis: [...draft.basis, { number: '', date: null }] })}>
          {t('plans.review.addBasis')}
        </Button>
      </Card>

      <Card size="small" title={t('plans.review.reporting')} style={{ marginBottom: 12 }}>
        {draft.reporting.length === 0 ? <Typography.Text type="secondary">{t('plans.review.noReporting')}</Typography.Text> : null}
        {draft.reporting.map((r, i) => {
          const focusRule = () => onFocus({ key: `reporting-${i}`, label: t('plans.review.reportingN', { n: i + 1 }), span: source.reporting(i) });
          return (
            <div key={i} style={{ borderInlineStart: '3px solid #d9d9d9', paddingInlineStart: 8, marginBottom: 12 }}>
              <Row gutter={8}>
                <Col xs={24} md={12}>
                  <ReviewField label={t('plans.review.reportWho')} htmlFor={`rep-${i}-who`}>
                    <Input id={`rep-${i}-who`} value={r.who ?? ''} onChange={(e) => setReporting(i, { who: e.target.value || null })} onFocus={focusRule} />
                  </ReviewField>
                </Col>
                <Col xs={24} md={12}>
                  <ReviewField label={t('plans.review.reportTo')} htmlFor={`rep-${i}-to`}>
                    <Input id={`rep-${i}-to`} value={r.to ?? ''} onChange={(e) => setReporting(i, { to: e.target.value || null })} onFocus={focusRule} />
                  </ReviewField>
                </Col>
                <Col xs={8} md={5}>
                  <ReviewField label={t('plans.review.reportDay')} htmlFor={`rep-${i}-day`}>
                    <InputNumber id={`rep-${i}-day`} min={1} max={31} value={r.day} onChange={(v) => setReporting(i, { day: v ?? null })} onFocus={focusRule} style={{ width: '100%' }} />
                  </ReviewField>
                </Col>
                <Col xs={8} md={5}>
                  <ReviewField label={t('plans.review.reportMonth')} htmlFor={`rep-${i}-month`}>
                    <InputNumber id={`rep-${i}-month`} min={1} max={12} value={r.month} onChange={(v) => setReporting(i, { month: v ?? null })} onFocus={focusRule} style={{ width: '100%' }} />
                  </ReviewField>
                </Col>
                <Col xs={8} md={10}>
                  <ReviewField label={t('plans.review.recurrence')} htmlFor={`rep-${i}-rec`}>
                    <Select<string | null>
                      id={`rep-${i}-rec`}
                      allowClear
                      value={r.recurrence}
                      onChange={(v) => setReporting(i, { recurrence: v ?? null })}
                      onFocus={focusRule}
                      options={RECURRENCES.map((x) => ({ value: x, label: t(`plans.recurrence.${x}`) }))}
                    />
                  </ReviewField>
                </Col>
              </Row>
              <Button size="small" type="text" danger icon={<MinusCircleOutlined />} onClick={() => onChange({ reporting: draft.reporting.filter((_, j) => j !== i) })}>
                {t('plans.review.removeRule')}
              </Button>
            </div>
          );
        })}
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => onChange({ reporting: [...draft.reporting, { who: null, to: null, day: null, month: null, recurrence: 'annual' }] })}
        >
          {t('plans.review.addRule')}
        </Button>
      </Card>
    </>
  );
}

const HEADER_KEYS = ['number', 'issuer', 'place', 'date', 'title', 'basis', 'reporting', 'signer', 'parentPlanId'] as const;

export const ReviewHeader = memo(
  ReviewHeaderInner,
  (a, b) =>
    a.source === b.source &&
    a.onChange === b.onChange &&
    a.onFocus === b.onFocus &&
    HEADER_KEYS.every((k) => a.draft[k] === b.draft[k]),
);
