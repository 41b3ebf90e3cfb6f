import { sql, type Transaction } from 'kysely';
import { inScope, unscoped, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';

/**
 * The electronic case file's reads in SQL: a subject's documents and evidence, the log entry that
 * committed a file's digest, and the case number and title of a subject. Scoped by the agency (issue 11) but for
 * the CLI's lookup of a case number, which names no agency.
 */

export interface SubjectRef {
  subjectType: string;
  subjectId: string;
}

/** The agency's evidence files of the subject not disposed of (the records area's table, read here for now). */
export async function subjectEvidence(db: Db | Transaction<DB>, scope: OwnAgency, subject: SubjectRef) {
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('subject_type', '=', subject.subjectType)
    .where('subject_id', '=', subject.subjectId)
    .where('disposed_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/** The first log index, below `size`, of the agency's entry that committed the file's SHA-256. */
export async function fileEntryIndex(
  db: Db,
  scope: OwnAgency,
  sha256: string,
  size: number,
): Promise<number | null> {
  const found = await db
    .selectFrom('audit_events')
    .innerJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .select('log_entries.log_index')
    .where(inScope('audit_events.agency_id', scope))
    .where('audit_events.file_sha256', '=', sha256)
    .where('log_entries.log_index', 'is not', null)
    .where('log_entries.log_index', '<', size)
    .orderBy('log_entries.log_index')
    .limit(1)
    .executeTakeFirst();
  return found?.log_index == null ? null : Number(found.log_index);
}

/** The agency's name and credit code (a public fact; the table has no agency scope). */
export async function agencyOf(db: Db, agencyId: string) {
  return db
    .selectFrom('agencies')
    .select(['name', 'credit_code'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
}

/** The cases table's columns among `names` (cases may not exist in a database of issue 5's first steps). */
async function caseColumns(db: Db, names: readonly string[]): Promise<string[]> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'cases'
      and column_name in (${sql.join(names)})`.execute(db);
  return columns.rows.map((r) => r.column_name).sort();
}

/**
 * The case of a case number at any agency, and the agencies that issued documents for a subject id: the
 * CLI (`sanxiang case-file export --case`) names a case, not its agency, and the agency follows from it.
 */
export async function subjectOfReferenceUnscoped(
  db: Db,
  reference: string,
  subjectType: string,
): Promise<{ kase: { id: string; agency_id: string } | undefined; agencyIds: string[] }> {
  const column = (await caseColumns(db, ['case_number', 'number']))[0];
  if (column) {
    const found = await sql<{ id: string; agency_id: string }>`
      select id::text as id, agency_id::text as agency_id from cases where ${sql.ref(column)} = ${reference} /* sanxiang:unscoped */`.execute(
      db,
    );
    if (found.rows[0]) return { kase: found.rows[0], agencyIds: [] };
  }
  const agencies = await db
    .selectFrom('issued_documents')
    .select('agency_id')
    .distinct()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', reference)
    .$call(unscoped)
    .execute();
  return { kase: undefined, agencyIds: agencies.map((a) => a.agency_id) };
}

/** The case number of the agency's case, if the cases table has one. */
export async function caseNumberIn(db: Db, scope: OwnAgency, caseId: string): Promise<string | undefined> {
  if ((await caseColumns(db, ['case_number'])).length === 0) return undefined;
  const found = await sql<{ case_number: string }>`
    select case_number from cases where id = ${caseId}::uuid and agency_id = ${scope.agencyId}::uuid`.execute(
    db,
  );
  return found.rows[0]?.case_number;
}

/** The title (案由) of the agency's case (the cases area's table, read here for the case-file cover). */
export async function caseTitleIn(db: Db, scope: OwnAgency, caseId: string): Promise<string | undefined> {
  const found = await db
    .selectFrom('cases')
    .select('title')
    .where(inScope('agency_id', scope))
    .where('id', '=', caseId)
    .executeTakeFirst();
  return found?.title;
}
