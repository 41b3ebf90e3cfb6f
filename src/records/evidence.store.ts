import { sql, type Transaction, type Updateable } from 'kysely';
import {
  agenciesScope,
  inScope,
  unscoped,
  type AgencyScope,
  type OwnAgency,
} from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import type { RetentionMark } from './retention.rules.ts';

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

/** The document numbers (文号) of issued documents by id, within the agencies of the files. */
export async function documentNumbersById(
  db: Reader,
  agencyIds: readonly string[],
  ids: readonly string[],
): Promise<{ id: string; number: string }[]> {
  return db
    .selectFrom('issued_documents')
    .select(['id', 'number'])
    .where('id', 'in', [...ids])
    .where(inScope('agency_id', agenciesScope(agencyIds)))
    .execute();
}

/** An issued document of the agency: its type and subject (to be an evidence file's extraction record). */
export async function issuedDocumentOf(db: Reader, own: OwnAgency, id: string) {
  return db
    .selectFrom('issued_documents')
    .select(['type', 'subject_type', 'subject_id'])
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
}

/** Names of people within the scope. */
export async function personNames(db: Reader, scope: AgencyScope, ids: readonly string[]) {
  if (ids.length === 0) return [];
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

/** Whether the agency has the recorder. */
export async function hasRecorder(db: Reader, own: OwnAgency, recorderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recorders')
    .select('id')
    .where('id', '=', recorderId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these people are the agency's. */
export async function peopleOfAgency(db: Reader, own: OwnAgency, ids: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('id', 'in', [...ids])
    .where('agency_id', '=', own.agencyId)
    .execute();
  return rows.map((r) => r.id);
}

/** One enforcement step of the agency (its code and subject). */
export async function enforcementStepOf(db: Reader, own: OwnAgency, stepId: string) {
  return db
    .selectFrom('enforcement_steps')
    .select(['step', 'subject_type', 'subject_id'])
    .where('id', '=', stepId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirst();
}

/**
 * Serialises the commands that touch one blob (an upload committing it, a disposal removing it), in every
 * database: a transaction-scoped advisory lock on the digest (no table).
 */
export async function lockBlobDigest(trx: Reader, sha256: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${sha256}, 0))`.execute(trx);
}

export async function insertEvidence(
  trx: Reader,
  own: OwnAgency,
  values: Omit<NewRow<'evidence_files'>, 'agency_id'>,
): Promise<EvidenceRow> {
  return trx
    .insertInto('evidence_files')
    .values({ ...values, agency_id: own.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks a file not disposed of (a mark is never removed); undefined when it has been disposed of. */
export async function markEvidenceRow(
  trx: Reader,
  own: OwnAgency,
  id: string,
  mark: RetentionMark,
): Promise<EvidenceRow | undefined> {
  return trx
    .updateTable('evidence_files')
    .set(mark, true)
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .where('disposed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
