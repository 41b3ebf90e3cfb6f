import {
  ApartmentOutlined,
  ApiOutlined,
  CalculatorOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  AuditOutlined,
  AimOutlined,
  ProfileOutlined,
  NotificationOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * The workbench's areas, in menu order. Each page is a route and a menu entry; adding an area (权责清单,
 * 案件, 法制审核, 公示, 记录日志) is one entry here. Pages load on first visit.
 */
export interface AreaPage {
  path: string;
  label: string;
  /** The ability (`area.action` of src/policies.ts) the page is for; shown only to who has it. */
  needs?: string;
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
    key: 'cases',
    label: '案件办理',
    icon: <FolderOpenOutlined />,
    pages: [
      {
        path: '/cases/tasks',
        label: '我的待办',
        component: page(
          () => import('../pages/cases/tasks.page.tsx'),
          (m) => m.TasksPage,
        ),
      },
      {
        path: '/cases',
        label: '案件',
        component: page(
          () => import('../pages/cases/cases.page.tsx'),
          (m) => m.CasesPage,
        ),
      },
      {
        path: '/cases/new',
        needs: 'cases.create',
        label: '登记案件',
        component: page(
          () => import('../pages/cases/case-create.page.tsx'),
          (m) => m.CaseCreatePage,
        ),
      },
      {
        path: '/cases/statistics',
        label: '处罚统计',
        component: page(
          () => import('../pages/cases/penalty-statistics.page.tsx'),
          (m) => m.PenaltyStatisticsPage,
        ),
      },
    ],
  },
  {
    key: 'records',
    label: '全过程记录',
    icon: <VideoCameraOutlined />,
    pages: [
      {
        path: '/records/evidence',
        label: '证据',
        component: page(
          () => import('../pages/records/evidence.page.tsx'),
          (m) => m.EvidencePage,
        ),
      },
      {
        path: '/records/recorders',
        label: '执法记录仪',
        component: page(
          () => import('../pages/records/recorders.page.tsx'),
          (m) => m.RecordersPage,
        ),
      },
      {
        path: '/records/av-checklist',
        label: '音像记录清单',
        component: page(
          () => import('../pages/records/av-checklist.page.tsx'),
          (m) => m.AvChecklistPage,
        ),
      },
    ],
  },
  {
    key: 'powers',
    label: '权责清单',
    icon: <ProfileOutlined />,
    pages: [
      {
        path: '/powers',
        label: '权责事项',
        component: page(
          () => import('../pages/powers/powers.page.tsx'),
          (m) => m.PowersPage,
        ),
      },
      {
        path: '/powers/review',
        needs: 'powers.review',
        label: '待审核事项',
        component: page(
          () => import('../pages/powers/powers.page.tsx'),
          (m) => m.PowerReviewPage,
        ),
      },
      {
        path: '/powers/random-inspection',
        label: '随机抽查事项',
        component: page(
          () => import('../pages/powers/random-inspection.page.tsx'),
          (m) => m.RandomInspectionPage,
        ),
      },
      {
        path: '/powers/benchmarks',
        label: '裁量基准',
        component: page(
          () => import('../pages/powers/benchmarks.page.tsx'),
          (m) => m.BenchmarksPage,
        ),
      },
    ],
  },
  {
    // 双随机、一公开 (issue 15): the target directory, plans, draws and the results of the inspections.
    key: 'inspections',
    label: '双随机抽查',
    icon: <AimOutlined />,
    pages: [
      {
        path: '/inspections/targets',
        needs: 'inspections.read',
        label: '检查对象名录',
        component: page(
          () => import('../pages/inspections/targets.page.tsx'),
          (m) => m.TargetsPage,
        ),
      },
      {
        path: '/inspections/plans',
        needs: 'inspections.read',
        label: '抽查计划',
        component: page(
          () => import('../pages/inspections/plans.page.tsx'),
          (m) => m.PlansPage,
        ),
      },
      {
        path: '/inspections/draws',
        needs: 'inspections.read',
        label: '抽取',
        component: page(
          () => import('../pages/inspections/draws.page.tsx'),
          (m) => m.DrawsPage,
        ),
      },
      {
        path: '/inspections/mine',
        needs: 'inspections.inspect',
        label: '我的检查',
        component: page(
          () => import('../pages/inspections/assignments.page.tsx'),
          (m) => m.MyInspectionsPage,
        ),
      },
      {
        path: '/inspections/results',
        needs: 'inspections.read',
        label: '检查结果',
        component: page(
          () => import('../pages/inspections/assignments.page.tsx'),
          (m) => m.InspectionResultsPage,
        ),
      },
    ],
  },
  {
    key: 'review',
    label: '法制审核',
    icon: <FileProtectOutlined />,
    pages: [
      {
        path: '/review/queue',
        label: '审核队列',
        component: page(
          () => import('../pages/review/review-queue.page.tsx'),
          (m) => m.ReviewQueuePage,
        ),
      },
      {
        path: '/review/accountability',
        label: '问责统计',
        component: page(
          () => import('../pages/review/accountability.page.tsx'),
          (m) => m.AccountabilityPage,
        ),
      },
      {
        path: '/review/reviewers',
        label: '审核人员',
        component: page(
          () => import('../pages/review/reviewers.page.tsx'),
          (m) => m.ReviewersPage,
        ),
      },
      {
        path: '/review/catalogue',
        label: '审核目录',
        component: page(
          () => import('../pages/review/catalogue.page.tsx'),
          (m) => m.CataloguePage,
        ),
      },
    ],
  },
  {
    key: 'publications',
    label: '公示管理',
    icon: <NotificationOutlined />,
    pages: [
      {
        path: '/publications/review',
        needs: 'publications.publish',
        label: '待审核公示',
        component: page(
          () => import('../pages/publications/publications.pages.tsx'),
          (m) => m.ReviewQueuePage,
        ),
      },
      {
        path: '/publications/drafts',
        label: '草稿与期限',
        component: page(
          () => import('../pages/publications/publications.pages.tsx'),
          (m) => m.DraftsPage,
        ),
      },
      {
        path: '/publications/overdue',
        label: '超期未公示',
        component: page(
          () => import('../pages/publications/publications.pages.tsx'),
          (m) => m.OverduePage,
        ),
      },
      {
        path: '/publications/published',
        label: '公示中',
        component: page(
          () => import('../pages/publications/publications.pages.tsx'),
          (m) => m.PublishedPage,
        ),
      },
      {
        path: '/publications/withdrawals',
        label: '已撤回',
        component: page(
          () => import('../pages/publications/publications.pages.tsx'),
          (m) => m.WithdrawalsPage,
        ),
      },
      {
        path: '/publications/corrections',
        label: '更正申请',
        component: page(
          () => import('../pages/publications/corrections.page.tsx'),
          (m) => m.CorrectionsPage,
        ),
      },
      {
        path: '/publications/timeliness',
        label: '按时公示率',
        component: page(
          () => import('../pages/publications/timeliness.page.tsx'),
          (m) => m.TimelinessPage,
        ),
      },
      {
        path: '/publications/settings',
        needs: 'publications.configure',
        label: '公示设置',
        component: page(
          () => import('../pages/publications/settings.page.tsx'),
          (m) => m.PublicitySettingsPage,
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
        needs: 'org.readAudit',
        label: '审计日志',
        component: page(
          () => import('../pages/audit/audit-events.page.tsx'),
          (m) => m.AuditEventsPage,
        ),
      },
    ],
  },
  {
    // Docking with the county supervision platform (issue 14 item 2): the agency's administrator.
    key: 'upstream',
    label: '县级监督平台',
    icon: <ApiOutlined />,
    pages: [
      {
        path: '/upstream',
        needs: 'upstream.read',
        label: '推送状态',
        component: page(
          () => import('../pages/upstream/upstream.page.tsx'),
          (m) => m.UpstreamPage,
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
  {
    // The deadline calculator (issue 13): every signed-in role may open it, as the public may on the portal.
    key: 'calculator',
    label: '期限计算',
    icon: <CalculatorOutlined />,
    pages: [
      {
        path: '/calculator',
        label: '期限计算',
        component: page(
          () => import('../pages/calculator/calculator.page.tsx'),
          (m) => m.CalculatorPage,
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
