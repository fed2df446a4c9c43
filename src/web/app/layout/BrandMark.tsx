import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The product's name and a small mark; `compact` for the collapsed side bar. */
export function BrandMark({ compact, inline }: { compact?: boolean; inline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10} style={{ padding: inline ? 0 : compact ? '16px 12px' : '16px 20px', height: inline ? undefined : 64 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 32,
          height: 32,
          borderRadius: 8,
          background: '#b71c1c',
          color: '#ffd54f',
          fontWeight: 700,
          fontSize: 14,
          flex: 'none',
        }}
      >
        ĐT
      </span>
      {compact ? null : (
        <div style={{ lineHeight: 1.2, minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.short')}
          </Typography.Text>
        </div>
      )}
    </Flex>
  );
}
