import { Flex, Grid, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import type { Task } from '../api';
import { daysLate, leadAgencies } from '../utils';
import { OverdueTag, StatusTag } from './StatusTag';

interface Props {
  tasks: Task[];
  loading?: boolean;
  onOpen: (taskId: string) => void;
  /** Show the plan each task belongs to (lists across plans). */
  showPlan?: boolean;
  /** The signed-in user's agency: its own role and status on each task get a column. */
  agencyId?: string | null;
  emptyText?: string;
  'data-testid'?: string;
}

function AgencyNames({ names, max = 2 }: { names: string[]; max?: number }) {
  if (names.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  return (
    <span>
      {shown.join('; ')}
      {rest > 0 ? (
        <Tooltip title={names.slice(max).join('; ')}>
          <Tag style={{ marginInlineStart: 6 }}>+{rest}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** Tasks with their lead agencies, status and next due date; a row opens the task drawer. */
export function TasksTable({ tasks, loading, onOpen, showPlan, agencyId, emptyText, ...rest }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // Phones: status and due date go under the title instead of in columns of their own.
  const narrow = screens.sm === false;
  const dueText = (task: Task) => {
    const late = task.milestones.find((m) => m.overdue);
    if (!task.nextDue) return null;
    return (
      <Typography.Text type={task.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {formatDate(late?.dueDate ?? task.nextDue)}
        {late ? ` · ${t('plans.daysLate', { count: daysLate(late.dueDate) })}` : ''}
      </Typography.Text>
    );
  };
  const columns: ColumnsType<Task> = [
    { title: t('plans.fields.ref'), dataIndex: 'ref', key: 'ref', width: narrow ? 48 : 64 },
    {
      title: t('plans.fields.task'),
      key: 'title',
      render: (_, task) => (
        <div style={{ minWidth: narrow ? 0 : 220 }}>
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              onOpen(task.id);
            }}
            data-testid="task-open"
          >
            {task.title}
          </Typography.Link>
          {showPlan ? (
            <div>
              <Link to={`/plans/${task.planId}`} onClick={(e) => e.stopPropagation()} style={{ fontSize: 12 }}>
                {task.planNumber ?? task.planTitle}
              </Link>
            </div>
          ) : null}
          {narrow ? (
            <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
              <StatusTag status={task.status} />
              <OverdueTag overdue={task.overdue} />
              {dueText(task)}
            </Flex>
          ) : null}
        </div>
      ),
    },
    {
      title: t('plans.fields.lead'),
      key: 'lead',
      responsive: ['md'],
      render: (_, task) => <AgencyNames names={leadAgencies(task).map((a) => a.agencyName)} />,
    },
  ];
  if (agencyId) {
    columns.push({
      title: t('plans.myAgency'),
      key: 'mine',
      responsive: ['sm'],
      render: (_, task) => {
        const mine = task.agencies.find((a) => a.agencyId === agencyId);
        if (!mine) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Flex vertical gap={4} align="start">
            <Tag color={mine.role === 'lead' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
              {t(`plans.role.${mine.role}`)}
            </Tag>
            <StatusTag status={mine.status} />
          </Flex>
        );
      },
    });
  }
  columns.push(
    {
      title: t('plans.fields.status'),
      key: 'status',
      width: 150,
      responsive: ['sm'],
      render: (_, task) => (
        <Flex wrap gap={4}>
          <StatusTag status={task.status} />
          <OverdueTag overdue={task.overdue} />
        </Flex>
      ),
    },
    {
      title: t('plans.fields.nextDue'),
      key: 'nextDue',
      width: 130,
      responsive: ['sm'],
      render: (_, task) => {
        const late = task.milestones.find((m) => m.overdue);
        return task.nextDue ? (
          <div>
            <Typography.Text type={task.overdue ? 'danger' : undefined} strong={task.overdue}>
              {formatDate(late?.dueDate ?? task.nextDue)}
            </Typography.Text>
            {late ? (
              <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('plans.daysLate', { count: daysLate(late.dueDate) })}
              </Typography.Text>
            ) : null}
          </div>
        ) : (
          <Typography.Text type="secondary">{t(`plans.timelineKind.${task.timeline.kind}`)}</Typography.Text>
        );
      },
    },
    {
      title: t('plans.fields.timeline'),
      key: 'timeline',
      responsive: ['lg'],
      render: (_, task) => (
        <span>
          <Tag variant="filled">{t(`plans.timelineKind.${task.timeline.kind}`)}</Tag>
          {task.timeline.text ? <Typography.Text type="secondary">{task.timeline.text}</Typography.Text> : null}
        </span>
      ),
    },
  );
  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      pagination={tasks.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={narrow ? undefined : { x: 760 }}
      locale={{ emptyText: emptyText ?? t('plans.noTasks') }}
      onRow={(task) => ({
        onClick: () => onOpen(task.id),
        style: { cursor: 'pointer', ...(task.overdue ? { background: 'rgba(255, 77, 79, 0.06)' } : {}) },
        'data-task-id': task.id,
        'data-overdue': task.overdue ? 'true' : 'false',
      } as React.HTMLAttributes<HTMLElement>)}
      data-testid={rest['data-testid'] ?? 'tasks-table'}
    />
  );
}
