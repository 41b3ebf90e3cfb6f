import { AGENCY_HEAD, HEADS, OFFICERS, type Lifecycle } from './lifecycle.ts';

const LAW = '行政强制法';

/**
 * A coercive measure, sealing or seizure (行政强制法 chapter III): approved by the agency's head, carried
 * out by two officers with full-process AV, lasting 30 days (+30 approved), then released or handled.
 */
export const coercion: Lifecycle = {
  kind: 'coercion',
  label: '行政强制措施（查封、扣押）',
  actionKind: 'coercion',
  procedure: null,
  initial: 'proposed',
  states: [
    { id: 'proposed', label: '拟采取' },
    { id: 'approved', label: '已批准' },
    { id: 'in_force', label: '查封扣押中' },
    { id: 'released', label: '已解除' },
    { id: 'handled', label: '已依法处理' },
    { id: 'closed', label: '已结案' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    {
      from: 'proposed',
      to: 'approved',
      step: 'approve',
      label: '负责人批准',
      basis: `${LAW} §18、§19：实施前向行政机关负责人报告并经批准`,
      roles: AGENCY_HEAD,
    },
    {
      from: 'approved',
      to: 'in_force',
      step: 'enforce',
      label: '实施查封、扣押',
      basis: `${LAW} §18、§24：两名以上执法人员实施，出示证件，制作现场笔录和决定书、清单；全过程音像记录（118号）`,
      roles: OFFICERS,
      officers: 2,
      documents: ['实施行政强制措施决定书', '场所/设施/财物清单', '现场笔录'],
      opens: ['coercive_measure'],
      av: 'sealing',
    },
    {
      from: 'in_force',
      to: 'released',
      step: 'release',
      label: '解除查封、扣押',
      basis: `${LAW} §25、§28：期限三十日，延长不超过三十日；期限届满或不再需要的，及时解除`,
      roles: OFFICERS,
      officers: 2,
      meets: 'coercive_measure',
    },
    {
      from: 'in_force',
      to: 'handled',
      step: 'handle',
      label: '依法处理（没收、销毁等）',
      basis: `${LAW} §25、§27：期限内查清事实，作出处理决定`,
      roles: HEADS,
      requires: ['reason'],
      meets: 'coercive_measure',
    },
    {
      from: 'released',
      to: 'closed',
      step: 'close',
      label: '结案',
      basis: `${LAW} §28`,
      roles: HEADS,
    },
    {
      from: 'handled',
      to: 'closed',
      step: 'close',
      label: '结案',
      basis: `${LAW} §27`,
      roles: HEADS,
    },
    {
      from: 'closed',
      to: 'archived',
      step: 'archive',
      label: '归档',
      basis: '行政处罚法 §47：执法全过程记录归档保存',
      roles: [...OFFICERS, ...HEADS],
    },
  ],
};
