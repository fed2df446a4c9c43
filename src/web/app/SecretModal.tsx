import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Shows a secret the server will never show again (a temporary password, an API token).
 * Closing asks for no confirmation but the warning says plainly that it is the only chance.
 */
export function SecretModal({
  title,
  intro,
  secret,
  onClose,
  testId,
}: {
  title: string;
  intro: string;
  secret: string;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('secret.done')}
        </Button>
      }
    >
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={secret} data-testid={testId} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} onFocus={(e) => e.target.select()} />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </Space.Compact>
      <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('secret.onceWarning')} />
    </Modal>
  );
}
