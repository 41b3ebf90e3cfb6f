import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  decisionDocumentTypes,
  requireOwnDecisionCase,
  requireReview,
  requireReviewInCommand,
} from '../review/gate.service.ts';
import { noticeRightsText } from '../cases/notice.rules.ts';
import { ownCase, requireOwnSubject } from '../cases/case-subject.ts';
import { numberPattern } from './document-numbering.service.ts';
import { shippedTemplate } from './document-templates.service.ts';
import { specOf, type DocumentType } from './document-types.ts';
import { toIssuedDocument, type DocumentsDeps } from './documents.service.ts';
import { documentsPolicy } from './documents.policy.ts';
import {
  documentData,
  type DocumentData,
  type DocumentDataInput,
  type IssuedDocument,
} from './documents.schema.ts';
import { evidenceOf, insertDocumentRow, latestTemplate, nextSerial } from './documents.store.ts';
import { caseFacts } from './case-facts.queries.ts';
import type { CaseFacts } from './case-facts.ts';
import { draftProblems, mergeDraft } from './document-draft.rules.ts';
import { prefillDocument } from './document-prefill.rules.ts';
import { formatDocumentNumber } from './format.rules.ts';

/**
 * Issuing a document (step 1 of documents.service.ts): inside any command, the next number of the type
 * and year under the sequence row's lock, the document's data and template version, and `documents.issued`.
 */

type DocumentRow = Row<'issued_documents'>;

export interface IssueRequest {
  agencyId: string;
  type: DocumentType;
  subjectType: string;
  subjectId: string;
  data: DocumentDataInput;
}

function dataErrors(input: DocumentDataInput, prefix: string): { data: DocumentData } {
  const parsed = documentData.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  throw new AppError('VALIDATION_FAILED', {
    errors: parsed.error.issues.map((i) => ({
      path: [prefix, ...i.path].join('.'),
      message: i.message,
    })),
  });
}

/**
 * The legal-review gate before numbering a case's decision document (S-14, 行政处罚法 §58): a decision
 * document names a case of the issuing agency (404 otherwise, as for a read of it), and is numbered only
 * once that case's decision may be made: 409 REVIEW_REQUIRED while it needs a review it has not passed.
 * With `deps` the refused attempt is recorded (after the command rolls back); the trigger of migration
 * 0016 stays the backstop.
 */
async function decisionDocumentGate(
  ctx: CommandContext,
  request: IssueRequest,
  deps: CommandDeps | undefined,
): Promise<void> {
  if (!decisionDocumentTypes.has(request.type)) return;
  if (request.subjectType !== 'case') {
    throw fieldError(
      'VALIDATION_FAILED',
      'body.subjectType',
      '决定书只能针对本机关的案件制作（对象类型应为 case）',
    );
  }
  const kase = await ownCase(ctx.trx, request.agencyId, request.subjectId, 'body.subjectId');
  if (deps) return requireReviewInCommand(deps, ctx, kase, 'document_number');
  // No deps to record it with (a caller inside another command): refused all the same.
  if (kase.decided_on === null) await requireReview(ctx, kase);
}

/**
 * Issues a document inside the caller's command (step 1 above). Returns the row: its number is final;
 * the .docx follows when the issue entry is integrated. A case's decision document passes the legal-review
 * gate first; pass `deps` so that a refusal is recorded.
 */
