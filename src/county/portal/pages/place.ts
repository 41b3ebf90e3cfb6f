import type { NavItem } from '../../../publicity/portal/layout.ts';
import type { PowerPlace } from '../../../publicity/portal/pages/powers.ts';
import type { PublicAgency } from '../../../publicity/portal/portal.service.ts';
import type { CountyAgency } from '../county-portal.schema.ts';

/** The county portal's sections (docs/county.md "The county portal"), in the portal's one page frame. */
export const COUNTY_PORTAL_NAME = '全县行政执法公示';
export const COUNTY = '/county-portal';

export const countyNav: readonly NavItem[] = [
  { href: '/', label: '首页' },
  { href: `${COUNTY}/agencies`, label: '执法机关' },
  { href: `${COUNTY}/search`, label: '跨机关检索' },
  { href: '/flowcharts', label: '执法流程' },
  { href: '/deadlines', label: '期限计算' },
  { href: `${COUNTY}/verify`, label: '记录核验' },
];

export const agencyPath = (a: { id: string }) => `${COUNTY}/agencies/${a.id}`;

/** A registered agency as the portal's shared pages name one. */
export const asPublicAgency = (a: CountyAgency): PublicAgency => ({
  id: a.id,
  name: a.name,
  kind: a.kind ?? 'enforcement',
  level: a.level ?? 'county',
});

export const countyPlace = (a: CountyAgency, extra?: PowerPlace['extra']): PowerPlace => ({
  home: '/',
  agency: agencyPath(a),
  nav: countyNav,
  current: `${COUNTY}/agencies`,
  guide: false,
  ...(extra ? { extra } : {}),
});

export const levelLabels: Record<string, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};
