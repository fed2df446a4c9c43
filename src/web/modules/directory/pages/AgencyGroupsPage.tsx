import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { PageHeader, QueryError } from '../../../app/components';
import { foldVietnamese } from '../../../app/format';
import { CODE_PATTERN, useAgencyGroups, useSaveAgencyGroup, type AgencyGroup } from '../api';
import { AgencySelect } from '../components/AgencySelect';

interface FormValues {
  code: string;
  name: string;
  aliases: string[];
  memberIds: string[];
}

function GroupModal({ group, onClose }: { group: AgencyGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveAgencyGroup();
  const submit = async () => {
    const values = await form.validateFields();
    const input = {
      code: values.code.trim(),
      name: values.name.normalize('NFC').trim(),
      aliases: values.aliases.map((a) => a.normalize('NFC').trim()).filter(Boolean),
      memberIds: values.memberIds,
    };
    try {
      await save.mutateAsync(group ? { ...input, id: group.id, version: group.version } : input);
      void message.success(group ? t('groups.updated') : t('groups.created'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) onClose();
    }
  };
  return (
    <Modal
      open
      width={720}
      title={group ? t('groups.editTitle', { name: group.name }) : t('groups.createTitle')}
      okText={group ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          code: group?.code ?? '',
          name: group?.name ?? '',
          aliases: group?.aliases ?? [],
          memberIds: group?.members.map((m) => m.id) ?? [],
        }}
      >
        <Form.Item
          name="code"
          label={t('groups.fields.code')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { pattern: CODE_PATTERN, message: t('directory.hints.codePattern') },
          ]}
        >
          <Input disabled={Boolean(group)} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('groups.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={300} placeholder={t('groups.hints.name')} />
        </Form.Item>
        <Form.Item name="aliases" label={t('groups.fields.aliases')} tooltip={t('groups.hints.aliases')}>
          <Select mode="tags" open={false} tokenSeparators={[';']} suffixIcon={null} placeholder={t('directory.hints.tagsPlaceholder')} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('groups.fields.members')}>
          <AgencySelect multiple includeFormer aria-label={t('groups.fields.members')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AgencyGroupsPage() {
  const { t } = useTranslation();
  const { canManageDirectory } = useAuth();
  const groups = useAgencyGroups();
  const [editing, setEditing] = useState<{ group: AgencyGroup | null } | null>(null);
  const [filter, setFilter] = useState('');
  const folded = foldVietnamese(filter.trim());
  const items = (groups.data ?? []).filter(
    (g) => !folded || foldVietnamese([g.code, g.name, ...g.aliases].join(' ')).includes(folded),
  );

  return (
    <>
      <PageHeader
        title={t('groups.title')}
        subtitle={t('groups.subtitle')}
        extra={
          canManageDirectory ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: null })}>
              {t('groups.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('groups.searchPlaceholder')}
          aria-label={t('groups.searchPlaceholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ maxWidth: 420, marginBottom: 16 }}
        />
        {groups.error ? (
          <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
        ) : (
          <Table<AgencyGroup>
            rowKey="id"
            loading={groups.isLoading}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: t('groups.empty') }}
            expandable={{
              expandedRowRender: (g) =>
                g.members.length === 0 ? (
                  <Typography.Text type="secondary">{t('groups.noMembers')}</Typography.Text>
                ) : (
                  <Space size={[6, 6]} wrap>
                    {g.members.map((m) => (
                      <Link key={m.id} to={`/directory/agencies/${m.id}`}>
                        <Tag color={m.active ? 'blue' : 'default'}>
                          {m.name}
                          {m.active ? '' : ` (${t('directory.former')})`}
                        </Tag>
                      </Link>
                    ))}
                  </Space>
                ),
            }}
            columns={[
              { key: 'name', title: t('groups.fields.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
              { key: 'code', title: t('groups.fields.code'), dataIndex: 'code' },
              {
                key: 'aliases',
                title: t('groups.fields.aliases'),
                dataIndex: 'aliases',
                // A few names are enough to recognise the group; the rest sit in a tooltip.
                render: (aliases: string[]) => (
                  <Space size={[4, 4]} wrap style={{ maxWidth: 520 }}>
                    {aliases.slice(0, 3).map((a) => (
                      <Tag key={a}>{a}</Tag>
                    ))}
                    {aliases.length > 3 ? (
                      <Tooltip title={aliases.slice(3).join('; ')}>
                        <Tag>+{aliases.length - 3}</Tag>
                      </Tooltip>
                    ) : null}
                  </Space>
                ),
              },
              {
                key: 'members',
                title: t('groups.fields.memberCount'),
                render: (_: unknown, g: AgencyGroup) => {
                  const former = g.members.filter((m) => !m.active).length;
                  return (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {g.members.length}
                      {former > 0 ? (
                        <Typography.Text type="secondary"> · {t('groups.formerMembers', { count: former })}</Typography.Text>
                      ) : null}
                    </span>
                  );
                },
              },
              ...(canManageDirectory
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_: unknown, g: AgencyGroup) => (
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ group: g })}>
                          {t('common.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing ? <GroupModal key={editing.group?.version ?? 'new'} group={editing.group} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
