import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined, StopOutlined, CheckCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { ROLES, useAuth, type Role, type User } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { foldVietnamese, formatDateTime } from '../../../app/format';
import { SecretModal } from '../../../app/SecretModal';
import { AgencySelect } from '../../directory/components/AgencySelect';
import { useCreateUser, useResetPassword, useUpdateUser, useUsers } from '../api';

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  coordinator: 'blue',
  agency_editor: 'cyan',
  leader: 'purple',
  press: 'gold',
};

/** Roles that act for one agency need it; admins and the coordinator see the whole province. */
const ROLES_NEEDING_AGENCY: Role[] = ['agency_editor', 'press'];

interface FormValues {
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  includeChildren: boolean;
}

function UserModal({
  user,
  onClose,
  onCreated,
}: {
  user: User | null;
  onClose: () => void;
  onCreated: (user: User, temporaryPassword: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const role = Form.useWatch('role', form);

  const submit = async () => {
    const values = await form.validateFields();
    const common = {
      fullName: values.fullName.normalize('NFC').trim(),
      role: values.role,
      agencyId: values.agencyId ?? null,
      includeChildren: values.includeChildren,
    };
    try {
      if (user) {
        await update.mutateAsync({ id: user.id, version: user.version, ...common });
        void message.success(t('users.updated'));
        onClose();
      } else {
        const result = await create.mutateAsync({ email: values.email.trim().toLowerCase(), ...common });
        onCreated(result.user, result.temporaryPassword);
      }
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) onClose();
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.fullName }) : t('users.createTitle')}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          email: user?.email ?? '',
          fullName: user?.fullName ?? '',
          role: user?.role ?? 'agency_editor',
          agencyId: user?.agencyId ?? null,
          includeChildren: user?.includeChildren ?? false,
        }}
        data-testid="user-form"
      >
        <Form.Item
          name="email"
          label={t('users.fields.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('users.fields.fullName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true, message: t('validation.required') }]} extra={role ? t(`roleHelp.${role}`) : null}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="agencyId"
          label={t('users.fields.agency')}
          rules={[
            {
              required: role ? ROLES_NEEDING_AGENCY.includes(role) : false,
              message: t('users.agencyRequired'),
            },
          ]}
        >
          <AgencySelect aria-label={t('users.fields.agency')} />
        </Form.Item>
        <Form.Item name="includeChildren" valuePropName="checked">
          <Checkbox>{t('users.fields.includeChildren')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const users = useUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [modal, setModal] = useState<{ user: User | null } | null>(null);
  const [secret, setSecret] = useState<{ title: string; intro: string; value: string } | null>(null);
  const [filter, setFilter] = useState('');
  const folded = foldVietnamese(filter.trim());
  const items = (users.data ?? []).filter(
    (u) => !folded || foldVietnamese(`${u.fullName} ${u.email} ${u.agencyName ?? ''}`).includes(folded),
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setModal({ user: null })} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Input.Search
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          style={{ maxWidth: 420, marginBottom: 16 }}
        />
        {users.error ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            loading={users.isLoading}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            data-testid="users-table"
            columns={[
              {
                key: 'fullName',
                title: t('users.fields.fullName'),
                render: (_: unknown, u: User) => (
                  <div>
                    <strong>{u.fullName}</strong>
                    <div>
                      <Typography.Text type="secondary">{u.email}</Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                key: 'role',
                title: t('users.fields.role'),
                dataIndex: 'role',
                render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{t(`roles.${r}`)}</Tag>,
              },
              {
                key: 'agency',
                title: t('users.fields.agency'),
                render: (_: unknown, u: User) =>
                  u.agencyName ? (
                    <span>
                      {u.agencyName}
                      {u.includeChildren ? <Typography.Text type="secondary"> {t('users.andChildren')}</Typography.Text> : null}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('users.wholeProvince')}</Typography.Text>
                  ),
              },
              {
                key: 'status',
                title: t('users.fields.status'),
                render: (_: unknown, u: User) => (
                  <Flex vertical gap={4} align="flex-start">
                    {u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>}
                    {u.mustChangePassword && !u.disabled ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
                  </Flex>
                ),
              },
              {
                key: 'lastLoginAt',
                title: t('users.fields.lastLoginAt'),
                dataIndex: 'lastLoginAt',
                render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_: unknown, u: User) => {
                  const self = u.id === me?.id;
                  return (
                    <Flex wrap gap={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setModal({ user: u })}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('users.resetConfirm', { name: u.fullName })}
                        okText={t('users.resetPassword')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          reset
                            .mutateAsync(u.id)
                            .then((r) =>
                              setSecret({
                                title: t('users.resetDoneTitle'),
                                intro: t('users.resetDoneIntro', { name: u.fullName, email: u.email }),
                                value: r.temporaryPassword,
                              }),
                            )
                            .catch(() => undefined)
                        }
                      >
                        <Button type="link" size="small" icon={<KeyOutlined />} disabled={u.disabled}>
                          {t('users.resetPassword')}
                        </Button>
                      </Popconfirm>
                      {self ? null : (
                        <Popconfirm
                          title={u.disabled ? t('users.enableConfirm', { name: u.fullName }) : t('users.disableConfirm', { name: u.fullName })}
                          okText={u.disabled ? t('users.enable') : t('users.disable')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: !u.disabled }}
                          onConfirm={() =>
                            update
                              .mutateAsync({ id: u.id, version: u.version, disabled: !u.disabled })
                              .then(() => void message.success(u.disabled ? t('users.enabledDone') : t('users.disabledDone')))
                              .catch(() => undefined)
                          }
                        >
                          <Button
                            type="link"
                            size="small"
                            danger={!u.disabled}
                            icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
                          >
                            {u.disabled ? t('users.enable') : t('users.disable')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Flex>
                  );
                },
              },
            ]}
          />
        )}
      </Card>
      {modal ? (
        <UserModal
          key={modal.user ? `${modal.user.id}:${modal.user.version}` : 'new'}
          user={modal.user}
          onClose={() => setModal(null)}
          onCreated={(user, temporaryPassword) => {
            setModal(null);
            setSecret({
              title: t('users.createdTitle'),
              intro: t('users.createdIntro', { name: user.fullName, email: user.email }),
              value: temporaryPassword,
            });
          }}
        />
      ) : null}
      {secret ? (
        <SecretModal title={secret.title} intro={secret.intro} secret={secret.value} testId="temporary-password" onClose={() => setSecret(null)} />
      ) : null}
    </>
  );
}
