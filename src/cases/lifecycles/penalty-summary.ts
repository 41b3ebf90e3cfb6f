import { HEADS, OFFICERS, type Lifecycle } from './lifecycle.ts';
import { nonPaymentStates, nonPaymentTransitions } from './non-payment.ts';

const LAW = '行政处罚法';

/**
 * A penalty under the summary procedure (行政处罚法 §51–52): on the spot, a warning or a small fine
 * (≤ 200 yuan for a person, ≤ 3,000 yuan for an organisation: summary.rules.ts), a pre-numbered decision
 * handed over at once, then filed with the agency.
 */
export const penaltySummary: Lifecycle = {
  kind: 'penalty_summary',
  label: '行政处罚（简易程序）',
  actionKind: 'penalty',
  procedure: 'summary',
  initial: 'on_site',
  states: [
    { id: 'on_site', label: '现场查处' },
    { id: 'decided', label: '当场决定' },
    { id: 'served', label: '当场交付' },
    { id: 'executed', label: '已缴纳罚款' },
    ...nonPaymentStates,
    { id: 'closed', label: '已备案结案' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    {
      from: 'on_site',
      to: 'decided',
      step: 'decide',
      label: '当场作出处罚决定',
      basis: `${LAW} §51、§52：违法事实确凿并有法定依据，警告或小额罚款，出示执法证件，填写预定格式、编有号码的决定书`,
      roles: OFFICERS,
      officers: 2, // 行政处罚法 §42：执法人员不得少于两人（第五章第一节，简易程序亦同）
      documents: ['当场行政处罚决定书'],
      decision: true,
      av: 'on_site_inspection',
    },
    {
      from: 'decided',
      to: 'served',
      step: 'serve',
      label: '当场交付决定书',
      basis: `${LAW} §52：当场交付当事人，当事人签字`,
      roles: OFFICERS,
      documents: ['当场行政处罚决定书'],
      opens: ['payment'],
    },
    {
      from: 'served',
      to: 'executed',
      step: 'record_payment',
      label: '缴纳罚款',
      basis: `${LAW} §67、§68、§72：十五日内缴纳；依法当场收缴的出具专用票据`,
      roles: OFFICERS,
      requires: ['amount'],
      meets: 'payment',
    },
    ...nonPaymentTransitions({
      step: 'file_with_agency',
      label: '报所属机关备案（已申请人民法院强制执行）',
      basis: `${LAW} §52：当场作出的处罚决定报所属行政机关备案；申请人民法院强制执行后执行由人民法院负责`,
      roles: [...OFFICERS, ...HEADS],
    }),
    {
      from: 'executed',
      to: 'closed',
      step: 'file_with_agency',
      label: '报所属机关备案',
      basis: `${LAW} §52：当场作出的处罚决定报所属行政机关备案`,
      roles: [...OFFICERS, ...HEADS],
    },
    {
      from: 'served',
      to: 'closed',
      step: 'file_with_agency',
      label: '报所属机关备案（警告）',
      basis: `${LAW} §52：当场作出的处罚决定报所属行政机关备案`,
      roles: [...OFFICERS, ...HEADS],
      requires: ['nothing_to_execute'],
    },
    {
      from: 'closed',
      to: 'archived',
      step: 'archive',
      label: '归档',
      basis: `${LAW} §47：执法全过程记录归档保存`,
      roles: [...OFFICERS, ...HEADS],
    },
  ],
};
