import { App, Button, Grid, Popconfirm, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDeletePerson, type Person, type PersonRole } from '../api';

const ROLE_COLORS: Record<PersonRole, string> = {
  spokesperson: 'red',
  comms_officer: 'blue',
  press_contact: 'gold',
};

export function PersonRoleTags({ roles }: { roles: PersonRole[] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r]}>
          {t(`personRoles.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}

interface Props {
  people: Person[];
  loading?: boolean;
  showAgency?: boolean;
  canEdit?: boolean;
  onEdit?: (person: Person) => void;
}

export function PeopleTable({ people, loading, showAgency = true, canEdit, onEdit }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeletePerson();
  // A pinned actions column would cover most of a phone's width.
  const pinActions = Grid.useBreakpoint().md === true;
  return (
    <Table<Person>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={people}
      scroll={{ x: 'max-content' }}
      pagination={people.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      data-testid="people-table"
      locale={{ emptyText: t('people.empty') }}
      columns={[
        { key: 'fullName', title: t('people.fields.fullName'), dataIndex: 'fullName', render: (v: string) => <strong>{v}</strong> },
        { key: 'title', title: t('people.fields.title'), dataIndex: 'title' },
        ...(showAgency
          ? [
              {
                key: 'agency',
                title: t('people.fields.agency'),
                render: (_: unknown, p: Person) => <Link to={`/directory/agencies/${p.agencyId}`}>{p.agencyName}</Link>,
              },
            ]
          : []),
        {
          key: 'phone',
          title: t('people.fields.phone'),
          dataIndex: 'phone',
          render: (v: string | null) => (v ? <a href={`tel:${v.replace(/[^0-9+]/g, '')}`} style={{ whiteSpace: 'nowrap' }}>{v}</a> : null),
        },
        {
          key: 'email',
          title: t('people.fields.email'),
          dataIndex: 'email',
          render: (v: string | null) => (v ? <a href={`mailto:${v}`}>{v}</a> : null),
        },
        {
          key: 'roles',
          title: t('people.fields.roles'),
          dataIndex: 'roles',
          render: (roles: PersonRole[]) => <PersonRoleTags roles={roles} />,
        },
        ...(canEdit
          ? [
              {
                key: 'actions',
                title: t('common.actions'),
                fixed: pinActions ? ('right' as const) : undefined,
                render: (_: unknown, p: Person) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => onEdit?.(p)}
                      aria-label={t('people.editNamed', { name: p.fullName })}
                    >
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('people.deleteConfirm', { name: p.fullName })}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove
                          .mutateAsync({ id: p.id, version: p.version })
                          .then(() => void message.success(t('people.deleted')))
                          .catch(() => undefined)
                      }
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('people.deleteNamed', { name: p.fullName })}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
