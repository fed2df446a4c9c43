import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Grid, Row, Space, Tabs, Tag, Typography } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FullPageSpinner, PageHeader, QueryError } from '../../../app/components';
import { formatDate, formatDateTime } from '../../../app/format';
import type { AuditEntry } from '../../audit/api';
import { AuditTable } from '../../audit/components/AuditTable';
import { useAgency, useUpdateAgency, type AgencyDetail, type AgencyRef, type Person } from '../api';
import { AgencyForm } from '../components/AgencyForm';
import { PeopleTable } from '../components/PeopleTable';
import { PersonFormModal } from '../components/PersonFormModal';
import { SuccessorsSection } from '../components/Succession';

/** The server says what the current user may do with this agency (directory.policy). */
function permissions(detail: AgencyDetail) {
  const allowed = new Set(detail.allowedActions);
  return {
    edit: allowed.has('update'),
    successors: allowed.has('manageSuccessions'),
    people: allowed.has('addPerson'),
    children: allowed.has('createChild'),
  };
}

function Names({ values }: { values: string[] }) {
  const { t } = useTranslation();
  if (values.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {values.map((v) => (
        <Tag key={v}>{v}</Tag>
      ))}
    </Space>
  );
}

function RefLinks({ refs, testId }: { refs: AgencyRef[]; testId: string }) {
  const { t } = useTranslation();
  if (refs.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('directory.noChildren')} />;
  return (
    <ul data-testid={testId} style={{ margin: 0, paddingInlineStart: 20 }}>
      {refs.map((r) => (
        <li key={r.id} style={{ padding: '4px 0' }}>
          <Link to={`/directory/agencies/${r.id}`}>{r.name}</Link>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>{' '}
          {!r.active ? <Tag>{t('directory.former')}</Tag> : null}
        </li>
      ))}
    </ul>
  );
}

/** The agency's own change history comes with its detail, so every reader sees it (the full audit log stays admin-only). */
function History({ agencyId, history }: { agencyId: string; history: AgencyDetail['history'] }) {
  const items: AuditEntry[] = history.map((h, i) => ({
    id: i,
    at: h.at,
    actorId: null,
    actorEmail: h.actorEmail,
    action: h.action,
    entityType: 'agency',
    entityId: agencyId,
    before: h.before,
    after: h.after,
    requestId: null,
  }));
  return <AuditTable items={items} showEntity={false} pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }} />;
}

