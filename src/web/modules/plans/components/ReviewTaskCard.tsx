import { memo, useCallback } from 'react';
import { Button, Card, Col, DatePicker, Flex, Input, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, fromApiDate, toApiDate } from '../../../app/format';
import { TIMELINE_KINDS, type DraftMention, type DraftTask, type Span, type TimelineKind } from '../api';
import { emptyMention, isLow, percent, type Focus, type MentionRole, type SourceIndex, type TaskField } from '../review';
import { MentionEditor } from './MentionEditor';
import { ReviewField } from './ReviewField';

interface Props {
  task: DraftTask;
  index: number;
  source: SourceIndex;
  onChange: (index: number, next: DraftTask) => void;
  onRemove: (index: number) => void;
  onFocus: (focus: Focus) => void;
}

/** One extracted task, every field editable; the focused field's words light up in the source. */
export const ReviewTaskCard = memo(function ReviewTaskCard({ task, index, source, onChange, onRemove, onFocus }: Props) {
  const { t } = useTranslation();
  const src = source.task(task, index);
  const conf = src.confidence;
  const idp = `task-${index}`;

  const focusField = useCallback(
    (field: TaskField, span: Span | null | undefined) =>
      onFocus({ key: `${idp}-${field}`, label: `${t('plans.review.taskN', { ref: task.ref })} · ${t(`plans.review.taskFields.${field}`)}`, span: span ?? null }),
    [idp, onFocus, t, task.ref],
  );

  const set = (patch: Partial<DraftTask>) => onChange(index, { ...task, ...patch });
  const setTimeline = (patch: Partial<DraftTask['timeline']>) => set({ timeline: { ...task.timeline, ...patch } });
  const setMentions = (role: MentionRole, list: DraftMention[]) => set({ [role]: list } as Partial<DraftTask>);

  const lowMark = (field: Exclude<TaskField, 'ref'>) =>
    conf && isLow(conf[field]) ? ('warning' as const) : null;
  const lowTip = (field: Exclude<TaskField, 'ref'>) =>
    conf && isLow(conf[field]) ? t('plans.review.lowConfidence', { confidence: percent(conf[field]) }) : null;

  const noLead = !task.lead.some((m) => m.agencyIds.length > 0);
  const timelineMark = lowMark('timeline') ?? (task.timeline.kind === 'unspecified' ? 'warning' : null);

  const mentionList = (role: MentionRole) => {
    const list = task[role];
    const fieldMark = role === 'lead' && noLead ? ('error' as const) : lowMark(role);
    const fieldTip = role === 'lead' && noLead ? t('plans.review.noLeadTip') : lowTip(role);
    return (
      <ReviewField label={t(`plans.review.taskFields.${role}`)} mark={fieldMark} tip={fieldTip} testId={`review-${role}`}>
        <div>
          {list.map((m, mi) => (
            <MentionEditor
              key={mi}
              id={`${idp}-${role}-${mi}`}
              mention={m}
              onChange={(next) => setMentions(role, list.map((x, j) => (j === mi ? next : x)))}
              onRemove={() => setMentions(role, list.filter((_, j) => j !== mi))}
              onFocus={() =>
                onFocus({
                  key: `${idp}-${role}-${mi}`,
                  label: `${t('plans.review.taskN', { ref: task.ref })} · ${m.mention || t(`plans.review.taskFields.${role}`)}`,
                  span: source.mention(src, role, m, mi) ?? src.spans?.[role]?.[0] ?? null,
                })
              }
            />
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => setMentions(role, [...list, emptyMention()])}
            data-testid={`add-${role}`}
          >
            {t(role === 'lead' ? 'plans.review.addLead' : 'plans.review.addCoordinating')}
          </Button>
        </div>
      </ReviewField>
    );
  };

  return (
    <Card
      size="small"
      data-testid="review-task"
      data-ref={task.ref}
      id={idp}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{t('plans.review.taskN', { ref: task.ref })}</Typography.Text>
          {noLead ? <Tag color="error">{t('plans.review.noLead')}</Tag> : null}
          {src.parsed === null ? <Tag>{t('plans.review.addedByReviewer')}</Tag> : null}
        </Flex>
      }
      extra={
        <Popconfirm
          title={t('plans.review.removeTaskConfirm', { ref: task.ref })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onRemove(index)}
        >
          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('plans.review.removeTask', { ref: task.ref })} />
        </Popconfirm>
      }
      style={{ marginBottom: 12, ...(noLead ? { borderColor: '#ffa39e' } : {}) }}
    >
      <Row gutter={12}>
        <Col xs={8} sm={5}>
          <ReviewField label={t('plans.review.taskFields.ref')} htmlFor={`${idp}-ref`} mark={task.ref.trim() ? null : 'error'} tip={task.ref.trim() ? null : t('validation.required')}>
            <Input
              id={`${idp}-ref`}
              value={task.ref}
              maxLength={30}
              onChange={(e) => set({ ref: e.target.value })}
              onFocus={() => focusField('ref', src.spans?.ref)}
            />
          </ReviewField>
        </Col>
        <Col xs={24} sm={19}>
          <ReviewField
            label={t('plans.review.taskFields.title')}
            htmlFor={`${idp}-title`}
            mark={task.title.trim() ? lowMark('title') : 'error'}
            tip={task.title.trim() ? lowTip('title') : t('validation.required')}
          >
            <Input.TextArea
              id={`${idp}-title`}
              value={task.title}
              autoSize={{ minRows: 1, maxRows: 6 }}
              onChange={(e) => set({ title: e.target.value })}
              onFocus={() => focusField('title', src.spans?.title)}
              data-testid="task-title-input"
            />
          </ReviewField>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <ReviewField label={t('plans.review.taskFields.timeline')} htmlFor={`${idp}-kind`} mark={timelineMark} tip={lowTip('timeline') ?? (timelineMark ? t('plans.review.unspecifiedTip') : null)}>
            <Select<TimelineKind>
              id={`${idp}-kind`}
              value={task.timeline.kind}
              onChange={(kind) => setTimeline({ kind })}
              onFocus={() => focusField('timeline', src.spans?.timeline)}
              options={TIMELINE_KINDS.map((k) => ({ value: k, label: t(`plans.timelineKind.${k}`) }))}
              data-testid="task-timeline-kind"
            />
          </ReviewField>
        </Col>
        <Col xs={24} sm={14}>
          <ReviewField label={t('plans.review.timelineText')} htmlFor={`${idp}-ttext`}>
            <Input
              id={`${idp}-ttext`}
              value={task.timeline.text ?? ''}
              onChange={(e) => setTimeline({ text: e.target.value || null })}
              onFocus={() => focusField('timeline', src.spans?.timeline)}
            />
          </ReviewField>
        </Col>
        <Col xs={24} sm={10}>
          <ReviewField
            label={t('plans.review.due')}
            htmlFor={`${idp}-due`}
            mark={task.timeline.kind === 'deadline' && !task.timeline.due ? 'warning' : null}
            tip={task.timeline.kind === 'deadline' && !task.timeline.due ? t('plans.review.dueMissing') : null}
          >
            <DatePicker
              id={`${idp}-due`}
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              value={fromApiDate(task.timeline.due)}
              onChange={(d) => setTimeline({ due: toApiDate(d) })}
              onFocus={() => focusField('timeline', src.spans?.timeline)}
              style={{ width: '100%' }}
            />
          </ReviewField>
        </Col>
        <Col xs={12} sm={7}>
          <ReviewField label={t('plans.review.from')} htmlFor={`${idp}-from`}>
            <Input
              id={`${idp}-from`}
              value={task.timeline.from ?? ''}
              placeholder="2023"
              maxLength={20}
              onChange={(e) => setTimeline({ from: e.target.value.trim() || null })}
              onFocus={() => focusField('timeline', src.spans?.timeline)}
            />
          </ReviewField>
        </Col>
        <Col xs={12} sm={7}>
          <ReviewField label={t('plans.review.to')} htmlFor={`${idp}-to`}>
            <Input
              id={`${idp}-to`}
              value={task.timeline.to ?? ''}
              placeholder="2025"
              maxLength={20}
              onChange={(e) => setTimeline({ to: e.target.value.trim() || null })}
              onFocus={() => focusField('timeline', src.spans?.timeline)}
            />
          </ReviewField>
        </Col>
      </Row>
      <ReviewField label={t('plans.review.taskFields.outputs')} htmlFor={`${idp}-outputs`} mark={lowMark('outputs')} tip={lowTip('outputs')}>
        <Input.TextArea
          id={`${idp}-outputs`}
          value={task.outputs ?? ''}
          autoSize={{ minRows: 1, maxRows: 6 }}
          onChange={(e) => set({ outputs: e.target.value || null })}
          onFocus={() => focusField('outputs', src.spans?.outputs)}
        />
      </ReviewField>
      {mentionList('lead')}
      {mentionList('coordinating')}
    </Card>
  );
});
