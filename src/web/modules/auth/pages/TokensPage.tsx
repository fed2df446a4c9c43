import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader, QueryError } from '../../../app/components';
import { formatDateTime } from '../../../app/format';
import { SecretModal } from '../../../app/SecretModal';
import { useCreateToken, useRevokeToken, useTokens, type ApiToken } from '../api';

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateToken();
  const submit = async () => {
    const { name } = await form.validateFields();
    try {
      const result = await create.mutateAsync({ name: name.normalize('NFC').trim() });
      onCreated(result.token);
    } catch {
      // Shown by the query client.
    }
  };
  return (
    <Modal
      open
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item
          name="name"
          label={t('tokens.name')}
          extra={t('tokens.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} autoFocus data-testid="token-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tokens.usage')} />
        {tokens.error ? (
          <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            loading={tokens.isLoading}
            dataSource={tokens.data ?? []}
            scroll={{ x: 'max-content' }}
            pagination={false}
            locale={{ emptyText: t('tokens.empty') }}
            columns={[
              { key: 'name', title: t('tokens.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
              {
                key: 'prefix',
                title: t('tokens.prefix'),
                dataIndex: 'prefix',
                render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
              },
              { key: 'createdAt', title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                key: 'lastUsedAt',
                title: t('tokens.lastUsedAt'),
                dataIndex: 'lastUsedAt',
                render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>),
              },
              {
                key: 'status',
                title: t('tokens.status'),
                render: (_: unknown, tok: ApiToken) =>
                  tok.revokedAt ? (
                    <Tag>{t('tokens.revokedAt', { date: formatDateTime(tok.revokedAt) })}</Tag>
                  ) : (
                    <Tag color="green">{t('tokens.active')}</Tag>
                  ),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_: unknown, tok: ApiToken) =>
                  tok.revokedAt ? null : (
                    <Popconfirm
                      title={t('tokens.revokeConfirm', { name: tok.name })}
                      okText={t('tokens.revoke')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        revoke
                          .mutateAsync(tok.id)
                          .then(() => void message.success(t('tokens.revoked')))
                          .catch(() => undefined)
                      }
                    >
                      <Button type="link" danger size="small">
                        {t('tokens.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setSecret(token);
          }}
        />
      ) : null}
      {secret ? (
        <SecretModal
          title={t('tokens.createdTitle')}
          intro={t('tokens.createdIntro')}
          secret={secret}
          testId="token-secret"
          onClose={() => setSecret(null)}
        />
      ) : null}
    </>
  );
}
