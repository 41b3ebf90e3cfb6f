import { coercion } from './coercion.ts';
import { fee } from './fee.ts';
import { inspection } from './inspection.ts';
import { levy } from './levy.ts';
import { licensing } from './licensing.ts';
import type { Lifecycle, LifecycleKind } from './lifecycle.ts';
import { penaltyOrdinary } from './penalty-ordinary.ts';
import { penaltySummary } from './penalty-summary.ts';

export * from './lifecycle.ts';

/**
 * Every lifecycle by kind: what the case service enforces and what the publicity flowcharts draw. Each is
 * `{ kind, label, states: {id,label}[], transitions: {from,to,step,label,basis,roles,...}[] }`.
 */
export const lifecycles: Readonly<Record<LifecycleKind, Lifecycle>> = {
  penalty_ordinary: penaltyOrdinary,
  penalty_summary: penaltySummary,
  licensing,
  coercion,
  inspection,
  levy,
  fee,
};
