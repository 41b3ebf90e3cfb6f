import type { Db } from '../platform/db/database.ts';
import { fieldError } from '../platform/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    agencies.length === 0
      ? undefined
      : await db
          .selectFrom('cases')
          .select('id')
          .where('id', '=', filter.subjectId)
          .where('agency_id', 'in', [...agencies])
          .executeTakeFirst();
  if (!found) throw fieldError('VALIDATION_FAILED', path, '没有该案件：对象编号不是本机关案件的编号');
}
