import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Progress as TProgress } from '../api';
import { percentDone } from '../utils';

/** Done tasks as a bar (in-progress shown behind it), with the overdue count in red. */
export function PlanProgress({ progress, compact }: { progress: TProgress; compact?: boolean }) {
  const { t } = useTranslation();
  const done = percentDone(progress);
  const started = progress.tasks ? Math.round(((progress.done + progress.inProgress) / progress.tasks) * 100) : 0;
  const detail = t('plans.progressDetail', {
    done: progress.done,
    total: progress.tasks,
    inProgress: progress.inProgress,
    overdue: progress.overdue,
    cannotDo: progress.cannotDo,
  });
  return (
    <Flex align="center" gap={8} style={{ minWidth: compact ? 140 : 200 }} data-testid="plan-progress">
      <Tooltip title={detail}>
        <div style={{ flex: 1, minWidth: 80 }}>
          <Progress
            percent={started}
            success={{ percent: done }}
            showInfo={false}
            size="small"
            aria-label={detail}
          />
        </div>
      </Tooltip>
      <Typography.Text style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
        {progress.done}/{progress.tasks}
      </Typography.Text>
      {progress.overdue > 0 ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="plan-overdue">
          {t('plans.overdueCount', { count: progress.overdue })}
        </Tag>
      ) : null}
    </Flex>
  );
}
