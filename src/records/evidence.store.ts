import type { Transaction, Updateable } from 'kysely';
import {
  agenciesScope,
  inScope,
  unscoped,
  type AgencyScope,
  type OwnAgency,
} from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';

/** Evidence files' SQL (evidence*.ts): each statement within the agencies it is for. */

type Reader = Db | Transaction<DB>;
type EvidenceRow = Row<'evidence_files'>;

/** One evidence file within the scope. */
export async function evidenceById(
  db: Reader,
  scope: AgencyScope,
  id: string,
): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
}

/** One evidence file of the agency, locked for the command. */
export async function lockEvidence(trx: Reader, own: OwnAgency, id: string): Promise<EvidenceRow> {
  return trx
    .selectFrom('evidence_files')
    .selectAll()
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateEvidence(
  trx: Reader,
  own: OwnAgency,
  id: string,
  set: Updateable<DB['evidence_files']>,
): Promise<EvidenceRow> {
  return trx
    .updateTable('evidence_files')
    .set(set)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Whether any file not disposed of still holds these bytes, in any agency: the blob store keeps one copy
 * per content (by SHA-256) for the whole instance, so only the instance can tell it is no longer needed.
 */
export async function blobStillHeldUnscoped(trx: Reader, sha256: string): Promise<boolean> {
  const other = await trx
    .selectFrom('evidence_files')
    .select('id')
    .where('sha256', '=', sha256)
    .where('disposed_at', 'is', null)
    .limit(1)
    .$call(unscoped)
    .executeTakeFirst();
  return other !== undefined;
}

/** The case numbers of cases by id, within the agencies of the files. */
export async function caseNumbersById(
  db: Reader,
  agencyIds: readonly string[],
  caseIds: readonly string[],
): Promise<{ id: string; case_number: string }[]> {
  return db
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where('id', 'in', [...caseIds])
    .where(inScope('agency_id', agenciesScope(agencyIds)))
    .execute();
}

/** Names of people within the scope. */
export async function personNames(db: Reader, scope: AgencyScope, ids: readonly string[]) {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .where(inScope('agency_id', scope))
    .execute();
}

/** Serial numbers of recorders within the scope. */
export async function recorderSerials(db: Reader, scope: AgencyScope, ids: readonly string[]) {
  return db
    .selectFrom('recorders')
    .select(['id', 'serial'])
    .where('id', 'in', [...ids])
    .where(inScope('agency_id', scope))
    .execute();
}
