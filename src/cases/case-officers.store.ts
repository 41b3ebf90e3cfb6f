import type { CommandContext } from '../platform/audit/command.ts';
import { inScope, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { certificateFactsOfPeople } from '../org/certificates.store.ts';
import type { CaseRow, Reader } from './cases.store.ts';
import type { AssignedOfficer } from './lifecycle.rules.ts';

/**
 * The officers of a case (case_officers) and the people they are: assignment, the recusal declaration
 * and the head's recusal decision (行政处罚法 §42, §43). Every statement is scoped; joins carry the agency.
 */

export type OfficerRow = Row<'case_officers'>;

/** The certificate facts of a set of people: the org area's one home of them (issue 11). */
export { certificateFactsOfPeople };

/** The officers assigned to a case with their names and certificates, as the officer check judges them. */
export async function assignedOfficers(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<AssignedOfficer[]> {
  const rows = await db
    .selectFrom('case_officers as o')
    .innerJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'o.person_id').onRef('p.agency_id', '=', 'o.agency_id'),
    )
    .select(['o.person_id', 'p.name', 'o.recused_at', 'o.conflict'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('recusal_applications as a')
            .select('a.id')
            .whereRef('a.case_id', '=', 'o.case_id')
            .whereRef('a.agency_id', '=', 'o.agency_id')
            .whereRef('a.person_id', '=', 'o.person_id')
            .where('a.decided_at', 'is', null),
        )
        .as('application_pending'),
    )
    .where('o.case_id', '=', caseId)
    .where(inScope('o.agency_id', scope))
    .orderBy('o.assigned_at')
    .execute();
  // Every officer's certificates in one read, and their status changes in another (a step runs this on
  // each command; one read per officer made it the busiest query of a case).
  const certificates = await certificateFactsOfPeople(
    db,
    scope,
    rows.map((r) => r.person_id),
  );
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    certificates: certificates.get(r.person_id) ?? [],
    recused: r.recused_at !== null,
    declaredConflict: r.conflict === true,
    applicationPending: r.application_pending === true,
  }));
}

/** The case's officers with their names, in the order they were assigned (the case page). */
export async function officersOfCase(db: Reader, scope: AgencyScope, caseId: string) {
  return db
    .selectFrom('case_officers as o')
    .innerJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'o.person_id').onRef('p.agency_id', '=', 'o.agency_id'),
    )
    .selectAll('o')
    .select('p.name')
    .where('o.case_id', '=', caseId)
    .where(inScope('o.agency_id', scope))
    .orderBy('o.assigned_at')
    .execute();
}

/** A person of the agency (an officer to assign), if there is one with this id. */
export async function personOfAgency(db: Reader, scope: OwnAgency, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'agency_id', 'active'])
    .where('id', '=', personId)
    .where('agency_id', '=', scope.agencyId)
    .executeTakeFirst();
}

/** The officer row of this person on the case, if they are one of its officers. */
export async function officerOf(
  db: Reader,
  kase: Pick<CaseRow, 'id' | 'agency_id'>,
  personId: string,
): Promise<OfficerRow | undefined> {
  return db
    .selectFrom('case_officers')
    .selectAll()
    .where('case_id', '=', kase.id)
    .where('agency_id', '=', kase.agency_id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Inserts an officer of the case (its agency's) and records it. */
export async function insertOfficerRow(
  ctx: CommandContext,
  kase: CaseRow,
  personId: string,
  on: string,
  lead: boolean,
): Promise<OfficerRow> {
  const row = await ctx.trx
    .insertInto('case_officers')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      case_id: kase.id,
      person_id: personId,
      lead,
      assigned_on: on,
      assigned_by: ctx.actor.personId,
      assigned_at: ctx.now,
      declared_at: null,
      conflict: null,
      declaration: null,
      recused_at: null,
      recused_by: null,
      recusal_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.officer_assigned',
    agencyId: kase.agency_id,
    subjectType: 'case_officer',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/** Writes the officer's recusal declaration and records it. */
export async function writeDeclaration(
  ctx: CommandContext,
  officer: OfficerRow,
  input: { conflict: boolean; declaration: string },
): Promise<OfficerRow> {
  const row = await ctx.trx
    .updateTable('case_officers')
    .set({ declared_at: ctx.now, conflict: input.conflict, declaration: input.declaration })
    .where('id', '=', officer.id)
    .where('agency_id', '=', officer.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.recusal_declared',
    agencyId: row.agency_id,
    subjectType: 'case_officer',
    subjectId: row.id,
    record: row,
    changes: ['declared_at', 'conflict', 'declaration'],
  });
  return row;
}

/** Writes the head's recusal decision on the officer and records it. */
export async function writeRecusal(
  ctx: CommandContext,
  officer: OfficerRow,
  reason: string,
): Promise<OfficerRow> {
  const row = await ctx.trx
    .updateTable('case_officers')
    .set({ recused_at: ctx.now, recused_by: ctx.actor.personId, recusal_reason: reason })
    .where('id', '=', officer.id)
    .where('agency_id', '=', officer.agency_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.officer_recused',
    agencyId: row.agency_id,
    subjectType: 'case_officer',
    subjectId: row.id,
    record: row,
    changes: ['recused_at', 'recused_by', 'recusal_reason'],
  });
  return row;
}
