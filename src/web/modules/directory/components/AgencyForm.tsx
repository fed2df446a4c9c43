import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromApiDate, toApiDate } from '../../../app/format';
import { AGENCY_KINDS, CODE_PATTERN, type Agency, type AgencyInput, type AgencyKind } from '../api';
import { AgencySelect } from './AgencySelect';

interface FormValues {
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: string | null;
  shortNames: string[];
  aliases: string[];
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
}

export function agencyToFormValues(agency: Partial<Agency>): Partial<FormValues> {
  return {
    code: agency.code,
    name: agency.name,
    kind: agency.kind,
    parentId: agency.parentId ?? null,
    shortNames: agency.shortNames ?? [],
    aliases: agency.aliases ?? [],
    validFrom: fromApiDate(agency.validFrom),
    validTo: fromApiDate(agency.validTo),
  };
}

/** Trims, normalises to NFC and drops empty or repeated names. */
function cleanNames(values: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values ?? []) {
    const s = v.normalize('NFC').trim();
    if (s && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

/** Initial values are read once: remount the form (a `key`) to load another version. */
interface Props {
  initial?: Partial<Agency>;
  /** The agency being edited: it cannot be its own parent. */
  editingId?: string;
  submitting?: boolean;
  submitLabel: string;
  onSubmit: (input: AgencyInput) => void;
  onCancel?: () => void;
}

export function AgencyForm({ initial, editingId, submitting, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ shortNames: [], aliases: [], parentId: null, validFrom: null, validTo: null, ...agencyToFormValues(initial ?? {}) }}
      onFinish={(values) =>
        onSubmit({
          code: values.code.trim(),
          name: values.name.normalize('NFC').trim(),
          kind: values.kind,
          parentId: values.parentId ?? null,
          shortNames: cleanNames(values.shortNames),
          aliases: cleanNames(values.aliases),
          validFrom: toApiDate(values.validFrom),
          validTo: toApiDate(values.validTo),
        })
      }
      data-testid="agency-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={t('directory.fields.code')}
            tooltip={t('directory.hints.code')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { pattern: CODE_PATTERN, message: t('directory.hints.codePattern') },
            ]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label={t('directory.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={300} placeholder={t('directory.hints.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('directory.fields.kind')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              placeholder={t('common.choose')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="parentId" label={t('directory.fields.parent')}>
            <AgencySelect excludeIds={editingId ? [editingId] : undefined} includeFormer />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="shortNames" label={t('directory.fields.shortNames')} tooltip={t('directory.hints.shortNames')}>
            <Select mode="tags" open={false} tokenSeparators={[';']} placeholder={t('directory.hints.tagsPlaceholder')} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="aliases" label={t('directory.fields.aliases')} tooltip={t('directory.hints.aliases')}>
            <Select mode="tags" open={false} tokenSeparators={[';']} placeholder={t('directory.hints.tagsPlaceholder')} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="validFrom" label={t('directory.fields.validFrom')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="validTo"
            label={t('directory.fields.validTo')}
            tooltip={t('directory.hints.validTo')}
            dependencies={['validFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null) => {
                  const from = getFieldValue('validFrom') as Dayjs | null;
                  if (value && from && !value.isAfter(from, 'day')) {
                    return Promise.reject(new Error(t('directory.hints.validToBeforeFrom')));
                  }
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="agency-form-submit">
          {submitLabel}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
