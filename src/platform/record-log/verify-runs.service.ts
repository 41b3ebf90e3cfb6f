import { runCommand, type CommandDeps } from '../audit/command.ts';
import { authorize, definePolicy } from '../auth/policy.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { agenciesScope, ownAgency } from '../db/agency-scope.ts';
import { AppError } from '../errors.ts';
import { latestVerifyRun, verifyRuns } from './log.store.ts';
import type { NoteVerifier } from './note.ts';
import { problemsOfAgency } from './verify-scope.ts';
import { verifyRecordLog } from './verify.service.ts';

/**
 * `sanxiang verify` from the workbench (issue 3 item 4): an auditor or administrator runs the full check
 * of verify.service.ts on the live database (PGlite runs it in-process on the same handle; PostgreSQL
 * at any time), sees the problems of their own agency's rows and of the shared log only (verify-scope.ts;
 * the CLI reports the whole instance), and the result is recorded like every other command — as a `log.verify_run` event, so the
 * list of past runs is read back from the audit trail and is itself in the record log.
 */
export const verifyRunPolicy = definePolicy({
  run: { roles: ['auditor', 'administrator'], reach: 'own', writes: true },
  read: { roles: ['auditor', 'administrator', 'supervisor'], reach: 'supervised', writes: false },
});

export interface VerifyRunDeps extends CommandDeps {
  /** The log's verifier keys and the origin its checkpoints carry; without keys a run is refused. */
  verifiers: readonly NoteVerifier[];
  origin: string | undefined;
}

export const VERIFY_RUN_KIND = 'log.verify_run';
const MAX_PROBLEMS = 20;

/** What a run found, as recorded. */
export interface VerifyRunResult {
  ok: boolean;
  size: number;
  pending: number;
  legacy: number;
  subjects: number;
  durationMs: number;
  problemCount: number;
  problems: { table: string; id: string; message: string }[];
}

export interface VerifyRun extends VerifyRunResult {
  id: string;
  at: string;
  actorName: string | null;
}

let running = false;

export async function runVerification(
  deps: VerifyRunDeps,
  principal: Principal,
  agencyId: string,
): Promise<VerifyRun> {
  authorize(principal, verifyRunPolicy.run, agencyId);
  const origin = deps.origin ?? deps.verifiers[0]?.name;
  if (deps.verifiers.length === 0 || origin === undefined) throw new AppError('LOG_KEY_UNAVAILABLE');
  if (running) throw new AppError('CONFLICT', { detail: '已有一次核验正在进行，请稍后再试' });
  running = true;
  let result: VerifyRunResult;
  try {
    const started = performance.now();
    const report = await verifyRecordLog(deps.db, { verifiers: deps.verifiers, origin });
    // The agency's own rows and the shared log; other agencies' rows are theirs to see (the CLI sees all).
    const problems = await problemsOfAgency(deps.db, report.problems, agencyId);
    result = {
      ok: problems.length === 0,
      size: report.size,
      pending: report.pending,
      legacy: report.legacy,
      subjects: report.subjects,
      durationMs: Math.round(performance.now() - started),
      problemCount: problems.length,
      problems: problems
        .slice(0, MAX_PROBLEMS)
        .map((p) => ({ table: p.table, id: p.id, message: p.message })),
    };
  } finally {
    running = false;
  }
  return runCommand(deps, actorOf(principal), async (ctx) => {
    await ctx.record({
      kind: VERIFY_RUN_KIND,
      agencyId,
      subjectType: 'record_log',
      subjectId: null,
      record: result,
    });
    const event = await latestVerifyRun(ctx.trx, ownAgency(agencyId), VERIFY_RUN_KIND);
    return { id: event.id, at: ctx.now.toISOString(), actorName: principal.name, ...result };
  });
}

export async function listVerifyRuns(
  deps: Pick<CommandDeps, 'db'>,
  principal: Principal,
  agencyId: string,
): Promise<VerifyRun[]> {
  authorize(principal, verifyRunPolicy.read, agencyId);
  const rows = await verifyRuns(deps.db, agenciesScope([agencyId]), VERIFY_RUN_KIND);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actor_name,
    ...(JSON.parse(r.record ?? 'null') as VerifyRunResult),
  }));
}
