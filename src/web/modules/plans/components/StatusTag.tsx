import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../api';
import { STATUS_COLORS } from '../utils';

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="task-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`plans.status.${status}`)}
    </Tag>
  );
}

/** Overdue is computed by the server from the milestones; it is shown, never chosen. */
export function OverdueTag({ overdue, title }: { overdue: boolean; title?: string }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  const tag = (
    <Tag color="error" data-testid="task-overdue" style={{ marginInlineEnd: 0 }}>
      {t('plans.overdue')}
    </Tag>
  );
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}