export default function AgencyDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const query = useAgency(id);
  const update = useUpdateAgency(id ?? '');
  const [editing, setEditing] = useState(false);
  const [personModal, setPersonModal] = useState<{ open: boolean; person: Person | null }>({ open: false, person: null });

  if (query.isPending) return <FullPageSpinner />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const detail = query.data;
  const { agency } = detail;
  const can = permissions(detail);

  const info = (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2 }}
      size="small"
      bordered
      data-testid="agency-fields"
      items={[
        { key: 'code', label: t('directory.fields.code'), children: <Typography.Text copyable>{agency.code}</Typography.Text> },
        { key: 'kind', label: t('directory.fields.kind'), children: t(`kinds.${agency.kind}`) },
        { key: 'name', label: t('directory.fields.name'), span: 'filled', children: agency.name },
        {
          key: 'parent',
          label: t('directory.fields.parent'),
          span: 'filled',
          children: detail.parent ? (
            <Link to={`/directory/agencies/${detail.parent.id}`}>{detail.parent.name}</Link>
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ),
        },
        { key: 'shortNames', label: t('directory.fields.shortNames'), children: <Names values={agency.shortNames} /> },
        { key: 'aliases', label: t('directory.fields.aliases'), children: <Names values={agency.aliases} /> },
        {
          key: 'validFrom',
          label: t('directory.fields.validFrom'),
          children: formatDate(agency.validFrom) || <Typography.Text type="secondary">{t('directory.unknownDate')}</Typography.Text>,
        },
        {
          key: 'validTo',
          label: t('directory.fields.validTo'),
          children: formatDate(agency.validTo) || <Typography.Text type="secondary">{t('directory.noEndDate')}</Typography.Text>,
        },
        {
          key: 'status',
          label: t('directory.fields.status'),
          children: agency.active ? <Tag color="green">{t('directory.active')}</Tag> : <Tag>{t('directory.former')}</Tag>,
        },
        {
          key: 'updatedAt',
          label: t('directory.fields.updatedAt'),
          children: `${formatDateTime(agency.updatedAt)} · ${t('common.versionN', { version: agency.version })}`,
        },
      ]}
    />
  );

  const tabs = [
    {
      key: 'succession',
      label: t('directory.tabs.succession', { count: detail.successors.length + detail.predecessors.length }),
      children: <SuccessorsSection detail={detail} canEdit={can.successors} />,
    },
    {
      key: 'children',
      label: t('directory.tabs.children', { count: detail.children.length }),
      children: (
        <>
          <RefLinks refs={detail.children} testId="agency-children" />
          {can.children ? (
            <Link to={`/directory/agencies/new?parentId=${agency.id}`}>
              <Button icon={<PlusOutlined />} style={{ marginTop: 12 }}>
                {t('directory.addChild')}
              </Button>
            </Link>
          ) : null}
        </>
      ),
    },
    {
      key: 'people',
      label: t('directory.tabs.people', { count: detail.people.length }),
      children: (
        <>
          {can.people ? (
            <Flex justify="flex-end" style={{ marginBottom: 12 }}>
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setPersonModal({ open: true, person: null })}
                data-testid="agency-add-person"
              >
                {t('people.create')}
              </Button>
            </Flex>
          ) : null}
          <PeopleTable
            people={detail.people}
            showAgency={false}
            canEdit={can.people}
            onEdit={(person) => setPersonModal({ open: true, person })}
          />
        </>
      ),
    },
    {
      key: 'history',
      label: t('directory.tabs.history'),
      children: <History agencyId={agency.id} history={detail.history} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space wrap size={8}>
            <ApartmentOutlined />
            <span data-testid="agency-name">{agency.name}</span>
            {!agency.active ? <Tag>{t('directory.former')}</Tag> : null}
          </Space>
        }
        subtitle={`${t(`kinds.${agency.kind}`)} · ${agency.code}`}
        extra={
          can.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="agency-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      {!agency.active ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            agency.validTo
              ? t('directory.formerNoticeDated', { date: formatDate(agency.validTo) })
              : t('directory.formerNotice')
          }
          description={
            detail.successors.length > 0 ? (
              <span>
                {t('directory.dutiesNowWith')}{' '}
                {detail.successors.map((s, i) => (
                  <span key={s.agency.id}>
                    {i > 0 ? '; ' : ''}
                    <Link to={`/directory/agencies/${s.agency.id}`}>{s.agency.name}</Link>
                    {s.duties ? ` (${s.duties})` : ''}
                  </span>
                ))}
              </span>
            ) : (
              t('directory.noSuccessorsYet')
            )
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('directory.sections.info')}>{info}</Card>
        </Col>
        <Col span={24}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs items={tabs} defaultActiveKey={agency.active ? 'people' : 'succession'} size={screens.md ? 'middle' : 'small'} />
          </Card>
        </Col>
      </Row>

      <Drawer
        open={editing}
        onClose={() => setEditing(false)}
        title={t('directory.editAgencyTitle', { name: agency.name })}
        size={screens.md ? 720 : '100%'}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('directory.editVersionNote', { version: agency.version })} />
        <AgencyForm
          key={agency.version}
          initial={agency}
          editingId={agency.id}
          submitting={update.isPending}
          submitLabel={t('common.save')}
          onCancel={() => setEditing(false)}
          onSubmit={(input) =>
            update.mutate(
              { ...input, version: agency.version },
              {
                onSuccess: () => {
                  void message.success(t('directory.agencyUpdated'));
                  setEditing(false);
                },
              },
            )
          }
        />
      </Drawer>

      {personModal.open ? (
        <PersonFormModal
          open
          person={personModal.person}
          agencyId={agency.id}
          onClose={() => setPersonModal({ open: false, person: null })}
        />
      ) : null}
    </>
  );
}
