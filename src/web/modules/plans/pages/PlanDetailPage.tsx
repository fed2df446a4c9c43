import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Segmented, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FullPageSpinner, PageHeader, QueryError } from '../../../app/components';
import { formatDate, viCollator } from '../../../app/format';
import { TASK_STATUSES, usePlan, usePlans, useUpdatePlan, type PlanDetail, type PlanSummary, type ReportingRule, type Task, type TaskStatus } from '../api';
import { PlanProgress } from '../components/PlanProgress';
import { TaskDrawer } from '../components/TaskDrawer';
import { TasksTable } from '../components/TasksTable';
import { planLabel, useTaskParam } from '../utils';

type View = 'tasks' | 'agencies';

interface AgencyRow {
  agencyId: string;
  agencyName: string;
  lead: number;
  coordinating: number;
  byStatus: Record<TaskStatus, number>;
  overdue: number;
}

function byAgency(tasks: Task[]): AgencyRow[] {
  const rows = new Map<string, AgencyRow>();
  for (const task of tasks) {
    for (const a of task.agencies) {
      let row = rows.get(a.agencyId);
      if (!row) {
        row = { agencyId: a.agencyId, agencyName: a.agencyName, lead: 0, coordinating: 0, byStatus: { not_started: 0, in_progress: 0, done: 0, cannot_do: 0 }, overdue: 0 };
        rows.set(a.agencyId, row);
      }
      row[a.role]++;
      row.byStatus[a.status]++;
      if (task.overdue && a.role === 'lead') row.overdue++;
    }
  }
  return [...rows.values()].sort((x, y) => y.lead - x.lead || viCollator.compare(x.agencyName, y.agencyName));
}

function ReportingText({ rule }: { rule: ReportingRule }) {
  const { t } = useTranslation();
  const when = rule.day && rule.month ? t('plans.reportBy', { day: rule.day, month: rule.month }) : '';
  const recurrence = rule.recurrence ? t(`plans.recurrence.${rule.recurrence}`, { defaultValue: rule.recurrence }) : '';
  return (
    <span>
      <strong>{rule.who ?? '—'}</strong> → {rule.to ?? '—'}
      {when ? `, ${when}` : ''}
      {recurrence ? ` (${recurrence.toLowerCase()})` : ''}
    </span>
  );
}

