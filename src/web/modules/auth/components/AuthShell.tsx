import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../../app/layout/BrandMark';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';

/** The centred card that login and the forced password change share. */
export function AuthShell({ title, children, footer }: { title: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #eef3fb 0%, #f7f7f9 55%, #fbf3ee 100%)',
      }}
    >
      <div style={{ width: '100%', maxWidth: 420 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <BrandMark inline />
          <LanguageSwitch />
        </Flex>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
        {footer ? <div style={{ marginTop: 16, textAlign: 'center' }}>{footer}</div> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 24, textAlign: 'center', fontSize: 12 }}>
          {t('app.footer')}
        </Typography.Paragraph>
      </div>
    </Flex>
  );
}
