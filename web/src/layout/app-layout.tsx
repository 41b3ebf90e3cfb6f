import { DownOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { roleLabels } from '../../../src/platform/auth/roles.ts';
import type { Me } from '../api/auth.ts';
import { can } from '../auth/abilities.ts';
import { useSession } from '../auth/session-context.ts';
import { labelOf } from '../ui/labels.tsx';
import { areas, pageOf } from './areas.tsx';

/** The side menu: each area's pages the person may use (a page's `needs`, as /me answers it). */
function menuItemsFor(me: Me | null): MenuProps['items'] {
  return areas.flatMap((area) => {
    const pages = area.pages.filter((p) => !p.needs || can(me, p.needs));
    if (pages.length === 0) return [];
    const only = area.pages.length === 1 ? pages[0] : undefined;
    if (only) return [{ key: only.path, icon: area.icon, label: area.label }];
    return [
      {
        key: area.key,
        icon: area.icon,
        label: area.label,
        children: pages.map((p) => ({ key: p.path, label: p.label })),
      },
    ];
  });
}

/** The workbench frame: the side menu by area, the header with the agency and the signed-in person. */
export function AppLayout() {
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const current = pageOf(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(areas.map((a) => a.key));

  useEffect(() => {
    document.title = current ? `${current.page.label} - 三项制度执法平台` : '三项制度执法平台';
  }, [current]);

  const userMenu: MenuProps['items'] = [
    {
      key: 'roles',
      disabled: true,
      label: me?.roles.map((r) => labelOf(roleLabels, r)).join('、') || '无角色',
    },
    { type: 'divider' },
    ...(me?.totpEnabled
      ? []
      : [
          {
            key: 'totp',
            icon: <SafetyOutlined />,
            label: '绑定动态验证码',
            onClick: () => void navigate('/totp-enrolment'),
          },
        ]),
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void signOut() },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={56} theme="dark">
        <Typography.Title level={5} style={{ color: '#fff', margin: '16px 16px 8px', whiteSpace: 'nowrap' }}>
          三项制度执法平台
        </Typography.Title>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            items={menuItemsFor(me)}
            selectedKeys={current ? [current.page.path] : []}
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
            onClick={({ key }) => void navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text strong data-testid="current-agency">
              {me?.agency.name}
            </Typography.Text>
            <Dropdown menu={{ items: userMenu }} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me?.name} <DownOutlined />
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main style={{ background: '#fff', padding: 24, borderRadius: 8, minHeight: 360 }}>
            <Suspense fallback={<Spin description="正在加载…" />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
