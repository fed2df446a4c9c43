import { useMemo } from 'react';
import { Alert, Card, Flex, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { TASK_STATUSES, usePlans, useTasks, type TaskStatus } from '../api';
import { TaskDrawer } from '../components/TaskDrawer';
import { TasksTable } from '../components/TasksTable';
import { planLabel, useTaskParam } from '../utils';

/**
 * Tasks across plans: "my agency's tasks" (mine=true, the agency editor's work list) or
 * the overdue list the coordinator chases (overdue=true), filterable by plan and status.
 */
export function TaskListPage({ mode }: { mode: 'mine' | 'overdue' }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [, setTaskId] = useTaskParam();
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan');
  const status = params.get('status') as TaskStatus | null;
  const overdueOnly = params.get('overdue') === '1';
  const noAgency = mode === 'mine' && !user?.agencyId;
  const tasks = useTasks(mode === 'mine' ? { mine: true } : { overdue: true }, { enabled: !noAgency });
  const plans = usePlans();

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

  const rows = useMemo(() => {
    const list = (tasks.data ?? []).filter(
      (task) => (!planId || task.planId === planId) && (!status || task.status === status) && (!overdueOnly || task.overdue),
    );
    // Overdue first, then by the next due date.
    return list.slice().sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999'));
  }, [tasks.data, planId, status, overdueOnly]);

  const planOptions = useMemo(() => {
    const ids = new Set((tasks.data ?? []).map((task) => task.planId));
    return (plans.data ?? []).filter((p) => ids.has(p.id)).map((p) => ({ value: p.id, label: planLabel(p) }));
  }, [plans.data, tasks.data]);

  return (
    <>
      <PageHeader
        title={mode === 'mine' ? t('plans.mine.title') : t('plans.overdueList.title')}
        subtitle={
          mode === 'mine'
            ? user?.agencyName
              ? t('plans.mine.subtitle', { agency: user.agencyName })
              : undefined
            : t('plans.overdueList.subtitle')
        }
      />
      <Card>
        {noAgency ? (
          <Alert type="info" showIcon title={t('plans.mine.noAgency')} />
        ) : (
          <>
            <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
              <Select<string | null>
                allowClear
                value={planId}
                onChange={(v) => setParam('plan', v ?? null)}
                placeholder={t('plans.allPlans')}
                aria-label={t('plans.fields.plan')}
                options={planOptions}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ flex: '1 1 260px', maxWidth: 460 }}
              />
              <Select<TaskStatus | null>
                allowClear
                value={status}
                onChange={(v) => setParam('status', v ?? null)}
                placeholder={t('plans.allStatuses')}
                aria-label={t('plans.fields.status')}
                options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
                style={{ width: 200 }}
              />
              {mode === 'mine' ? (
                <Flex align="center" gap={8}>
                  <Switch checked={overdueOnly} onChange={(c) => setParam('overdue', c ? '1' : null)} aria-label={t('plans.overdueOnly')} />
                  <Typography.Text>{t('plans.overdueOnly')}</Typography.Text>
                </Flex>
              ) : null}
              <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
                {t('plans.taskCount', { count: rows.length })}
              </Typography.Text>
            </Flex>
            {tasks.error ? (
              <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
            ) : (
              <TasksTable
                tasks={rows}
                loading={tasks.isLoading}
                onOpen={setTaskId}
                showPlan
                agencyId={mode === 'mine' ? user?.agencyId : null}
                emptyText={mode === 'mine' ? t('plans.mine.empty') : t('plans.overdueList.empty')}
              />
            )}
          </>
        )}
      </Card>
      <TaskDrawer />
    </>
  );
}
