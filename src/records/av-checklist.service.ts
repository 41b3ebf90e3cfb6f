import type { Transaction } from 'kysely';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  avGaps,
  checklistProblems,
  defaultChecklist,
  stepLabel,
  type AvFacts,
  type ChecklistItem,
  type StepFacts,
} from './av-checklist.rules.ts';
import type { AvGapView, ChecklistInput, ChecklistView, Step, StepInput } from './evidence.schema.ts';
import {
  avEvidenceFor,
  checklistRowOf,
  insertStep,
  stepsOfSubject,
  stepsStartedIn,
  upsertChecklist,
} from './av-checklist.store.ts';
import { recordsPolicy } from './records.policy.ts';
import { requireKnownCaseSubject, requireOwnSubject } from '../cases/case-subject.ts';

/**
 * The AV checklist of each agency, the enforcement steps it judges, and the gaps it finds: per subject
 * (for the reviewer of one case) and per agency over a period (for the head and the county supervisor).
 *
 * Steps are recorded here, with a plain subject reference, until the cases issue moves them into the case
 * lifecycle; the checklist rule only needs their code, subject and times.
 */

type Reader = Db | Transaction<DB>;

const checklistRow = (db: Reader, agencyId: string) => checklistRowOf(db, ownAgency(agencyId));

/** The checklist in force for an agency: its own when set, else the defaults. */
export async function checklistOf(db: Reader, agencyId: string): Promise<readonly ChecklistItem[]> {
  return (await checklistRow(db, agencyId))?.items ?? defaultChecklist;
}

const toChecklist = (agencyId: string, row: Row<'av_checklists'> | undefined): ChecklistView => ({
  agencyId,
  items: row ? row.items : [...defaultChecklist],
  isDefault: row === undefined,
  updatedAt: row ? row.updated_at.toISOString() : null,
});

export async function getChecklist(deps: CommandDeps, principal: Principal, agencyId: string) {
  authorize(principal, recordsPolicy.readSettings, agencyId);
  return toChecklist(agencyId, await checklistRow(deps.db, agencyId));
}

export async function setChecklist(
  deps: CommandDeps,
  principal: Principal,
  agencyId: string,
  input: ChecklistInput,
): Promise<ChecklistView> {
  authorize(principal, recordsPolicy.manageSettings, agencyId);
  const problems = checklistProblems(input.items);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      errors: problems.map((p) => ({
        path: p.index === null ? 'body.items' : `body.items.${p.index}`,
        message: p.message,
      })),
    });
  }
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const written = await upsertChecklist(ctx.trx, ownAgency(agencyId), input.items, ctx.now);
    await ctx.record({
      kind: 'records.av_checklist_set',
      agencyId,
      subjectType: 'av_checklist',
      subjectId: written.id,
      record: written,
      changes: ['items'],
    });
    return written;
  });
  return toChecklist(agencyId, row);
}

const toStep = (r: Row<'enforcement_steps'>, checklist: readonly ChecklistItem[]): Step => ({
  id: r.id,
  agencyId: r.agency_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  step: r.step,
  label: stepLabel(r.step, checklist) ?? r.step,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at ? r.ended_at.toISOString() : null,
  place: r.place,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

export async function recordStep(deps: CommandDeps, principal: Principal, input: StepInput): Promise<Step> {
  const agencyId = principal.agencyId;
  authorize(principal, recordsPolicy.recordSteps, agencyId);
  const checklist = await checklistOf(deps.db, agencyId);
  if (stepLabel(input.step, checklist) === undefined) {
    throw fieldError('VALIDATION_FAILED', 'body.step', `未知的执法环节：${input.step}`);
  }
  if (input.endedAt !== null && new Date(input.endedAt) < new Date(input.startedAt)) {
    throw fieldError('VALIDATION_FAILED', 'body.endedAt', '结束时间不能早于开始时间');
  }
  await requireOwnSubject(deps.db, agencyId, input);
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const written = await insertStep(ctx.trx, ownAgency(agencyId), {
      id: newId(),
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      step: input.step,
      started_at: input.startedAt,
      ended_at: input.endedAt,
      place: input.place,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    });
    await ctx.record({
      kind: 'records.step_recorded',
      agencyId,
      subjectType: 'enforcement_step',
      subjectId: written.id,
      record: written,
    });
    return written;
  });
  return toStep(row, checklist);
}

