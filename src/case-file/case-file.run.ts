import { z } from 'zod';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { sealPendingDocuments } from '../documents/document-seal.service.ts';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { assembleCaseFile, exportCaseFile, type Subject } from './case-file.service.ts';
import { caseNumberIn, subjectOfReferenceUnscoped } from './case-file.store.ts';

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
  const { kase, agencyIds } = await subjectOfReferenceUnscoped(db, reference, subjectType);
  if (kase)
    return { agencyId: kase.agency_id, subjectType: 'case', subjectId: kase.id, caseNumber: reference };
  if (agencyIds.length === 0) throw new AppError('NOT_FOUND', { detail: `没有案件或对象 ${reference}` });
  if (agencyIds.length > 1)
    throw new AppError('CONFLICT', { detail: `对象 ${reference} 属于多个机关，请用案件编号` });
  return { agencyId: agencyIds[0]!, subjectType, subjectId: reference, caseNumber: reference };
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
  return (await caseNumberIn(db, ownAgency(agencyId), subjectId)) ?? subjectId;
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
