import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Flex, Input, Row, Skeleton, Typography } from 'antd';
import { MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryError } from '../../../app/components';
import { foldVietnamese } from '../../../app/format';
import { BrandMark } from '../../../app/layout/BrandMark';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { usePublicSpokespersons, type PublicSpokespersonGroup } from '../api';

function matches(group: PublicSpokespersonGroup, folded: string): boolean {
  if (!folded) return true;
  const text = [group.agency.name, group.agency.code, ...group.people.flatMap((p) => [p.fullName, p.title])].join(' ');
  return foldVietnamese(text).includes(folded);
}

/**
 * The public list of spokespersons, outside the admin layout and without a session:
 * Decree 09/2017/NĐ-CP requires agencies to publish who speaks for them and how to reach them.
 */
export default function SpokespersonsPage() {
  const { t } = useTranslation();
  const query = usePublicSpokespersons();
  const [text, setText] = useState('');
  const folded = foldVietnamese(text.trim());
  const groups = useMemo(() => (query.data ?? []).filter((g) => matches(g, folded)), [query.data, folded]);

  useEffect(() => {
    const previous = document.title;
    document.title = `${t('public.title')} — ${t('app.name')}`;
    return () => {
      document.title = previous;
    };
  }, [t]);

  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <header style={{ background: '#fff', borderBottom: '3px solid #b71c1c' }}>
        <Flex
          justify="space-between"
          align="center"
          gap={12}
          style={{ maxWidth: 1200, margin: '0 auto', padding: '8px 16px' }}
        >
          <BrandMark inline />
          <LanguageSwitch />
        </Flex>
      </header>
      <main style={{ maxWidth: 1200, margin: '0 auto', padding: '24px 16px 48px' }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('public.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
          {t('public.intro')}
        </Typography.Paragraph>
        <Input.Search
          allowClear
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('public.searchPlaceholder')}
          aria-label={t('public.searchPlaceholder')}
          style={{ maxWidth: 520, marginBottom: 24 }}
        />
        {query.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : groups.length === 0 ? (
          <Empty description={text ? t('public.noMatch') : t('public.empty')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="spokesperson-list">
            {groups.map((group) => (
              <Col key={group.agency.id} xs={24} md={12} xl={8}>
                <Card
                  title={<span style={{ whiteSpace: 'normal' }}>{group.agency.name}</span>}
                  style={{ height: '100%' }}
                  data-testid="spokesperson-agency"
                >
                  <Flex vertical gap={16}>
                    {group.people.map((p, i) => (
                      <div key={`${p.fullName}-${i}`} data-testid="spokesperson">
                        <Typography.Text strong style={{ fontSize: 16 }}>
                          {p.fullName}
                        </Typography.Text>
                        <div>
                          <Typography.Text type="secondary">{p.title}</Typography.Text>
                        </div>
                        {p.phone ? (
                          <div>
                            <PhoneOutlined aria-label={t('people.fields.phone')} />{' '}
                            <a href={`tel:${p.phone.replace(/[^0-9+]/g, '')}`}>{p.phone}</a>
                          </div>
                        ) : null}
                        {p.email ? (
                          <div style={{ wordBreak: 'break-all' }}>
                            <MailOutlined aria-label={t('people.fields.email')} /> <a href={`mailto:${p.email}`}>{p.email}</a>
                          </div>
                        ) : null}
                      </div>
                    ))}
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </main>
      <footer style={{ borderTop: '1px solid #e5e5e5', background: '#fff' }}>
        <Flex
          wrap
          justify="space-between"
          gap={8}
          style={{ maxWidth: 1200, margin: '0 auto', padding: '16px', fontSize: 13 }}
        >
          <Typography.Text type="secondary">{t('public.legalBasis')}</Typography.Text>
          <Link to="/login">{t('public.staffLogin')}</Link>
        </Flex>
      </footer>
    </div>
  );
}