/** The agency a subject query is about: the one named, else the principal's own. */
function subjectAgency(principal: Principal, agencyId: string | undefined): string {
  const id = agencyId ?? principal.agencyId;
  authorize(principal, recordsPolicy.readSteps, id);
  return id;
}

export async function listSteps(
  deps: CommandDeps,
  principal: Principal,
  query: { agencyId?: string | undefined; subjectType: string; subjectId: string },
): Promise<Step[]> {
  const agencyId = subjectAgency(principal, query.agencyId);
  await requireKnownCaseSubject(deps.db, [agencyId], query);
  const rows = await stepsOfSubject(deps.db, ownAgency(agencyId), query);
  const checklist = await checklistOf(deps.db, agencyId);
  return rows.map((r) => toStep(r, checklist));
}

const stepFacts = (r: Row<'enforcement_steps'>): StepFacts => ({
  id: r.id,
  step: r.step,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

/** The AV evidence that may be about these steps: linked to one of them, or on one of their subjects. */
async function avFactsFor(db: Db, agencyId: string, steps: readonly Row<'enforcement_steps'>[]) {
  if (steps.length === 0) return [];
  const stepIds = steps.map((s) => s.id);
  const subjectIds = [...new Set(steps.map((s) => s.subject_id))];
  const rows = await avEvidenceFor(db, ownAgency(agencyId), stepIds, subjectIds);
  return rows.map((r): AvFacts => ({
    id: r.id,
    kind: r.kind,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    step: r.step,
    stepId: r.step_id,
    fullProcess: r.full_process,
    capturedFrom: r.captured_from,
    capturedTo: r.captured_to,
    interruptions: r.interruptions.map((i) => ({
      stoppedAt: new Date(i.stoppedAt),
      resumedAt: new Date(i.resumedAt),
      reason: i.reason,
    })),
  }));
}

async function gapsOf(db: Db, agencyId: string, steps: Row<'enforcement_steps'>[]): Promise<AvGapView[]> {
  const checklist = await checklistOf(db, agencyId);
  const byId = new Map(steps.map((s) => [s.id, s]));
  const gaps = avGaps(steps.map(stepFacts), await avFactsFor(db, agencyId, steps), checklist);
  return gaps.map((g) => {
    const s = byId.get(g.stepId)!;
    return {
      stepId: g.stepId,
      step: g.step,
      label: g.label,
      requirement: g.requirement,
      problem: g.problem,
      from: g.from ? g.from.toISOString() : null,
      to: g.to ? g.to.toISOString() : null,
      message: g.message,
      subjectType: s.subject_type,
      subjectId: s.subject_id,
      startedAt: s.started_at.toISOString(),
    };
  });
}

/** For the reviewer of one subject: each step the checklist names that lacks its AV. */
export async function subjectGaps(
  deps: CommandDeps,
  principal: Principal,
  query: { agencyId?: string | undefined; subjectType: string; subjectId: string },
): Promise<AvGapView[]> {
  const agencyId = query.agencyId ?? principal.agencyId;
  authorize(principal, recordsPolicy.readGaps, agencyId);
  await requireKnownCaseSubject(deps.db, [agencyId], query);
  const steps = await stepsOfSubject(deps.db, ownAgency(agencyId), query);
  return gapsOf(deps.db, agencyId, steps);
}

/** Steps per agency query; a county's quarter is far below this. */
const MAX_STEPS = 20_000;
const DEFAULT_DAYS = 90;

/** For the head and the supervisor: every gap among the steps started in [from, to] (China dates). */
export async function agencyGaps(
  deps: CommandDeps,
  principal: Principal,
  agencyId: string,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<{ agencyId: string; from: string; to: string; steps: number; gaps: AvGapView[] }> {
  authorize(principal, recordsPolicy.readGaps, agencyId);
  const to = query.to ?? chinaDate(deps.clock.now());
  const from = query.from ?? addCalendarDays(to, -DEFAULT_DAYS);
  const steps = await stepsStartedIn(
    deps.db,
    ownAgency(agencyId),
    new Date(`${from}T00:00:00+08:00`),
    new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`),
    MAX_STEPS + 1,
  );
  if (steps.length > MAX_STEPS) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ path: 'querystring.from', message: `该时段执法环节超过 ${MAX_STEPS} 个，请缩短时段` }],
    });
  }
  return { agencyId, from, to, steps: steps.length, gaps: await gapsOf(deps.db, agencyId, steps) };
}
