import type { Transaction } from 'kysely';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { retentionPolicyRow, upsertRetentionPolicy } from './retention.store.ts';
import type { RetentionInput, RetentionPolicyView } from './evidence.schema.ts';
import { recordsPolicy } from './records.policy.ts';
import {
  defaultRetention,
  MIN_RETENTION_MONTHS,
  retentionPeriodProblems,
  type RetentionPeriods,
} from './retention.rules.ts';

/** Each agency's retention periods per kind of evidence: its own when set, else the defaults (docs/rules.md). */

const policyRow = (db: Db | Transaction<DB>, agencyId: string) => retentionPolicyRow(db, ownAgency(agencyId));

const toView = (agencyId: string, row: Row<'retention_policies'> | undefined): RetentionPolicyView => ({
  agencyId,
  periods: row ? { ...defaultRetention, ...row.periods } : defaultRetention,
  minimumMonths: MIN_RETENTION_MONTHS,
  isDefault: row === undefined,
  updatedAt: row ? row.updated_at.toISOString() : null,
});

/** The periods in force for an agency (a transaction sees its own writes). */
export async function retentionPeriodsOf(
  db: Db | Transaction<DB>,
  agencyId: string,
): Promise<RetentionPeriods> {
  return toView(agencyId, await policyRow(db, agencyId)).periods;
}

export async function getRetentionPolicy(
  deps: CommandDeps,
  principal: Principal,
  agencyId: string,
): Promise<RetentionPolicyView> {
  authorize(principal, recordsPolicy.readSettings, agencyId);
  return toView(agencyId, await policyRow(deps.db, agencyId));
}

/** docs/rules.md: every number is a default an administrator changes per agency, with the change recorded. */
export async function setRetentionPolicy(
  deps: CommandDeps,
  principal: Principal,
  agencyId: string,
  input: RetentionInput,
): Promise<RetentionPolicyView> {
  authorize(principal, recordsPolicy.manageSettings, agencyId);
  const problems = retentionPeriodProblems(input.periods);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      errors: problems.map((p) => ({ path: `body.periods.${p.kind}`, message: p.message })),
    });
  }
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const written = await upsertRetentionPolicy(ctx.trx, ownAgency(agencyId), input.periods, ctx.now);
    await ctx.record({
      kind: 'records.retention_policy_set',
      agencyId,
      subjectType: 'retention_policy',
      subjectId: written.id,
      record: written,
      changes: ['periods'],
    });
    return written;
  });
  return toView(agencyId, row);
}
