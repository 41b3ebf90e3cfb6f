import { agenciesScope, ownAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { subjectTables } from '../platform/record-log/subject-tables.ts';
import { subjectRowExists } from './case-subject.store.ts';
import { caseIn, type Reader } from './cases.store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Subject tables whose rows belong to one agency (the calendar's notices belong to the instance). */
const instanceTables: ReadonlySet<string> = new Set(['calendar_notices']);

/**
 * A list filter that names a case by its id (`subjectType=case&subjectId=<uuid>`) must name a case of
 * one of the agencies read; anything else is a mistake of the request, answered 400 with the field
 * named, not an empty list. A case of another agency answers exactly as an unknown one. A subject given
 * as free text (a case number, a reference from before cases had a table) is taken as it is.
 */
export async function requireKnownCaseSubject(
  db: Db,
  agencies: readonly string[],
  filter: { subjectType?: string | undefined; subjectId?: string | undefined },
  path = 'query.subjectId',
): Promise<void> {
  if (filter.subjectType !== 'case' || !filter.subjectId || !UUID.test(filter.subjectId)) return;
  const found =
    agencies.length === 0 ? undefined : await caseIn(db, agenciesScope(agencies), filter.subjectId);
  if (!found) throw fieldError('VALIDATION_FAILED', path, '没有该案件：对象编号不是本机关案件的编号');
}

/**
 * What a write answers when an id it references is not one of the principal's agency: 404, as a read of
 * it would, the field named — and exactly the same for another agency's row as for one that does not
 * exist, so that the answer tells nothing of the other agency (issue 10 item 4).
 */
export function notOwn(path: string, what: string): AppError {
  const message = `本机关没有该${what}`;
  return new AppError('NOT_FOUND', { detail: message, errors: [{ path, message }] });
}

/** The case of the agency with this id, for a write that names it; 404 `notOwn` otherwise. */
export async function ownCase(
  db: Reader,
  agencyId: string,
  caseId: string,
  path: string,
): Promise<Row<'cases'>> {
  const kase = UUID.test(caseId) ? await caseIn(db, ownAgency(agencyId), caseId) : undefined;
  if (!kase) throw notOwn(path, '案件');
  return kase;
}

/**
 * A write about a subject (evidence, a step, a document, a case file) that names a row by its id —
 * a case, a person, a publication: any subject type with a table of its own — must name a row of the
 * principal's agency; 404 otherwise. A subject given as free text (a case number from before cases had
 * a table) or of a type without a table is taken as it is: it points at nobody's row.
 */
export async function requireOwnSubject(
  db: Reader,
  agencyId: string,
  subject: { subjectType: string; subjectId: string },
  path = 'body.subjectId',
): Promise<void> {
  const table = subjectTables[subject.subjectType];
  if (!table || instanceTables.has(table) || !UUID.test(subject.subjectId)) return;
  if (subject.subjectType === 'case') {
    await ownCase(db, agencyId, subject.subjectId, path);
    return;
  }
  if (!(await subjectRowExists(db, ownAgency(agencyId), table, subject.subjectId)))
    throw notOwn(path, '对象');
}
