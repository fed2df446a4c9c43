import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { LinkOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { QueryError } from '../../../app/components';
import { formatDate, formatDateTime } from '../../../app/format';
import { showSuccess } from '../../../app/queryClient';
import {
  TASK_STATUSES,
  useAddTaskUpdate,
  useTask,
  type AgencyStatus,
  type Evidence,
  type Task,
  type TaskDetail,
  type TaskStatus,
  type TaskUpdate,
} from '../api';
import { useTaskParam } from '../utils';
import { OverdueTag, StatusTag } from './StatusTag';

interface ProgressValues {
  agencyId: string;
  milestoneId?: string | null;
  status: TaskStatus;
  note?: string;
  links?: { url?: string; title?: string }[];
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 4 }}>
      {evidence.map((e, i) =>
        e.kind === 'link' ? (
          <a key={i} href={e.url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
            <LinkOutlined /> {e.title || e.url}
          </a>
        ) : (
          <a key={i} href={`/api/files/${e.sha256}`} download={e.name} data-testid="evidence-file">
            <PaperClipOutlined /> {e.name}
          </a>
        ),
      )}
    </Flex>
  );
}

function ProgressForm({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form] = Form.useForm<ProgressValues>();
  const add = useAddTaskUpdate(detail.task.id);
  const reportable = detail.task.agencies.filter((a) => detail.reportableAgencyIds.includes(a.agencyId));
  const defaultAgency =
    reportable.find((a) => a.agencyId === user?.agencyId) ?? reportable.find((a) => a.role === 'lead') ?? reportable[0];
  const openMilestones = detail.task.milestones.filter((m) => !m.done);
  const [files, setFiles] = useState<{ sha256: string; name: string }[]>([]);
  const [uploading, setUploading] = useState(false);
  const { message } = App.useApp();

  const attach = async (file: File) => {
    setUploading(true);
    try {
      const { file: stored } = await api.upload<{ file: { sha256: string; originalName: string } }>('/api/files', file);
      setFiles((prev) => [...prev.filter((f) => f.sha256 !== stored.sha256), { sha256: stored.sha256, name: stored.originalName }]);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setUploading(false);
    }
  };

  useEffect(() => {
    form.setFieldsValue({
      agencyId: defaultAgency?.agencyId,
      status: defaultAgency && defaultAgency.status !== 'not_started' ? defaultAgency.status : 'in_progress',
    });
    // Only when another task is opened, not on every refetch.
  }, [detail.task.id]);

  return (
    <Card size="small" title={t('plans.progress.formTitle')} data-testid="progress-form">
      <Form<ProgressValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          const evidence: Evidence[] = (values.links ?? [])
            .filter((l) => l.url?.trim())
            .map((l): Evidence => ({ kind: 'link', url: l.url!.trim(), ...(l.title?.trim() ? { title: l.title.trim() } : {}) }))
            .concat(files.map((f): Evidence => ({ kind: 'file', sha256: f.sha256, name: f.name })));
          add.mutate(
            {
              agencyId: values.agencyId,
              milestoneId: values.milestoneId ?? null,
              status: values.status,
              note: values.note?.trim() ?? '',
              evidence,
            },
            {
              onSuccess: () => {
                form.setFieldsValue({ note: '', links: [], milestoneId: null });
                setFiles([]);
                showSuccess(t('plans.progress.submitted'));
              },
            },
          );
        }}
      >
        {reportable.length > 1 ? (
          <Form.Item name="agencyId" label={t('plans.progress.agency')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              options={reportable.map((a) => ({ value: a.agencyId, label: `${a.agencyName} (${t(`plans.role.${a.role}`)})` }))}
              data-testid="progress-agency"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="agencyId" hidden>
              <Input />
            </Form.Item>
            <Form.Item label={t('plans.progress.agency')}>
              <Typography.Text strong data-testid="progress-agency-name">
                {reportable[0]?.agencyName}
              </Typography.Text>
            </Form.Item>
          </>
        )}
        <Form.Item name="status" label={t('plans.progress.status')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group
            optionType="button"
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
            data-testid="progress-status"
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}
          />
        </Form.Item>
        {openMilestones.length > 1 ? (
          <Form.Item name="milestoneId" label={t('plans.progress.milestone')} extra={t('plans.progress.milestoneHelp')}>
            <Select
              allowClear
              placeholder={t('plans.progress.wholeTask')}
              options={openMilestones.map((m) => ({ value: m.id, label: `${m.label} — ${formatDate(m.dueDate)}` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('plans.progress.note')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} placeholder={t('plans.progress.notePlaceholder')} />
        </Form.Item>
        <Form.List name="links">
          {(fields, { add: addLink, remove }) => (
            <>
              <Typography.Text>{t('plans.progress.evidence')}</Typography.Text>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap style={{ marginTop: 8 }}>
                  <Form.Item
                    name={[field.name, 'url']}
                    style={{ flex: '2 1 220px', marginBottom: 0 }}
                    rules={[
                      { required: true, message: t('validation.required') },
                      { pattern: /^https?:\/\/\S+$/i, message: t('plans.progress.urlInvalid') },
                    ]}
                  >
                    <Input placeholder="https://…" aria-label={t('plans.progress.url')} data-testid="evidence-url" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']} style={{ flex: '1 1 160px', marginBottom: 0 }}>
                    <Input placeholder={t('plans.progress.linkTitle')} aria-label={t('plans.progress.linkTitle')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <div style={{ marginTop: 8, marginBottom: 16 }}>
                <Space wrap>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => addLink({})} data-testid="evidence-add">
                    {t('plans.progress.addLink')}
                  </Button>
                  <Upload
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void attach(file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<PaperClipOutlined />} loading={uploading} data-testid="evidence-attach">
                      {t('plans.progress.attachFile')}
                    </Button>
                  </Upload>
                </Space>
                {files.length > 0 ? (
                  <Flex vertical gap={2} style={{ marginTop: 8 }} data-testid="evidence-files">
                    {files.map((f) => (
                      <Flex key={f.sha256} gap={8} align="center">
                        <PaperClipOutlined />
                        <Typography.Text>{f.name}</Typography.Text>
                        <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => setFiles((prev) => prev.filter((x) => x.sha256 !== f.sha256))} />
                      </Flex>
                    ))}
                  </Flex>
                ) : null}
              </div>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="progress-submit">
          {t('plans.progress.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function History({ updates, task }: { updates: TaskUpdate[]; task: Task }) {
  const { t } = useTranslation();
  if (updates.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.progress.noUpdates')} />;
  const milestones = new Map(task.milestones.map((m) => [m.id, m]));
  return (
    <Timeline
      data-testid="task-history"
      items={updates.map((u) => ({
        key: u.id,
        color: u.status === 'done' ? 'green' : u.status === 'cannot_do' ? 'orange' : 'blue',
        content: (
          <div data-testid="task-update">
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>{u.agencyName}</Typography.Text>
              <StatusTag status={u.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(u.createdAt)}
              </Typography.Text>
            </Flex>
            {u.milestoneId && milestones.get(u.milestoneId) ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('plans.progress.forMilestone', { label: milestones.get(u.milestoneId)!.label })}
              </Typography.Text>
            ) : null}
            {u.note ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{u.note}</Typography.Paragraph> : null}
            <EvidenceList evidence={u.evidence} />
          </div>
        ),
      }))}
    />
  );
}

function AgencyLine({ a, mine }: { a: AgencyStatus; mine: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="task-agency"
      data-agency-id={a.agencyId}
      style={{
        borderInlineStart: `3px solid ${a.role === 'lead' ? '#1a56a8' : '#d9d9d9'}`,
        paddingInlineStart: 8,
        background: mine ? 'rgba(26, 86, 168, 0.06)' : undefined,
      }}
    >
      <Flex wrap gap={6} align="center">
        <Typography.Text strong={a.role === 'lead' || mine}>{a.agencyName}</Typography.Text>
        <Tag color={a.role === 'lead' ? 'blue' : 'default'}>{t(`plans.role.${a.role}`)}</Tag>
        <StatusTag status={a.status} />
        {a.lastUpdateAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plans.lastUpdate', { date: formatDateTime(a.lastUpdateAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {a.mention && a.mention !== a.agencyName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {t('plans.asWritten', { mention: a.mention })}
        </Typography.Text>
      ) : null}
      {a.reason ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="assignment-reason">
          {t('plans.reason', { reason: a.reason })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * Lead agencies one by one (with why a successor got the work); coordinating agencies
 * that came from one group mention ("UBND các huyện, thị xã, thành phố" → the communes)
 * folded under that mention, opened when it holds the user's own agency.
 */
function AgencyList({ agencies, userAgencyId }: { agencies: AgencyStatus[]; userAgencyId: string | null }) {
  const { t } = useTranslation();
  const leads = agencies.filter((a) => a.role === 'lead');
  const groups = new Map<string, AgencyStatus[]>();
  for (const a of agencies.filter((x) => x.role === 'coordinating')) {
    const key = a.mention ?? a.agencyName;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const singles = [...groups.values()].filter((g) => g.length === 1).map((g) => g[0]!);
  const folded = [...groups.entries()].filter(([, g]) => g.length > 1);
  return (
    <Flex vertical gap={8} data-testid="task-agencies">
      {leads.map((a) => (
        <AgencyLine key={a.agencyId} a={a} mine={a.agencyId === userAgencyId} />
      ))}
      {singles.map((a) => (
        <AgencyLine key={a.agencyId} a={a} mine={a.agencyId === userAgencyId} />
      ))}
      {folded.length ? (
        <Collapse
          size="small"
          defaultActiveKey={folded.filter(([, g]) => g.some((a) => a.agencyId === userAgencyId)).map(([k]) => k)}
          items={folded.map(([mention, group]) => {
            const started = group.filter((a) => a.status !== 'not_started').length;
            return {
              key: mention,
              label: (
                <span>
                  <Tag style={{ marginInlineEnd: 6 }}>{t('plans.role.coordinating')}</Tag>
                  {t('plans.groupMention', { mention, count: group.length })}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {t('plans.groupStarted', { count: started })}
                  </Typography.Text>
                </span>
              ),
              children: (
                <Flex vertical gap={6}>
                  {group.map((a) => (
                    <AgencyLine key={a.agencyId} a={{ ...a, mention: null }} mine={a.agencyId === userAgencyId} />
                  ))}
                </Flex>
              ),
            };
          })}
        />
      ) : null}
    </Flex>
  );
}

function TaskBody({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const task = detail.task;
  const agencies = task.agencies;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 130 } }}
        items={[
          {
            key: 'plan',
            label: t('plans.fields.plan'),
            children: <Link to={`/plans/${task.planId}`}>{task.planNumber ? `${task.planNumber} — ${task.planTitle}` : task.planTitle}</Link>,
          },
          {
            key: 'status',
            label: t('plans.fields.status'),
            children: (
              <Flex gap={4} wrap>
                <StatusTag status={task.status} />
                <OverdueTag overdue={task.overdue} />
              </Flex>
            ),
          },
          {
            key: 'timeline',
            label: t('plans.fields.timeline'),
            children: (
              <span>
                <Tag variant="filled">{t(`plans.timelineKind.${task.timeline.kind}`)}</Tag>
                {task.timeline.text}
              </span>
            ),
          },
          ...(task.outputs ? [{ key: 'outputs', label: t('plans.fields.outputs'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.outputs}</span> }] : []),
        ]}
      />

      <div>
        <Typography.Title level={5}>{t('plans.milestones')}</Typography.Title>
        {task.milestones.length === 0 ? (
          <Typography.Text type="secondary">{t('plans.noMilestones')}</Typography.Text>
        ) : (
          <Flex vertical gap={4} data-testid="task-milestones">
            {task.milestones.map((m) => (
              <Flex key={m.id} gap={8} align="center" wrap>
                <Typography.Text
                  type={m.overdue ? 'danger' : undefined}
                  strong={m.overdue}
                  style={{ minWidth: 90, fontVariantNumeric: 'tabular-nums' }}
                >
                  {formatDate(m.dueDate)}
                </Typography.Text>
                <Typography.Text>{m.label}</Typography.Text>
                {m.done ? <Tag color="success">{t('plans.milestoneDone')}</Tag> : null}
                {m.overdue ? <Tag color="error">{t('plans.overdue')}</Tag> : null}
              </Flex>
            ))}
          </Flex>
        )}
      </div>

      <div>
        <Typography.Title level={5}>{t('plans.agencies')}</Typography.Title>
        <AgencyList agencies={agencies} userAgencyId={user?.agencyId ?? null} />
      </div>

      {detail.reportableAgencyIds.length > 0 ? (
        <ProgressForm detail={detail} />
      ) : (
        <Alert type="info" showIcon title={t('plans.progress.readOnly')} data-testid="progress-readonly" />
      )}

      <div>
        <Typography.Title level={5}>{t('plans.progress.history')}</Typography.Title>
        <History updates={detail.updates} task={task} />
      </div>
    </Flex>
  );
}

/** The task opened by `?task=ID`: milestones, agencies, history and the progress form. */
export function TaskDrawer() {
  const { t } = useTranslation();
  const [taskId, setTaskId] = useTaskParam();
  const detail = useTask(taskId);
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const task = detail.data?.task;
  return (
    <Drawer
      open={Boolean(taskId)}
      onClose={() => setTaskId(null)}
      size={isMobile ? '100%' : 720}
      destroyOnHidden
      title={task ? `${task.ref}. ${task.title}` : t('plans.taskTitle')}
      data-testid="task-drawer"
      styles={{ body: { paddingTop: 12 } }}
    >
      {detail.error ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data ? (
        <TaskBody detail={detail.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </Drawer>
  );
}