function EditPlanModal({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; parentPlanId: string | null; status: 'active' | 'closed' }>();
  const update = useUpdatePlan(plan.id);
  const plans = usePlans();
  return (
    <Modal
      open
      title={t('plans.editTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: plan.title, parentPlanId: plan.parentPlanId, status: plan.status }}
        onFinish={(values) =>
          update.mutate(
            { version: plan.version, title: values.title.trim(), parentPlanId: values.parentPlanId ?? null, status: values.status },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="title" label={t('plans.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="parentPlanId" label={t('plans.review.parentPlan')} extra={t('plans.parentHelp')}>
          <Select
            allowClear
            placeholder={t('plans.review.noParent')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(plans.data ?? []).filter((p) => p.id !== plan.id).map((p) => ({ value: p.id, label: planLabel(p) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('plans.fields.status')}>
          <Segmented
            options={[
              { value: 'active', label: t('plans.active') },
              { value: 'closed', label: t('plans.closed') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const plan = usePlan(id);
  const [, setTaskId] = useTaskParam();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const view = (params.get('view') as View | null) ?? 'tasks';
  const agencyFilter = params.get('agency');
  const statusFilter = params.get('status') as TaskStatus | null;
  const overdueOnly = params.get('overdue') === '1';

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const tasks = plan.data?.tasks;
  const agencyRows = useMemo(() => byAgency(tasks ?? []), [tasks]);
  const filtered = useMemo(
    () =>
      (tasks ?? []).filter(
        (task) =>
          (!agencyFilter || task.agencies.some((a) => a.agencyId === agencyFilter)) &&
          (!statusFilter || task.status === statusFilter) &&
          (!overdueOnly || task.overdue),
      ),
    [tasks, agencyFilter, statusFilter, overdueOnly],
  );

  if (plan.error) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <FullPageSpinner />;
  const p = plan.data;
  const canManage = p.allowedActions.includes('manage');

  const childColumns: ColumnsType<PlanSummary> = [
    { title: t('plans.fields.number'), key: 'number', width: 140, render: (_, c) => c.number ?? '—' },
    { title: t('plans.fields.title'), key: 'title', render: (_, c) => <Link to={`/plans/${c.id}`}>{c.title}</Link> },
    { title: t('plans.fields.issuer'), key: 'issuer', responsive: ['lg'], render: (_, c) => c.issuer ?? '—' },
    { title: t('plans.fields.progress'), key: 'progress', width: 260, render: (_, c) => <PlanProgress progress={c.progress} compact /> },
  ];

  const agencyColumns: ColumnsType<AgencyRow> = [
    {
      title: t('plans.agency'),
      key: 'name',
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.set('agency', r.agencyId);
                next.delete('view');
                return next;
              },
              { replace: true },
            )
          }
        >
          {r.agencyName}
        </Button>
      ),
    },
    { title: t('plans.role.lead'), key: 'lead', width: 90, render: (_, r) => r.lead },
    { title: t('plans.role.coordinating'), key: 'coordinating', width: 90, render: (_, r) => r.coordinating },
    ...TASK_STATUSES.map((s) => ({
      title: t(`plans.status.${s}`),
      key: s,
      width: 110,
      render: (_: unknown, r: AgencyRow) => r.byStatus[s] || '—',
    })),
    {
      title: t('plans.overdue'),
      key: 'overdue',
      width: 90,
      render: (_, r) => (r.overdue ? <Typography.Text type="danger" strong>{r.overdue}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={[p.number, p.issuer, formatDate(p.issuedOn)].filter(Boolean).join(' · ')}
        extra={
          <>
            <Button icon={<FileWordOutlined />} href={`/api/plans/${encodeURIComponent(p.id)}/export?format=docx`} download data-testid="export-docx">
              {t('plans.exportDocx')}
            </Button>
            <Button icon={<FileExcelOutlined />} href={`/api/plans/${encodeURIComponent(p.id)}/export?format=xlsx`} download data-testid="export-xlsx">
              {t('plans.exportXlsx')}
            </Button>
            {canManage ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('plans.info')} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              data-testid="plan-info"
              items={[
                { key: 'number', label: t('plans.fields.number'), children: p.number ?? '—' },
                { key: 'issuer', label: t('plans.fields.issuer'), children: p.issuer ?? '—' },
                {
                  key: 'date',
                  label: t('plans.fields.date'),
                  children: [p.place, formatDate(p.issuedOn)].filter(Boolean).join(', ') || '—',
                },
                {
                  key: 'status',
                  label: t('plans.fields.status'),
                  children: <Tag color={p.status === 'active' ? 'processing' : 'default'}>{t(p.status === 'active' ? 'plans.active' : 'plans.closed')}</Tag>,
                },
                ...(p.parent
                  ? [
                      {
                        key: 'parent',
                        label: t('plans.parent'),
                        children: (
                          <Link to={`/plans/${p.parent.id}`} data-testid="plan-parent">
                            {planLabel(p.parent)}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'basis',
                  label: t('plans.basis'),
                  children: p.basis.length ? (
                    <Flex vertical gap={2} data-testid="plan-basis">
                      {p.basis.map((b, i) => (
                        <span key={i}>
                          {b.planId ? <Link to={`/plans/${b.planId}`}>{b.number}</Link> : b.number}
                          {b.date ? <Typography.Text type="secondary">{` ${t('plans.dated', { date: formatDate(b.date) })}`}</Typography.Text> : null}
                        </span>
                      ))}
                    </Flex>
                  ) : (
                    '—'
                  ),
                },
                ...(p.reporting.length
                  ? [
                      {
                        key: 'reporting',
                        label: t('plans.reporting'),
                        children: (
                          <Flex vertical gap={2}>
                            {p.reporting.map((r, i) => (
                              <ReportingText key={i} rule={r} />
                            ))}
                          </Flex>
                        ),
                      },
                    ]
                  : []),
                ...(p.signer?.name ? [{ key: 'signer', label: t('plans.signer'), children: [p.signer.title, p.signer.name].filter(Boolean).join(' ') }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('plans.fields.progress')} style={{ height: '100%' }}>
            <Flex vertical gap={12}>
              <div>
                <Typography.Text type="secondary">{t('plans.ownProgress')}</Typography.Text>
                <PlanProgress progress={p.progress} />
              </div>
              {p.children.length ? (
                <div data-testid="plan-rollup">
                  <Typography.Text type="secondary">{t('plans.rollup', { count: p.children.length })}</Typography.Text>
                  <PlanProgress progress={p.rollup} />
                </div>
              ) : null}
              <Flex wrap gap={8}>
                {TASK_STATUSES.map((s) => {
                  const n = p.tasks.filter((task) => task.status === s).length;
                  return (
                    <Tag key={s} style={{ cursor: 'pointer' }} onClick={() => setParam('status', statusFilter === s ? null : s)} color={statusFilter === s ? 'blue' : undefined}>
                      {t(`plans.status.${s}`)}: {n}
                    </Tag>
                  );
                })}
              </Flex>
            </Flex>
          </Card>
        </Col>
      </Row>

      {p.children.length ? (
        <Card size="small" title={t('plans.children', { count: p.children.length })} style={{ marginBottom: 16 }}>
          <Table<PlanSummary> rowKey="id" size="small" columns={childColumns} dataSource={p.children} pagination={false} scroll={{ x: 760 }} data-testid="plan-children" />
        </Card>
      ) : null}

      <Card
        size="small"
        title={t('plans.tasksTitle', { count: p.tasks.length })}
        extra={
          <Segmented<View>
            size="small"
            value={view}
            onChange={(v) => setParam('view', v === 'tasks' ? null : v)}
            options={[
              { value: 'tasks', label: t('plans.viewTasks') },
              { value: 'agencies', label: t('plans.viewAgencies') },
            ]}
          />
        }
      >
        {view === 'tasks' ? (
          <>
            <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
              <Select<string | null>
                allowClear
                value={agencyFilter}
                onChange={(v) => setParam('agency', v ?? null)}
                placeholder={t('plans.allAgencies')}
                aria-label={t('plans.agency')}
                showSearch={{ optionFilterProp: 'label' }}
                options={agencyRows.map((r) => ({ value: r.agencyId, label: r.agencyName }))}
                style={{ flex: '1 1 260px', maxWidth: 420 }}
                data-testid="filter-agency"
              />
              <Select<TaskStatus | null>
                allowClear
                value={statusFilter}
                onChange={(v) => setParam('status', v ?? null)}
                placeholder={t('plans.allStatuses')}
                aria-label={t('plans.fields.status')}
                options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
                style={{ width: 200 }}
              />
              <Flex align="center" gap={8}>
                <Switch checked={overdueOnly} onChange={(c) => setParam('overdue', c ? '1' : null)} aria-label={t('plans.overdueOnly')} />
                <Typography.Text>{t('plans.overdueOnly')}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
                {t('plans.shownOf', { shown: filtered.length, total: p.tasks.length })}
              </Typography.Text>
            </Flex>
            <TasksTable tasks={filtered} onOpen={setTaskId} loading={plan.isFetching && !plan.data} />
          </>
        ) : (
          <Table<AgencyRow>
            rowKey="agencyId"
            size="small"
            columns={agencyColumns}
            dataSource={agencyRows}
            pagination={agencyRows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            data-testid="agency-summary"
          />
        )}
      </Card>
      <TaskDrawer />
      {editing ? <EditPlanModal plan={p} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
