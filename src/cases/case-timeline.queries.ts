import type { CommandDeps } from '../platform/audit/command.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { readableCase } from './case-detail.queries.ts';
import { stateLabel } from './lifecycle.rules.ts';
import { lifecycles } from './lifecycles/index.ts';

/** A case's history (the timeline), each event with the proof that it is in the record log. */

export interface TimelineEvent {
  id: string;
  seq: number;
  action: string;
  step: string | null;
  label: string;
  fromState: string;
  toState: string;
  toStateLabel: string;
  on: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  officerIds: string[];
  reason: string | null;
  lateReason: string | null;
  details: Record<string, unknown>;
  enforcementStepId: string | null;
  /** The record-log index of the event's entry; null until the integrator has sequenced it. */
  logIndex: number | null;
}

const actionLabels: Readonly<Record<string, string>> = {
  created: '登记',
  officer_assigned: '指派办案人员',
  recusal_declared: '回避声明',
  officer_recused: '决定回避',
  recusal_applied: '当事人申请回避',
  recusal_refused: '决定不予回避',
  suspended: '中止',
  resumed: '恢复',
  extended: '延长期限',
  payment_recorded: '缴纳罚款（分期）',
  payment_plan_applied: '申请暂缓或分期缴纳罚款',
  payment_plan_decided: '审批暂缓或分期缴纳罚款',
  cash_handed_over: '当场收缴罚款交款',
};

/** The case's events in order, each with its record-log index (the proof that it is in the log). */
export async function caseTimeline(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<TimelineEvent[]> {
  const kase = await readableCase(deps, principal, id);
  const lc = lifecycles[kase.kind];
  const rows = await deps.db
    .selectFrom('case_events as e')
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'e.actor_id').onRef('p.agency_id', '=', 'e.agency_id'),
    )
    .leftJoin('audit_events as a', (j) =>
      j
        .on('a.subject_type', '=', 'case_event')
        .onRef('a.subject_id', '=', 'e.id')
        .onRef('a.agency_id', '=', 'e.agency_id'),
    )
    .leftJoin('log_entries as l', 'l.event_id', 'a.id')
    .selectAll('e')
    .select(['p.name as actor_name', 'l.log_index'])
    .where('e.case_id', '=', kase.id)
    .where('e.agency_id', '=', kase.agency_id)
    .orderBy('e.seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    action: r.action,
    step: r.step,
    label:
      (r.step ? lc.transitions.find((t) => t.step === r.step && t.from === r.from_state)?.label : null) ??
      actionLabels[r.action] ??
      r.action,
    fromState: r.from_state,
    toState: r.to_state,
    toStateLabel: stateLabel(lc, r.to_state),
    on: r.on_date,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    officerIds: r.officer_ids,
    reason: r.reason,
    lateReason: r.late_reason,
    details: r.details,
    enforcementStepId: r.enforcement_step_id,
    logIndex: r.log_index === null ? null : Number(r.log_index),
  }));
}
