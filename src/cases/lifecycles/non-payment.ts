import type { Role } from '../../platform/auth/roles.ts';
import { AGENCY_HEAD, OFFICERS, type LifecycleState, type Transition } from './lifecycle.ts';

/**
 * What follows when a fined party does not pay (行政强制法 §35, §53–§55; 行政处罚法 §72), shared by the
 * ordinary and the summary procedure: after the payment period a written demand (催告书) with 10 working
 * days to perform; then, once the party's period to apply for review or sue has ended unused, the
 * agency's application to the people's court; the case is closed on it and the court's answer recorded.
 * Taken through the payment routes (payment-execution.service.ts), which check the periods these name.
 */

export const nonPaymentStates: readonly LifecycleState[] = [
  { id: 'demanded', label: '已催告' },
  { id: 'court_applied', label: '已申请法院强制执行' },
];

/** The steps of non-payment, taken only through the payment routes (not the generic step route). */
export const nonPaymentSteps: ReadonlySet<string> = new Set([
  'demand_payment',
  'apply_court_enforcement',
  'record_court_result',
]);

export function nonPaymentTransitions(close: {
  step: string;
  label: string;
  basis: string;
  roles: readonly Role[];
  documents?: readonly string[];
}): Transition[] {
  const courtResult = (from: string): Transition => ({
    from,
    to: from,
    step: 'record_court_result',
    label: '登记人民法院执行情况',
    basis: '行政强制法 §56–§58：人民法院受理、裁定是否准予执行、执行结果',
    roles: OFFICERS,
  });
  return [
    {
      from: 'served',
      to: 'demanded',
      step: 'demand_payment',
      label: '催告履行（送达催告书）',
      basis:
        '行政强制法 §35、§54：缴纳期限届满未缴纳的，申请人民法院强制执行前书面催告，载明履行期限、方式、金额和陈述申辩权',
      roles: OFFICERS,
      documents: ['催告书'],
      opens: ['payment_demand'],
    },
    {
      from: 'demanded',
      to: 'executed',
      step: 'record_payment',
      label: '执行（催告后缴纳罚款）',
      basis: '行政处罚法 §72：逾期缴纳的，每日按罚款数额的 3% 加处罚款，不超出罚款数额',
      roles: OFFICERS,
      requires: ['amount'],
    },
    {
      from: 'demanded',
      to: 'court_applied',
      step: 'apply_court_enforcement',
      label: '申请人民法院强制执行',
      basis:
        '行政强制法 §53–§55：催告书送达十日后仍未履行、当事人在法定期限内未申请复议或起诉的，自期限届满之日起三个月内申请；申请书由行政机关负责人签名',
      roles: AGENCY_HEAD,
      documents: ['强制执行申请书'],
      meets: 'court_application',
    },
    {
      from: 'court_applied',
      to: 'closed',
      ...close,
    },
    courtResult('court_applied'),
    courtResult('closed'),
  ];
}
