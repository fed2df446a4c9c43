import { useEffect, useState } from 'react';
import { Button, Card, Flex, Input, Select } from 'antd';
import { GlobalOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { PERSON_ROLES, usePeople, type Person, type PersonRole } from '../api';
import { AgencySelect } from '../components/AgencySelect';
import { PeopleTable } from '../components/PeopleTable';
import { PersonFormModal } from '../components/PersonFormModal';

export default function PeoplePage() {
  const { t } = useTranslation();
  const { canManagePeople } = useAuth();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(text);
  const role = (params.get('role') as PersonRole | null) ?? undefined;
  const agencyId = params.get('agencyId') ?? undefined;
  const [modal, setModal] = useState<{ person: Person | null } | null>(null);

  useEffect(() => {
    const id = window.setTimeout(() => setQ(text.trim()), 300);
    return () => window.clearTimeout(id);
  }, [text]);

  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const people = usePeople({ q: q || undefined, role, agencyId });

  return (
    <>
      <PageHeader
        title={t('people.title')}
        subtitle={t('people.subtitle')}
        extra={
          <>
            <Link to="/public/spokespersons" target="_blank">
              <Button icon={<GlobalOutlined />}>{t('people.publicPage')}</Button>
            </Link>
            {canManagePeople ? (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setModal({ person: null })} data-testid="person-create">
                {t('people.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('people.searchPlaceholder')}
            aria-label={t('people.searchPlaceholder')}
            style={{ flex: '1 1 240px', maxWidth: 380 }}
          />
          <Select<PersonRole | undefined>
            allowClear
            value={role}
            onChange={(v) => setParam('role', v)}
            placeholder={t('people.allRoles')}
            aria-label={t('people.fields.roles')}
            options={PERSON_ROLES.map((r) => ({ value: r, label: t(`personRoles.${r}`) }))}
            style={{ width: 220 }}
          />
          <div style={{ flex: '1 1 260px', maxWidth: 420 }}>
            <AgencySelect
              value={agencyId ?? null}
              onChange={(v) => setParam('agencyId', v)}
              includeFormer
              placeholder={t('people.allAgencies')}
              aria-label={t('people.fields.agency')}
            />
          </div>
        </Flex>
        {people.error ? (
          <QueryError error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <PeopleTable
            people={people.data ?? []}
            loading={people.isFetching}
            canEdit={canManagePeople}
            onEdit={(person) => setModal({ person })}
          />
        )}
      </Card>
      {modal ? (
        <PersonFormModal open person={modal.person} agencyId={agencyId} onClose={() => setModal(null)} />
      ) : null}
    </>
  );
}