export async function issueDocument(
  ctx: CommandContext,
  request: IssueRequest,
  deps?: CommandDeps,
  /** Where the request carries the document's data: the problems name their fields under it. */
  prefix = 'body.data',
): Promise<DocumentRow> {
  await decisionDocumentGate(ctx, request, deps);
  const { data: given } = dataErrors(request.data, prefix);
  const { agencyId, type } = request;
  const scope = ownAgency(agencyId);
  const today = chinaDate(ctx.now);
  const facts =
    request.subjectType === 'case' && UUID.test(request.subjectId)
      ? await caseFacts(ctx.trx, scope, request.subjectId)
      : null;
  const draft = facts ? prefillDocument(type, facts, given.date ?? today) : null;
  const data = withNoticeRights(type, facts, mergeDraft(draft, given));
  const problems = draftProblems(type, data, draft, facts, today, prefix);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { errors: problems });
  if (data.evidenceIds.length > 0) {
    const found = await evidenceOf(ctx.trx, scope, data.evidenceIds);
    const known = new Set(found.map((r) => r.id));
    const errors: FieldError[] = data.evidenceIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !known.has(id))
      .map(({ i }) => ({ path: `${prefix}.evidenceIds.${i}`, message: '本机关没有这个音像记录或证据文件' }));
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  }
  const template = await latestTemplate(ctx.trx, scope, type);
  const year = Number(today.slice(0, 4));
  const pattern = await numberPattern(ctx.trx, scope, type);
  const serial = await nextSerial(ctx.trx, scope, type, year);
  const row = await insertDocumentRow(ctx.trx, scope, {
    id: newId(),
    agency_id: agencyId,
    subject_type: request.subjectType,
    subject_id: request.subjectId,
    type,
    year,
    serial,
    number: formatDocumentNumber(pattern, year, serial),
    template_id: template?.id ?? null,
    template_version: template?.version ?? 0,
    template_sha256: template?.sha256 ?? shippedTemplate(type).sha256,
    data: JSON.stringify(data),
    issued_at: ctx.now,
    issued_by: ctx.actor.personId,
  });
  await ctx.record({
    kind: 'documents.issued',
    agencyId,
    subjectType: 'issued_document',
    subjectId: row.id,
    record: row,
  });
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A 行政处罚告知书 of a case already notified states the hearing right as the case's notice computed it
 * (行政处罚法 §63; 听证办法 §5; cases/notice.rules.ts), whatever the form sent: with its 5-working-day
 * limit where it applies, without it where it does not.
 */
function withNoticeRights(type: DocumentType, facts: CaseFacts | null, data: DocumentData): DocumentData {
  if (type !== 'penalty_notice' || !facts || facts.kase.hearingRight === null) return data;
  return {
    ...data,
    fields: { ...data.fields, rights: noticeRightsText(facts.kase.hearingRight) },
    edited: data.edited.filter((k) => k !== 'rights'),
  };
}

/** The document the case would issue of `type` today (the workbench shows it to edit before issuing). */
export async function draftDocument(
  deps: DocumentsDeps,
  principal: Principal,
  input: { type: DocumentType; subjectType: string; subjectId: string },
): Promise<{ data: DocumentData; needs: Record<string, string>; sources: Record<string, string> }> {
  authorize(principal, documentsPolicy.issue, principal.agencyId);
  await requireOwnSubject(deps.db, principal.agencyId, input);
  const facts =
    input.subjectType === 'case'
      ? await caseFacts(deps.db, ownAgency(principal.agencyId), input.subjectId)
      : null;
  const today = chinaDate(deps.clock.now());
  const draft = facts ? prefillDocument(input.type, facts, today) : null;
  const data = withNoticeRights(input.type, facts, mergeDraft(draft, documentData.parse({})));
  const sources = Object.fromEntries(specOf(input.type).fields.map((f) => [f.key, f.source]));
  return { data, needs: draft?.needs ?? {}, sources };
}

export async function issueForPrincipal(
  deps: DocumentsDeps,
  principal: Principal,
  input: { type: DocumentType; subjectType: string; subjectId: string; data: DocumentDataInput },
): Promise<IssuedDocument> {
  authorize(principal, documentsPolicy.issue, principal.agencyId);
  const actor = { ...actorOf(principal), agencyId: principal.agencyId };
  if (decisionDocumentTypes.has(input.type)) {
    await requireOwnDecisionCase(deps, actor, input, 'document_number', 'body.subjectId');
  } else {
    await requireOwnSubject(deps.db, principal.agencyId, input);
  }
  const row = await runCommand(deps, actor, (ctx) =>
    issueDocument(ctx, { ...input, agencyId: principal.agencyId }, deps),
  );
  return toIssuedDocument(row);
}
