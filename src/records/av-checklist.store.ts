import { sql, type Transaction } from 'kysely';
import type { OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import type { ChecklistItem } from './av-checklist.rules.ts';
import { avKinds } from './evidence.rules.ts';

/** The AV checklist's and the enforcement steps' SQL (av-checklist.service.ts), within the agency. */

type Reader = Db | Transaction<DB>;

export async function checklistRowOf(db: Reader, own: OwnAgency): Promise<Row<'av_checklists'> | undefined> {
  return db.selectFrom('av_checklists').selectAll().where('agency_id', '=', own.agencyId).executeTakeFirst();
}

/** Sets the agency's checklist (the row is created the first time). */
export async function upsertChecklist(
  trx: Reader,
  own: OwnAgency,
  items: readonly ChecklistItem[],
  now: Date,
): Promise<Row<'av_checklists'>> {
  return trx
    .insertInto('av_checklists')
    .values({ id: newId(), agency_id: own.agencyId, items: JSON.stringify(items), updated_at: now })
    .onConflict((oc) =>
      oc.column('agency_id').doUpdateSet((eb) => ({
        items: eb.ref('excluded.items'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertStep(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'enforcement_steps'>, 'agency_id'>,
): Promise<Row<'enforcement_steps'>> {
  return trx
    .insertInto('enforcement_steps')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The steps recorded on one subject, in order. */
export async function stepsOfSubject(
  db: Reader,
  own: OwnAgency,
  subject: { subjectType: string; subjectId: string },
): Promise<Row<'enforcement_steps'>[]> {
  return db
    .selectFrom('enforcement_steps')
    .selectAll()
    .where('agency_id', '=', own.agencyId)
    .where('subject_type', '=', subject.subjectType)
    .where('subject_id', '=', subject.subjectId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/** The steps started in [start, end), in order, at most `limit`. */
export async function stepsStartedIn(
  db: Reader,
  own: OwnAgency,
  start: Date,
  end: Date,
  limit: number,
): Promise<Row<'enforcement_steps'>[]> {
  return db
    .selectFrom('enforcement_steps')
    .selectAll()
    .where('agency_id', '=', own.agencyId)
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .orderBy('started_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The AV evidence that may be about these steps: linked to one of them, or on one of their subjects. */
export async function avEvidenceFor(
  db: Reader,
  own: OwnAgency,
  stepIds: readonly string[],
  subjectIds: readonly string[],
) {
  return db
    .selectFrom('evidence_files')
    .select([
      'id',
      'kind',
      'subject_type',
      'subject_id',
      'step',
      'step_id',
      'full_process',
      'captured_from',
      'captured_to',
      'interruptions',
    ])
    .where('agency_id', '=', own.agencyId)
    .where('kind', 'in', [...avKinds])
    .where((eb) =>
      eb.or([
        eb('step_id', '=', sql<string>`any(${stepIds}::uuid[])`),
        eb.and([eb('step_id', 'is', null), eb('subject_id', '=', sql<string>`any(${subjectIds}::text[])`)]),
      ]),
    )
    .execute();
}
