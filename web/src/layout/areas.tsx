import {
  ApartmentOutlined,
  AuditOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * The workbench's areas, in menu order. Each page is a route and a menu entry; adding an area (权责清单,
 * 案件, 法制审核, 公示, 记录日志) is one entry here. Pages load on first visit.
 */
export interface AreaPage {
  path: string;
  label: string;
  component: LazyExoticComponent<ComponentType>;
}

export interface Area {
  key: string;
  label: string;
  icon: ReactNode;
  /** An area with one page shows as a single menu item. */
  pages: AreaPage[];
}

/** `React.lazy` wants a default export; our modules export by name. */
const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

export const areas: Area[] = [
  {
    key: 'org',
    label: '组织机构',
    icon: <ApartmentOutlined />,
    pages: [
      {
        path: '/org/agencies',
        label: '机关',
        component: page(
          () => import('../pages/org/agencies.page.tsx'),
          (m) => m.AgenciesPage,
        ),
      },
      {
        path: '/org/units',
        label: '内设机构',
        component: page(
          () => import('../pages/org/units.page.tsx'),
          (m) => m.UnitsPage,
        ),
      },
    ],
  },
  {
    key: 'people',
    label: '人员与执法证',
    icon: <IdcardOutlined />,
    pages: [
      {
        path: '/org/people',
        label: '人员',
        component: page(
          () => import('../pages/org/people.page.tsx'),
          (m) => m.PeoplePage,
        ),
      },
      {
        path: '/org/certificates',
        label: '执法证',
        component: page(
          () => import('../pages/org/certificates.page.tsx'),
          (m) => m.CertificatesPage,
        ),
      },
    ],
  },
  {
    key: 'audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    pages: [
      {
        path: '/audit-events',
        label: '审计日志',
        component: page(
          () => import('../pages/audit/audit-events.page.tsx'),
          (m) => m.AuditEventsPage,
        ),
      },
    ],
  },
  {
    key: 'log',
    label: '记录日志',
    icon: <SafetyCertificateOutlined />,
    pages: [
      {
        path: '/log',
        label: '记录日志',
        component: page(
          () => import('../pages/log/record-log.page.tsx'),
          (m) => m.RecordLogPage,
        ),
      },
    ],
  },
];

export const allPages: AreaPage[] = areas.flatMap((area) => area.pages);

/** The area and page an address belongs to (the longest matching path wins). */
export function pageOf(pathname: string): { area: Area; page: AreaPage } | undefined {
  let best: { area: Area; page: AreaPage } | undefined;
  for (const area of areas) {
    for (const p of area.pages) {
      const matches = pathname === p.path || pathname.startsWith(`${p.path}/`);
      if (matches && (!best || p.path.length > best.page.path.length)) best = { area, page: p };
    }
  }
  return best;
}
