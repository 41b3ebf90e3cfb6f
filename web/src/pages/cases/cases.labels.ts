import { requirementLabels } from '../../../../src/cases/lifecycle.rules.ts';
import {
  lifecycleKinds,
  lifecycles,
  type LifecycleKind,
  type Transition,
} from '../../../../src/cases/lifecycles/index.ts';
import { decisionOutcomes } from '../../../../src/cases/cases.schema.ts';
import { circumstanceLabels } from '../../../../src/powers/discretion.rules.ts';

/** Labels and options of the cases area, all taken from the lifecycles the server enforces. */

export { circumstanceLabels, decisionOutcomes, lifecycles, requirementLabels };

export const kindOptions = lifecycleKinds.map((kind) => ({ value: kind, label: lifecycles[kind].label }));

export const kindLabel = (kind: string): string => lifecycles[kind as LifecycleKind]?.label ?? kind;

/** The states of one kind, or of every kind (labels of a state shared by kinds are the first kind's). */
export function stateOptions(kind: string | undefined): { value: string; label: string }[] {
  const kinds = kind && kind in lifecycles ? [kind as LifecycleKind] : lifecycleKinds;
  const seen = new Map<string, string>();
  for (const k of kinds) for (const s of lifecycles[k].states) if (!seen.has(s.id)) seen.set(s.id, s.label);
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** The transition a step takes from a state (its requirements, officers, periods). */
export function transitionOf(kind: string, from: string, step: string): Transition | undefined {
  return lifecycles[kind as LifecycleKind]?.transitions.find((t) => t.from === from && t.step === step);
}

export const procedureLabels: Readonly<Record<string, string>> = {
  ordinary: '普通程序',
  summary: '简易程序',
};

export const serviceMethodLabels: Readonly<Record<string, string>> = {
  on_the_spot: '当场交付',
  direct: '直接送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  left_at_address: '留置送达',
  public_notice: '公告送达',
};

export const measureLabels: Readonly<Record<string, string>> = { sealing: '查封', seizure: '扣押' };

export const extensionCodeLabels: Readonly<Record<string, string>> = {
  lead_verification: '案源核查期限',
  decision: '作出决定期限',
  coercive_measure: '行政强制措施期限',
  licensing_decision: '许可决定期限',
};

/** Fen as yuan, e.g. 123456 → 1,234.56 元. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('zh-CN');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')} 元`;
}

/** Yuan typed by a person (up to two decimals) as integer fen, without floating-point error. */
export function fenOf(yuanText: string | number | null | undefined): number | null {
  if (yuanText === null || yuanText === undefined || yuanText === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(yuanText).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
