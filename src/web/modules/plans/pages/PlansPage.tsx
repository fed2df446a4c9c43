import { useMemo, useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { foldVietnamese, formatDate } from '../../../app/format';
import { usePlans, type PlanSummary } from '../api';
import { PlanProgress } from '../components/PlanProgress';

type Show = 'active' | 'all';

export default function PlansPage() {
  const { t } = useTranslation();
  const { canManageDirectory: canImport } = useAuth();
  const plans = usePlans();
  const [q, setQ] = useState('');
  const [show, setShow] = useState<Show>('active');

  const byId = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p])), [plans.data]);
  const rows = useMemo(() => {
    const needle = foldVietnamese(q.trim());
    return (plans.data ?? []).filter(
      (p) =>
        (show === 'all' || p.status === 'active') &&
        (!needle || foldVietnamese(`${p.number ?? ''} ${p.title} ${p.issuer ?? ''}`).includes(needle)),
    );
  }, [plans.data, q, show]);

  const columns: ColumnsType<PlanSummary> = [
    {
      title: t('plans.fields.number'),
      key: 'number',
      width: 140,
      render: (_, p) => <Typography.Text style={{ whiteSpace: 'nowrap' }}>{p.number ?? '—'}</Typography.Text>,
    },
    {
      title: t('plans.fields.title'),
      key: 'title',
      render: (_, p) => {
        const parent = p.parentPlanId ? byId.get(p.parentPlanId) : undefined;
        return (
          <div style={{ minWidth: 220 }}>
            <Link to={`/plans/${p.id}`} data-testid="plan-link">
              {p.title}
            </Link>
            {p.status === 'closed' ? <Tag style={{ marginInlineStart: 6 }}>{t('plans.closed')}</Tag> : null}
            {parent ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('plans.implements', { plan: parent.number ?? parent.title })}
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    { title: t('plans.fields.issuer'), dataIndex: 'issuer', key: 'issuer', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      title: t('plans.fields.date'),
      key: 'date',
      width: 110,
      responsive: ['md'],
      render: (_, p) => formatDate(p.issuedOn) || '—',
    },
    {
      title: t('plans.fields.progress'),
      key: 'progress',
      width: 260,
      render: (_, p) => <PlanProgress progress={p.progress} compact />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        extra={
          canImport ? (
            <Link to="/plans/import">
              <Button type="primary" icon={<ImportOutlined />} data-testid="plan-import">
                {t('plans.importPlan')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('plans.searchPlaceholder')}
            aria-label={t('plans.searchPlaceholder')}
            style={{ flex: '1 1 240px', maxWidth: 420 }}
          />
          <Segmented<Show>
            value={show}
            onChange={setShow}
            options={[
              { value: 'active', label: t('plans.showActive') },
              { value: 'all', label: t('plans.showAll') },
            ]}
          />
        </Flex>
        {plans.error ? (
          <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <Table<PlanSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={plans.isLoading}
            pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
            scroll={{ x: 880 }}
            locale={{ emptyText: q ? t('common.noMatch') : t('plans.empty') }}
            data-testid="plans-table"
          />
        )}
      </Card>
    </>
  );
}
