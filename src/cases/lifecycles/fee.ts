import { HEADS, OFFICERS, type Lifecycle } from './lifecycle.ts';

/** An administrative fee (行政事业性收费): basis from the published fee list → decision → payment record. */
export const fee: Lifecycle = {
  kind: 'fee',
  label: '行政收费',
  actionKind: 'fee',
  procedure: null,
  initial: 'basis',
  states: [
    { id: 'basis', label: '核定收费依据' },
    { id: 'decided', label: '已开具缴费通知' },
    { id: 'paid', label: '已缴费' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    {
      from: 'basis',
      to: 'decided',
      step: 'decide',
      label: '开具缴费通知',
      basis: '行政事业性收费项目审批管理暂行办法：按公布的收费目录清单和标准收费',
      roles: [...OFFICERS, ...HEADS],
      requires: ['amount'],
      decision: true,
    },
    {
      from: 'decided',
      to: 'paid',
      step: 'record_payment',
      label: '登记缴费',
      basis: '财政票据管理办法：收费出具财政票据',
      roles: OFFICERS,
      requires: ['amount'],
    },
    {
      from: 'paid',
      to: 'archived',
      step: 'archive',
      label: '归档',
      basis: '行政处罚法 §47 参照：执法全过程记录归档',
      roles: [...OFFICERS, ...HEADS],
    },
  ],
};
