import { runCommand } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownScopeOf, type OwnAgency } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { specOf, type DocumentType } from './document-types.ts';
import type { DocumentsDeps } from './documents.service.ts';
import { documentsPolicy } from './documents.policy.ts';
import { patternOf, upsertPattern } from './documents.store.ts';
import { defaultNumberPattern, numberPatternProblem } from './format.rules.ts';
import type { Db } from '../platform/db/database.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

/** Document numbers (文号): the agency's pattern of each type, else the default from its short name. */

type Reader = Db | Transaction<DB>;

/** The agency's own pattern for the type, else the default from its short name: one read. */
export async function numberPattern(db: Reader, scope: OwnAgency, type: DocumentType): Promise<string> {
  const row = await patternOf(db, scope, type);
  return row.pattern ?? defaultNumberPattern(row.short_name, specOf(type).word);
}

/** Sets the agency's number pattern of a type (e.g. `衡县市监处罚〔{year}〕{n}号`); recorded. */
export async function setNumberPattern(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  pattern: string,
): Promise<{ type: string; pattern: string }> {
  authorize(principal, documentsPolicy.manageTemplates, principal.agencyId);
  const problem = numberPatternProblem(pattern);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ path: 'body.pattern', message: problem }] });
  }
  return runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await upsertPattern(ctx.trx, ownScopeOf(principal), {
      id: newId(),
      agency_id: principal.agencyId,
      type,
      pattern,
      updated_by: ctx.actor.personId,
      updated_at: ctx.now,
    });
    await ctx.record({
      kind: 'documents.number_pattern_set',
      agencyId: principal.agencyId,
      subjectType: 'document_number_pattern',
      subjectId: row.id,
      record: row,
    });
    return { type, pattern: row.pattern };
  });
}
