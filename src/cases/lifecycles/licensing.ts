import { AGENCY_HEAD, HEADS, OFFICERS, type Lifecycle } from './lifecycle.ts';

const LAW = '行政许可法';

/**
 * A licensing case (行政许可法 chapter IV): application → acceptance or refusal with reasons →
 * examination (on-site verification by two officers where needed) → decision within 20 working days of
 * acceptance, +10 approved → service of the decision.
 */
export const licensing: Lifecycle = {
  kind: 'licensing',
  label: '行政许可',
  actionKind: 'licensing',
  procedure: null,
  initial: 'applied',
  states: [
    { id: 'applied', label: '已申请' },
    { id: 'not_accepted', label: '不予受理', final: true },
    { id: 'accepted', label: '已受理' },
    { id: 'examined', label: '审查完毕' },
    { id: 'decided', label: '已作出决定' },
    { id: 'served', label: '已送达' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    {
      from: 'applied',
      to: 'accepted',
      step: 'accept',
      label: '受理',
      basis: `${LAW} §32：申请材料齐全、符合法定形式的，受理并出具书面凭证`,
      roles: [...OFFICERS, ...HEADS],
      opens: ['licensing_decision'],
    },
    {
      from: 'applied',
      to: 'not_accepted',
      step: 'refuse_acceptance',
      label: '不予受理',
      basis: `${LAW} §32、§38：不予受理的，出具书面凭证并说明理由`,
      roles: [...OFFICERS, ...HEADS],
      requires: ['reason'],
    },
    {
      from: 'accepted',
      to: 'examined',
      step: 'examine',
      label: '审查（现场核查）',
      basis: `${LAW} §34：需要核实实质内容的，指派两名以上工作人员核查`,
      roles: OFFICERS,
      officers: 2,
      documents: ['现场笔录'],
      av: 'on_site_inspection',
    },
    {
      from: 'examined',
      to: 'decided',
      step: 'decide',
      label: '作出许可决定',
      basis: `${LAW} §38、§42、§82：受理之日起二十个工作日内决定，经负责人批准可延长十日；不予许可应说明理由`,
      roles: AGENCY_HEAD,
      meets: 'licensing_decision',
      decision: true,
    },
    {
      from: 'decided',
      to: 'served',
      step: 'serve',
      label: '送达（颁发证件）',
      basis: `${LAW} §44：决定之日起十日内颁发、送达许可证件`,
      roles: OFFICERS,
      requires: ['service_consent_if_electronic'],
    },
    {
      from: 'served',
      to: 'archived',
      step: 'archive',
      label: '归档',
      basis: `${LAW} §40、§61：许可决定公开，档案备查`,
      roles: [...OFFICERS, ...HEADS],
    },
  ],
};
