import { useMemo } from 'react';
import { Button, Card, DatePicker, Flex, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader, QueryError } from '../../../app/components';
import { API_DATE_FORMAT, DATE_FORMAT } from '../../../app/format';
import { useUsers } from '../../users/api';
import { useAudit } from '../api';
import { AuditTable } from '../components/AuditTable';
import { useAuditLabels } from '../components/labels';

// What the server writes today (src/server: writeAudit calls); other values still show as sent.
const ENTITY_TYPES = ['agency', 'agency_group', 'person', 'user', 'api_token'];
const ACTIONS = [
  'agency.create',
  'agency.update',
  'agency.succession.add',
  'agency.succession.remove',
  'group.create',
  'group.update',
  'person.create',
  'person.update',
  'person.delete',
  'user.create',
  'user.update',
  'user.password_change',
  'user.password_reset',
  'auth.login',
  'auth.login_failed',
  'auth.lockout',
  'token.create',
  'token.revoke',
];
const PAGE_SIZES = [20, 50, 100];

export default function AuditPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [params, setParams] = useSearchParams();
  const users = useUsers();

  const filters = useMemo(() => {
    const pageSize = Number(params.get('pageSize')) || 20;
    return {
      entityType: params.get('entityType') ?? undefined,
      entityId: params.get('entityId') ?? undefined,
      action: params.get('action') ?? undefined,
      actorId: params.get('actorId') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    };
  }, [params]);

  const audit = useAudit(filters);

  /** Any filter change goes back to the first page. */
  const update = (changes: Record<string, string | null | undefined>, keepPage = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const range: [Dayjs | null, Dayjs | null] | null =
    filters.from || filters.to
      ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
      : null;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()} loading={audit.isFetching}>
            {t('common.reload')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }} data-testid="audit-filters">
          <Select<string | undefined>
            allowClear
            value={filters.entityType}
            onChange={(v) => update({ entityType: v, entityId: null })}
            placeholder={t('audit.allEntityTypes')}
            aria-label={t('audit.entity')}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: labels.entityType(e) }))}
            style={{ width: 200 }}
          />
          <Select<string | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.action}
            onChange={(v) => update({ action: v })}
            placeholder={t('audit.allActions')}
            aria-label={t('audit.action')}
            options={ACTIONS.map((a) => ({ value: a, label: labels.action(a) }))}
            style={{ width: 220 }}
          />
          <Select<string | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.actorId}
            onChange={(v) => update({ actorId: v })}
            placeholder={t('audit.allActors')}
            aria-label={t('audit.actor')}
            loading={users.isLoading}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} <${u.email}>` }))}
            style={{ width: 260 }}
          />
          <DatePicker.RangePicker
            value={range}
            format={DATE_FORMAT}
            allowEmpty={[true, true]}
            onChange={(values) =>
              update({
                from: values?.[0] ? values[0].format(API_DATE_FORMAT) : null,
                to: values?.[1] ? values[1].format(API_DATE_FORMAT) : null,
              })
            }
            placeholder={[t('audit.from'), t('audit.to')]}
            aria-label={t('audit.dateRange')}
          />
          {filters.entityId ? (
            <Button onClick={() => update({ entityId: null })}>{t('audit.clearEntity', { id: filters.entityId.slice(0, 8) })}</Button>
          ) : null}
        </Flex>
        {audit.error ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <AuditTable
            items={audit.data?.items ?? []}
            loading={audit.isFetching}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('audit.total', { count: total }),
              onChange: (page, pageSize) => update({ page: String(page), pageSize: String(pageSize) }, true),
            }}
          />
        )}
      </Card>
    </>
  );
}
