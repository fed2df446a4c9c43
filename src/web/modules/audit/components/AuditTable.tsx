import { Table, Tag, Typography, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../app/format';
import type { AuditEntry } from '../api';
import { JsonDiff } from './JsonDiff';
import { useAuditLabels } from './labels';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  add: 'green',
  update: 'blue',
  delete: 'red',
  remove: 'red',
  revoke: 'orange',
  password_reset: 'orange',
  password_change: 'purple',
  login_failed: 'red',
  lockout: 'red',
  login: 'default',
};

/** Actions are `entity.verb` (sometimes `entity.sub.verb`); the verb picks the colour. */
function colorOf(action: string): string {
  const verb = action.split('.').pop() ?? action;
  return ACTION_COLORS[verb] ?? 'default';
}

/** Where an audited entity can be opened in the UI. */
function entityLink(entry: AuditEntry): string | null {
  if (!entry.entityId) return null;
  if (entry.entityType === 'agency') return `/directory/agencies/${entry.entityId}`;
  return null;
}

interface Props {
  items: AuditEntry[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  /** The agency history hides the entity column: it is always the same agency. */
  showEntity?: boolean;
}

export function AuditTable({ items, loading, pagination, showEntity = true }: Props) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      data-testid="audit-table"
      expandable={{
        expandedRowRender: (entry) => <JsonDiff before={entry.before} after={entry.after} />,
        expandRowByClick: false,
      }}
      columns={[
        {
          key: 'at',
          title: t('audit.at'),
          dataIndex: 'at',
          render: (value: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value)}</span>,
        },
        {
          key: 'actor',
          title: t('audit.actor'),
          dataIndex: 'actorEmail',
          render: (value: string | null) => value ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
        },
        {
          key: 'action',
          title: t('audit.action'),
          dataIndex: 'action',
          render: (value: string) => <Tag color={colorOf(value)}>{labels.action(value)}</Tag>,
        },
        ...(showEntity
          ? [
              {
                key: 'entity',
                title: t('audit.entity'),
                render: (_: unknown, entry: AuditEntry) => {
                  const link = entityLink(entry);
                  const label = labels.entityType(entry.entityType);
                  return (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {label}
                      {entry.entityId ? (
                        <>
                          {' · '}
                          {link ? (
                            <Link to={link}>{entry.entityId.slice(0, 8)}</Link>
                          ) : (
                            <Typography.Text code>{entry.entityId.slice(0, 8)}</Typography.Text>
                          )}
                        </>
                      ) : null}
                    </span>
                  );
                },
              },
            ]
          : []),
        {
          key: 'requestId',
          title: t('audit.requestId'),
          dataIndex: 'requestId',
          responsive: ['lg'],
          render: (value: string | null) =>
            value ? (
              <Typography.Text type="secondary" copyable={{ text: value }} style={{ fontSize: 12 }}>
                {value.slice(0, 12)}
              </Typography.Text>
            ) : null,
        },
      ]}
    />
  );
}
