import { sql, type Transaction } from 'kysely';
import { inScope, unscoped, type AgencyScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { base64Of } from '../platform/record-log/sql-bytes.ts';

/**
 * Issued documents (文书) in SQL: the documents, the agencies' templates, number patterns and number
 * sequences. Every statement is scoped by the agency (issue 11) but the sealer's, which seals every
 * agency's integrated documents in one pass.
 */

type Reader = Db | Transaction<DB>;
type DocumentRow = Row<'issued_documents'>;

export async function latestTemplate(db: Reader, scope: OwnAgency, type: string) {
  return db
    .selectFrom('document_templates')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('type', '=', type)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every version of every template of the agency, by type and version. */
export async function templateRows(db: Reader, scope: OwnAgency) {
  return db
    .selectFrom('document_templates')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('type')
    .orderBy('version')
    .execute();
}

export async function templateRow(db: Reader, scope: OwnAgency, type: string, version: number) {
  return db
    .selectFrom('document_templates')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('type', '=', type)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** One upload of a type at a time per agency: the advisory lock orders concurrent uploads. */
export async function lockTemplateType(trx: Transaction<DB>, scope: OwnAgency, type: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope.agencyId}/template/${type}`}, 0))`.execute(
    trx,
  );
}

export async function insertTemplateRow(db: Reader, scope: OwnAgency, values: NewRow<'document_templates'>) {
  return db
    .insertInto('document_templates')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's short name and its own pattern for the type, if any: one read. */
export async function patternOf(db: Reader, scope: OwnAgency, type: string) {
  return db
    .selectFrom('agencies')
    .leftJoin('document_number_patterns as p', (join) =>
      join.onRef('p.agency_id', '=', 'agencies.id').on('p.type', '=', type),
    )
    .select(['agencies.short_name', 'p.pattern'])
    .where('agencies.id', '=', scope.agencyId)
    .executeTakeFirstOrThrow();
}

export async function upsertPattern(
  db: Reader,
  scope: OwnAgency,
  values: NewRow<'document_number_patterns'>,
) {
  return db
    .insertInto('document_number_patterns')
    .values({ ...values, agency_id: scope.agencyId })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'type']).doUpdateSet({
        pattern: values.pattern,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The next serial of (agency, type, year). The upsert locks the sequence row until the calling
 * transaction ends: a concurrent issue waits, and a rolled-back one gives its serial back — no gaps, no
 * duplicates (the unique key on issued_documents is the backstop).
 */
export async function nextSerial(
  trx: Transaction<DB>,
  scope: OwnAgency,
  type: string,
  year: number,
): Promise<number> {
  const result = await sql<{ serial: number }>`
    insert into document_number_sequences (agency_id, type, year, next_serial)
    values (${scope.agencyId}, ${type}, ${year}, 2)
    on conflict (agency_id, type, year)
    do update set next_serial = document_number_sequences.next_serial + 1
    returning next_serial - 1 as serial`.execute(trx);
  return Number(result.rows[0]!.serial);
}

export async function insertDocumentRow(db: Reader, scope: OwnAgency, values: NewRow<'issued_documents'>) {
  return db
    .insertInto('issued_documents')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The agency's evidence files among `ids` (the records area's table, read here for now). */
export async function evidenceOf(db: Reader, scope: OwnAgency, ids: readonly string[]) {
  return db
    .selectFrom('evidence_files')
    .select(['id', 'kind', 'filename', 'sha256', 'captured_from', 'subject_type', 'subject_id'])
    .where(inScope('agency_id', scope))
    .where('id', 'in', ids)
    .execute();
}

/** The hearing right and proposed sanctions of the agency's case (the cases area's table, read here for now). */
export async function caseNotice(db: Reader, scope: OwnAgency, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['agency_id', 'hearing_right', 'proposed_sanctions'])
    .where('id', '=', caseId)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
}

export async function documentRow(
  db: Reader,
  scope: AgencyScope,
  id: string,
): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('issued_documents')
    .selectAll()
    .where('id', '=', id)
    .where(inScope('agency_id', scope))
    .executeTakeFirst();
}

export async function documentsOfSubject(
  db: Reader,
  scope: AgencyScope,
  subject: { subjectType: string; subjectId: string },
): Promise<DocumentRow[]> {
  return db
    .selectFrom('issued_documents')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('subject_type', '=', subject.subjectType)
    .where('subject_id', '=', subject.subjectId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
}

/** Unsealed documents whose issue entry is in the tree, with its log index and entry, oldest first. */
function sealableRows(db: Reader) {
  return db
    .selectFrom('issued_documents')
    .innerJoin('audit_events', (join) =>
      join
        .on('audit_events.subject_type', '=', 'issued_document')
        .on('audit_events.kind', '=', 'documents.issued')
        .onRef('audit_events.subject_id', '=', 'issued_documents.id')
        .onRef('audit_events.agency_id', '=', 'issued_documents.agency_id'),
    )
    .innerJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .selectAll('issued_documents')
    .select(['log_entries.log_index', base64Of('log_entries.entry').as('entry')])
    .where('issued_documents.sha256', 'is', null)
    .where('log_entries.log_index', 'is not', null)
    .orderBy('log_entries.log_index');
}

/** The agency's documents of `ids` waiting for their seal, once integrated. */
export async function sealableOf(db: Reader, scope: AgencyScope, ids: readonly string[], limit: number) {
  return sealableRows(db)
    .where(inScope('issued_documents.agency_id', scope))
    .where('issued_documents.id', 'in', ids)
    .limit(limit)
    .execute();
}

/**
 * Every agency's documents waiting for their seal: the sealer runs for the instance (after each
 * integration, as the system), not for one agency.
 */
export async function sealablePendingUnscoped(db: Reader, limit: number) {
  return sealableRows(db).limit(limit).$call(unscoped).execute();
}

/** The names of agencies (a public fact; the table has no agency scope). */
export async function agencyNames(db: Reader, ids: readonly string[]) {
  return db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute();
}

/**
 * Seals a batch in one statement: each document by its id and agency; `sha256 is null` leaves a document
 * sealed meanwhile by another process as it is.
 */
export async function sealRows(
  trx: Transaction<DB>,
  seals: readonly { id: string; agencyId: string; sha256: string; size: number; code: string }[],
  now: Date,
): Promise<DocumentRow[]> {
  const values = sql.join(
    seals.map((s) => sql`(${s.id}::uuid, ${s.agencyId}::uuid, ${s.sha256}, ${s.size}::integer, ${s.code})`),
  );
  const result = await sql<DocumentRow>`
    update issued_documents d
    set sha256 = v.sha256, size = v.size, verification_code = v.code, sealed_at = ${now}
    from (values ${values}) as v(id, agency_id, sha256, size, code)
    where d.id = v.id and d.agency_id = v.agency_id and d.sha256 is null
    returning d.*`.execute(trx);
  return result.rows;
}

/** The agency's newest document settings (payment and remedies), if it saved any. */
export async function newestDocumentSettings(db: Reader, scope: OwnAgency) {
  return db
    .selectFrom('document_settings')
    .selectAll()
    .where(inScope('agency_id', scope))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDocumentSettingsRow(
  db: Reader,
  scope: OwnAgency,
  values: NewRow<'document_settings'>,
) {
  return db
    .insertInto('document_settings')
    .values({ ...values, agency_id: scope.agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}
