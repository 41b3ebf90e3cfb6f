import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { sealPendingDocuments } from '../documents/document-seal.service.ts';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { assembleCaseFile, exportCaseFile, type Subject } from './case-file.service.ts';

/**
 * What `sanxiang case-file export` does, as one function the CLI and the tests share: find the subject
 * of a case number, bring the log up to date, seal what can be sealed, assemble the file if it is not
 * current (then seal its own documents), integrate again, and export.
 */

/**
 * The subject of a case number: through the cases table when it exists (issue 5's cases core, a
 * `case_number` or `number` column), otherwise the reference itself taken as a subject id documents
 * were issued for.
 */
export async function resolveSubject(db: Db, reference: string, subjectType = 'case'): Promise<Subject> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'cases'
      and column_name in ('case_number', 'number')`.execute(db);
  const column = columns.rows.map((r) => r.column_name).sort()[0];
  if (column) {
    const found = await sql<{ id: string; agency_id: string }>`
      select id::text as id, agency_id::text as agency_id from cases where ${sql.ref(column)} = ${reference}`.execute(
      db,
    );
    const row = found.rows[0];
    if (row)
      return { agencyId: row.agency_id, subjectType: 'case', subjectId: row.id, caseNumber: reference };
  }
  const agencies = await db
    .selectFrom('issued_documents')
    .select('agency_id')
    .distinct()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', reference)
    .execute();
  if (agencies.length === 0) throw new AppError('NOT_FOUND', { detail: `没有案件或对象 ${reference}` });
  if (agencies.length > 1)
    throw new AppError('CONFLICT', { detail: `对象 ${reference} 属于多个机关，请用案件编号` });
  return { agencyId: agencies[0]!.agency_id, subjectType, subjectId: reference, caseNumber: reference };
}

/**
 * The case number of a subject: the case's own number when the subject is a case of the agency, else its
 * id (never another agency's case number: the security sweep's L1 found it printed on a cover).
 */
export async function caseNumberOf(
  db: Db,
  agencyId: string,
  subjectType: string,
  subjectId: string,
): Promise<string> {
  if (subjectType !== 'case' || !z.uuid().safeParse(subjectId).success) return subjectId;
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'cases' and column_name = 'case_number'`.execute(
    db,
  );
  if (columns.rows.length === 0) return subjectId;
  const found = await sql<{ case_number: string }>`
    select case_number from cases where id = ${subjectId}::uuid and agency_id = ${agencyId}::uuid`.execute(
    db,
  );
  return found.rows[0]?.case_number ?? subjectId;
}

export interface LogAccess {
  verifierKeys: readonly string[];
  origin: string;
  /** Integrates every committed entry and signs a checkpoint (the CLI holds the signing key). */
  integrate(): Promise<unknown>;
}

export async function exportCaseFileNow(
  deps: DocumentsDeps,
  log: LogAccess,
  subject: Subject,
): Promise<Buffer> {
  await log.integrate();
  await sealPendingDocuments(deps);
  const actor = { personId: null, agencyId: subject.agencyId, via: 'cli' as const, ip: null };
  await log.integrate();
  if (await assembleCaseFile(deps, actor, subject)) {
    await log.integrate();
    await sealPendingDocuments(deps);
    await log.integrate();
  }
  return exportCaseFile(deps, subject, {
    verifierKeys: log.verifierKeys,
    origin: log.origin,
    now: deps.clock.now(),
  });
}
