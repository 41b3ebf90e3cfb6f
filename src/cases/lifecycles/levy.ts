import { AGENCY_HEAD, HEADS, OFFICERS, type Lifecycle } from './lifecycle.ts';

/** A levy (行政征收): its legal basis established → decision served → payment recorded. */
export const levy: Lifecycle = {
  kind: 'levy',
  label: '行政征收',
  actionKind: 'levy',
  procedure: null,
  initial: 'basis',
  states: [
    { id: 'basis', label: '核定征收依据' },
    { id: 'decided', label: '已作出征收决定' },
    { id: 'served', label: '已送达' },
    { id: 'paid', label: '已缴纳' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    {
      from: 'basis',
      to: 'decided',
      step: 'decide',
      label: '作出征收决定',
      basis: '立法法 §11：征收须有法律依据；依据及标准按权责清单事项',
      roles: AGENCY_HEAD,
      requires: ['amount'],
      decision: true,
    },
    {
      from: 'decided',
      to: 'served',
      step: 'serve',
      label: '送达征收决定',
      basis: '行政程序通例：决定书送达当事人后生效',
      roles: OFFICERS,
      requires: ['service_consent_if_electronic'],
    },
    {
      from: 'served',
      to: 'paid',
      step: 'record_payment',
      label: '登记缴纳',
      basis: '收入缴入国库，出具财政票据（财政部票据管理办法）',
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
