import type { Role } from '../platform/auth/roles.ts';
import type { EnforcementField } from '../org/certificate.rules.ts';

/**
 * The demo: the seed's bureau (衡阳县市场监督管理局) with its legal unit, brigade and three stations, the
 * county's supervision office above it and one other bureau beside it. Every name is invented.
 */
export const DEMO_PASSWORD = 'Sanxiang2026';

export interface DemoPerson {
  name: string;
  unit: string | null;
  post: string;
  roles: Role[];
  username?: string;
  certificate?: {
    number: string;
    fields: EnforcementField[];
    validFrom: string;
    validTo: string;
    status?: 'suspended';
  };
}

export interface DemoAgency {
  key: 'office' | 'bureau' | 'other';
  name: string;
  shortName: string;
  creditCode: string;
  regionCode: string;
  kind: 'enforcement' | 'supervision';
  parent: 'office' | null;
  units: { name: string; kind: 'internal' | 'station' | 'legal' | 'brigade' }[];
  people: DemoPerson[];
}

const cert = (n: number, fields: EnforcementField[], validTo = '2029-12-31') => ({
  number: `4304210${String(n).padStart(7, '0')}`,
  fields,
  validFrom: '2024-01-01',
  validTo,
});

export const demoAgencies: DemoAgency[] = [
  {
    key: 'office',
    name: '衡阳县人民政府行政执法协调监督办公室',
    shortName: '衡县执法监督办',
    creditCode: '11430421MB1A123455',
    regionCode: '430421',
    kind: 'supervision',
    parent: null,
    units: [{ name: '执法监督股', kind: 'internal' }],
    people: [
      {
        name: '陈立群',
        unit: '执法监督股',
        post: '股长',
        // The county office runs the instance: its administrator also keeps what all agencies share.
        roles: ['supervisor', 'administrator', 'instance_administrator'],
        username: 'jiandu',
      },
    ],
  },
  {
    key: 'bureau',
    name: '衡阳县市场监督管理局',
    shortName: '衡县市监',
    creditCode: '11430421MB1B23456G',
    regionCode: '430421',
    kind: 'enforcement',
    parent: 'office',
    units: [
      { name: '办公室', kind: 'internal' },
      { name: '法制股', kind: 'legal' },
      { name: '综合执法大队', kind: 'brigade' },
      { name: '西渡市场监管所', kind: 'station' },
      { name: '台源市场监管所', kind: 'station' },
      { name: '井头市场监管所', kind: 'station' },
    ],
    people: [
      { name: '刘建国', unit: '办公室', post: '局长', roles: ['agency_head'], username: 'juzhang' },
      { name: '周敏', unit: '办公室', post: '信息管理员', roles: ['administrator'], username: 'admin' },
      {
        name: '王志刚',
        unit: '法制股',
        post: '股长',
        roles: ['reviewer', 'unit_head'],
        username: 'wangzg',
        certificate: cert(1, ['food', 'quality', 'industry_commerce']),
      },
      {
        name: '李婷',
        unit: '法制股',
        post: '法制审核员',
        roles: ['reviewer'],
        username: 'liting',
        certificate: cert(2, ['food', 'drugs', 'industry_commerce']),
      },
      { name: '赵丽', unit: '办公室', post: '公示专员', roles: ['publisher'], username: 'zhaoli' },
      { name: '孙浩', unit: '办公室', post: '审计员', roles: ['auditor'], username: 'sunhao' },
      {
        name: '张伟',
        unit: '综合执法大队',
        post: '大队长',
        roles: ['officer', 'unit_head'],
        username: 'zhangwei',
        certificate: cert(3, ['food', 'drugs', 'quality', 'industry_commerce']),
      },
      {
        name: '黄磊',
        unit: '综合执法大队',
        post: '执法队员',
        roles: ['officer'],
        username: 'huanglei',
        certificate: cert(4, ['food', 'quality']),
      },
      {
        name: '吴静',
        unit: '综合执法大队',
        post: '执法队员',
        roles: ['officer'],
        username: 'wujing',
        certificate: cert(5, ['drugs', 'medical_devices', 'cosmetics']),
      },
      {
        name: '郑凯',
        unit: '综合执法大队',
        post: '执法队员',
        roles: ['officer'],
        certificate: cert(6, ['special_equipment', 'quality'], '2026-06-30'),
      },
      {
        name: '冯雪',
        unit: '综合执法大队',
        post: '执法队员',
        roles: ['officer'],
        certificate: { ...cert(7, ['pricing', 'advertising']), status: 'suspended' },
      },
      {
        name: '何强',
        unit: '西渡市场监管所',
        post: '所长',
        roles: ['officer', 'unit_head'],
        username: 'heqiang',
        certificate: cert(8, ['food', 'industry_commerce']),
      },
      {
        name: '罗芳',
        unit: '西渡市场监管所',
        post: '监管员',
        roles: ['officer'],
        certificate: cert(9, ['food', 'measurement']),
      },
      {
        name: '谢勇',
        unit: '台源市场监管所',
        post: '所长',
        roles: ['officer', 'unit_head'],
        certificate: cert(10, ['food', 'industry_commerce', 'consumer_protection']),
      },
      {
        name: '唐慧',
        unit: '台源市场监管所',
        post: '监管员',
        roles: ['officer'],
        certificate: cert(11, ['food', 'standards']),
      },
      {
        name: '邓超',
        unit: '井头市场监管所',
        post: '所长',
        roles: ['officer', 'unit_head'],
        certificate: cert(12, ['food', 'industry_commerce']),
      },
      {
        name: '许琳',
        unit: '井头市场监管所',
        post: '监管员',
        roles: ['officer'],
        certificate: cert(13, ['food', 'competition']),
      },
    ],
  },
  {
    key: 'other',
    name: '衡阳县农业农村局',
    shortName: '衡县农业',
    creditCode: '11430421MB1C34567U',
    regionCode: '430421',
    kind: 'enforcement',
    parent: 'office',
    units: [
      { name: '法规股', kind: 'legal' },
      { name: '农业综合行政执法大队', kind: 'brigade' },
    ],
    people: [
      { name: '蒋涛', unit: '法规股', post: '信息管理员', roles: ['administrator'], username: 'nyadmin' },
      {
        name: '彭辉',
        unit: '农业综合行政执法大队',
        post: '大队长',
        roles: ['officer'],
        username: 'penghui',
        certificate: cert(101, ['quality']),
      },
    ],
  },
];
