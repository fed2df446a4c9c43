import { useEffect, useMemo, useState } from 'react';
import { Avatar, Button, ConfigProvider, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ExclamationCircleOutlined,
  FileTextOutlined,
  ImportOutlined,
  ScheduleOutlined,
  ContactsOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { LanguageSwitch } from './LanguageSwitch';
import { BrandMark } from './BrandMark';

const { Header, Sider, Content } = Layout;

/** Menu keys are route paths; the longest one that prefixes the URL is the selected item. */
function useNavItems(): { items: MenuProps['items']; keys: string[] } {
  const { t } = useTranslation();
  const { isAdmin, canManageDirectory, user } = useAuth();
  const agencyId = user?.agencyId ?? null;
  const role = user?.role;
  return useMemo(() => {
    // Plans: everyone reads; coordinators import; an agency's people see their own tasks.
    const plans = [
      { key: '/plans', icon: <FileTextOutlined />, label: t('nav.plans') },
      ...(canManageDirectory ? [{ key: '/plans/import', icon: <ImportOutlined />, label: t('nav.planImport') }] : []),
      ...(agencyId ? [{ key: '/tasks/mine', icon: <ScheduleOutlined />, label: t('nav.myTasks') }] : []),
      ...(canManageDirectory || role === 'leader'
        ? [{ key: '/tasks/overdue', icon: <ExclamationCircleOutlined />, label: t('nav.overdueTasks') }]
        : []),
      { key: '/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
    ];
    const directory = [
      { key: '/directory/agencies', icon: <ApartmentOutlined />, label: t('nav.agencies') },
      { key: '/directory/groups', icon: <ClusterOutlined />, label: t('nav.agencyGroups') },
      { key: '/directory/people', icon: <ContactsOutlined />, label: t('nav.people') },
    ];
    const tokens = { key: '/account/tokens', icon: <KeyOutlined />, label: t('nav.tokens') };
    // Users and the audit log are for administrators; API tokens are everyone's own.
    const admin = isAdmin
      ? [
          { key: '/admin/users', icon: <TeamOutlined />, label: t('nav.users') },
          { key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') },
          tokens,
        ]
      : [tokens];
    const items: MenuProps['items'] = [
      { type: 'group', key: 'g-plans', label: t('nav.plansGroup'), children: plans },
      { type: 'group', key: 'g-directory', label: t('nav.directory'), children: directory },
      { type: 'group', key: 'g-admin', label: isAdmin ? t('nav.admin') : t('nav.account'), children: admin },
    ];
    const keys = [...plans, ...directory, ...admin].map((i) => i.key);
    return { items, keys };
  }, [t, isAdmin, canManageDirectory, agencyId, role]);
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { items, keys } = useNavItems();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = keys
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
      aria-label={t('nav.menuLabel')}
    />
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  if (!user) return null;
  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ maxWidth: 260 }}>
          <div style={{ fontWeight: 600 }}>{user.fullName}</div>
          <div>{user.email}</div>
          <div>
            {t(`roles.${user.role}`)}
            {user.agencyName ? ` · ${user.agencyName}` : ''}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: t('nav.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'password') navigate('/account/password');
          if (key === 'logout') {
            void signOut().then(() => navigate('/login', { replace: true }));
          }
        },
      }}
    >
      <Button type="text" data-testid="user-menu" aria-label={t('nav.account')} style={{ height: 40, paddingInline: 8 }}>
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1a56a8' }} />
          {screens.md ? (
            <Typography.Text ellipsis style={{ maxWidth: 200 }}>
              {user.fullName || user.email}
            </Typography.Text>
          ) : null}
        </Flex>
      </Button>
    </Dropdown>
  );
}

export function AdminLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement `screens` is empty: assume a desktop rather than flash a drawer.
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const { token } = theme.useToken();

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile ? (
        <Sider
          width={248}
          collapsedWidth={64}
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
          data-testid="sider"
        >
          <Link to="/" aria-label={t('app.name')}>
            <BrandMark compact={collapsed} />
          </Link>
          <NavMenu />
        </Sider>
      ) : null}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: isMobile ? 8 : 24,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          {isMobile ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('nav.openMenu')}
                data-testid="menu-toggle"
                onClick={() => setDrawerOpen(true)}
              />
              <Link to="/" style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t('app.name')}
                </Typography.Text>
              </Link>
            </>
          ) : (
            <Typography.Text type="secondary" ellipsis style={{ minWidth: 0 }}>
              {t('app.tagline')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          <LanguageSwitch />
          <UserMenu />
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          {isMobile ? (
            // Phones: tighter cards so tables and forms keep their width.
            <ConfigProvider theme={{ components: { Card: { bodyPadding: 12, headerPadding: 12 } } }}>
              <Outlet />
            </ConfigProvider>
          ) : (
            <Outlet />
          )}
        </Content>
      </Layout>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={280}
          title={<BrandMark inline />}
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
