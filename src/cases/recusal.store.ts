import type { CommandContext } from '../platform/audit/command.ts';
import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import type { CaseRow, Reader } from './cases.store.ts';

/**
 * The party's applications for an officer's recusal (recusal_applications, 行政处罚法 §43 ¶2) and the head's
 * decisions on them. Every statement is scoped by the case's agency.
 */

export type RecusalApplicationRow = Row<'recusal_applications'>;

type CaseKey = Pick<CaseRow, 'id' | 'agency_id'>;

/** The case's applications still awaiting the head's decision about this officer. */
export async function pendingApplicationsOf(
  db: Reader,
  kase: CaseKey,
  personId: string,
): Promise<{ id: string }[]> {
  return db
    .selectFrom('recusal_applications')
    .select('id')
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .where('person_id', '=', personId)
    .where('decided_at', 'is', null)
    .execute();
}

/** The case's application with this id, if any. */
export async function applicationOf(
  db: Reader,
  kase: CaseKey,
  applicationId: string,
): Promise<RecusalApplicationRow | undefined> {
  return db
    .selectFrom('recusal_applications')
    .selectAll()
    .where('id', '=', applicationId)
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .executeTakeFirst();
}

/** Every application of the case, in the order they were entered (the case page). */
export async function applicationsOfCase(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<RecusalApplicationRow[]> {
  return db
    .selectFrom('recusal_applications')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('entered_at')
    .orderBy('id')
    .execute();
}

/** Enters the party's application and records it. */
export async function insertApplication(
  ctx: CommandContext,
  kase: CaseRow,
  input: { personId: string; applicant: string; grounds: string; receivedOn: string },
): Promise<RecusalApplicationRow> {
  const row = await ctx.trx
    .insertInto('recusal_applications')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      person_id: input.personId,
      applicant: input.applicant,
      grounds: input.grounds,
      received_on: input.receivedOn,
      entered_by: ctx.actor.personId,
      entered_at: ctx.now,
      decided_at: null,
      decided_by: null,
      granted: null,
      decision_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.recusal_applied',
    agencyId: kase.agency_id,
    subjectType: 'recusal_application',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/** Writes the head's decision on a still pending application and records it; undefined if it was decided. */
export async function writeApplicationDecision(
  ctx: CommandContext,
  kase: CaseRow,
  applicationId: string,
  granted: boolean,
  reason: string,
): Promise<RecusalApplicationRow | undefined> {
  const row = await ctx.trx
    .updateTable('recusal_applications')
    .set({ decided_at: ctx.now, decided_by: ctx.actor.personId, granted, decision_reason: reason })
    .where('id', '=', applicationId)
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .where('decided_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await ctx.record({
    kind: 'cases.recusal_application_decided',
    agencyId: kase.agency_id,
    subjectType: 'recusal_application',
    subjectId: row.id,
    record: row,
    changes: ['decided_at', 'decided_by', 'granted', 'decision_reason'],
  });
  return row;
}
