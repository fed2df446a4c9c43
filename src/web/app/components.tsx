import type { ReactNode } from 'react';
import { Alert, Button, Flex, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240, height: '100%' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}

/** A query that failed: the server's message (already Vietnamese) and a way to retry. */
export function QueryError({ error, onRetry, fullPage }: { error: Error; onRetry?: () => void; fullPage?: boolean }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 403) {
    return (
      <Result
        status={status === 404 ? '404' : '403'}
        title={status === 404 ? t('errors.notFoundTitle') : t('errors.forbiddenTitle')}
        subTitle={error.message}
      />
    );
  }
  const alert = (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={error.message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
  if (!fullPage) return alert;
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <div style={{ maxWidth: 520, width: '100%' }}>{alert}</div>
    </Flex>
  );
}

/** Title row of a page: heading on the left, actions on the right, wrapping on phones. */
export function PageHeader({ title, extra, subtitle }: { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
