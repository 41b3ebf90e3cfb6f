import type { Transaction } from 'kysely';
import { reviewDigest } from './digest.ts';
import {
  RecordedRefusal,
  runCommand,
  type Actor,
  type CommandContext,
  type CommandDeps,
} from '../platform/audit/command.ts';
import { ownAgency, type AgencyScope } from '../platform/db/agency-scope.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { ownCase } from '../cases/case-subject.ts';
import { newId } from '../platform/ids.ts';
import { catalogueInForce } from './catalogue.store.ts';
import { decisionDocumentTypes } from './decision-documents.rules.ts';
import {
  countRefusals,
  firstPartyOfCase,
  hearingHeldInCase,
  insertRefusal,
  latestReview,
} from './gate.store.ts';
import { classify, sanctionFacts, type DecisionFacts, type MajorReason } from './catalogue.rules.ts';
import { loadPackage } from './package.ts';
import { outsideBenchmark } from './prechecks/discretion.rules.ts';
import {
  decisionFactsOf,
  gate,
  gateRefusalMessages,
  reviewedFieldsOf,
  sortedSanctions,
  type GateRefusal,
} from './review.rules.ts';
import { partyTypeOf } from '../cases/party.rules.ts';

/**
 * The gate (S-14, 行政处罚法 §58): while a decision the catalogue marks major has no passed review of the
 * case as it is now, it cannot be made — no decision, no decision document number, no publication. The
 * cases area calls `reviewGate` before every decision (its `beforeDecision` hook, on the request before the
 * body is read and again inside the decision's transaction); the documents and publicity areas call
 * `requireReview` before numbering a decision document or drafting a publication.
 *
 * A refusal is recorded in the transaction that refuses it (review_refusals, with its record-log entry):
 * inside a command the gate throws a `RecordedRefusal` (platform/audit/command.ts), upon which the command's
 * own writes are rolled back to its start, the refusal is written and committed, and the error answered.
 * Nothing is queued after a transaction, so nothing can be lost between.
 */

type Reader = Db | Transaction<DB>;
type CaseRow = Row<'cases'>;

export { latestReview };

export interface GateStatus {
  caseId: string;
  major: boolean;
  reasons: MajorReason[];
  refusal: GateRefusal | null;
  message: string | null;
  reviewId: string | null;
  reviewStatus: string | null;
}

/**
 * The catalogue's facts of a case (S-12): those of its latest review's package when it has one, else what
 * the case row itself says (the proposed amount, its first party, whether a hearing was held). The one
 * build of them: the gate classifies these, and so does the accountability report that audits the gate.
 */
export async function catalogueFactsOfCase(
  db: Reader,
  scope: AgencyScope,
  kase: CaseRow,
  latest: Row<'reviews'> | undefined,
): Promise<DecisionFacts> {
  if (latest)
    return decisionFactsOf(loadPackage(latest.package), outsideBenchmark(loadPackage(latest.package)));
  const [party, hearingHeld] = await Promise.all([
    firstPartyOfCase(db, scope, kase.id),
    hearingHeldInCase(db, scope, kase.id),
  ]);
  return {
    kind: kase.action_kind,
    field: kase.field,
    procedure: kase.procedure ?? 'ordinary',
    partyType: party ? partyTypeOf(party.party_type, party.credit_code) : 'organisation',
    // The sanctions the notice proposed, when it listed them (issue 12 item 3); else its amount.
    ...(kase.proposed_sanctions.length > 0
      ? sanctionFacts(kase.proposed_sanctions)
      : { amountFen: Number(kase.proposed_amount_fen ?? 0), confiscationFen: 0, measures: [] }),
    hearingHeld,
    outsideBenchmark: kase.benchmark_outcome === 'outside',
    socialImpact: false,
    complex: false,
  };
}

/**
 * Whether the catalogue in force on `on` marks a decision on the case major, and why: the catalogue's
 * reasons for its facts (`catalogueFactsOfCase`), those its latest review recorded, and those the cases
 * area marked (e.g. outside the benchmark, issue 5 item 7).
 */
export async function majorityOfCase(
  db: Reader,
  kase: CaseRow,
  on: string,
): Promise<{ major: boolean; reasons: MajorReason[]; latest: Row<'reviews'> | undefined }> {
  const scope = ownAgency(kase.agency_id);
  const [latest, { catalogue }] = await Promise.all([
    latestReview(db, scope, kase.id),
    catalogueInForce(db, scope, on),
  ]);
  const classified = classify(catalogue, await catalogueFactsOfCase(db, scope, kase, latest));
  const reasons = [...classified.reasons];
  for (const r of latest?.major_reasons ?? []) if (!reasons.some((x) => x.code === r.code)) reasons.push(r);
  for (const code of kase.major ? kase.major_reasons : []) {
    if (!reasons.some((x) => x.code === code)) reasons.push({ code, label: code, basis: '案件记录' });
  }
  return { major: reasons.length > 0 || kase.major, reasons, latest };
}

/**
 * The digest of the reviewed fields of the case as it is now: the reviewed proposal, with the party, the
 * item and the proposed amount as the case now records them (a notice that proposes another amount than
 * the one reviewed, another party, another item: the review no longer covers the decision).
 */
async function currentDigest(db: Reader, kase: CaseRow, review: Row<'reviews'>): Promise<string> {
  const fields = reviewedFieldsOf(loadPackage(review.package));
  const party = await firstPartyOfCase(db, ownAgency(kase.agency_id), kase.id);
  return reviewDigest({
    ...fields,
    itemId: kase.item_id,
    amountFen: kase.proposed_amount_fen === null ? fields.amountFen : Number(kase.proposed_amount_fen),
    ...(fields.sanctions && kase.proposed_sanctions.length > 0
      ? { sanctions: sortedSanctions(kase.proposed_sanctions) }
      : {}),
    party: party
      ? { type: party.party_type, name: party.name, idNumber: party.id_number ?? party.credit_code ?? null }
      : fields.party,
  });
}

/** Whether a decision on the case may be made now, and why not. */
export async function gateStatus(db: Reader, kase: CaseRow, now: Date): Promise<GateStatus> {
  const { major, reasons, latest } = await majorityOfCase(db, kase, chinaDate(now));
  const digest = latest ? await currentDigest(db, kase, latest) : '';
  const refusal = gate(major, latest ? { status: latest.status, digest: latest.digest } : null, digest);
  return {
    caseId: kase.id,
    major,
    reasons,
    refusal,
    message: refusal ? gateRefusalMessages[refusal] : null,
    reviewId: latest?.id ?? null,
    reviewStatus: latest?.status ?? null,
  };
}

export function reviewRequired(kase: CaseRow, status: GateStatus, refusedAttempts?: number): AppError {
  return new AppError('REVIEW_REQUIRED', {
    detail: `案件 ${kase.case_number}：${status.message ?? ''}`,
    extra: {
      reason: status.refusal,
      reviewId: status.reviewId,
      majorReasons: status.reasons,
      ...(refusedAttempts === undefined ? {} : { refusedAttempts }),
    },
  });
}

/** What a gate check reads through: a transaction (`trx`) or the database (`db`), and the time. */
export type GateReader = { now: Date } & ({ db: Reader } | { trx: Reader });
const readerOf = (ctx: GateReader): Reader => ('trx' in ctx ? ctx.trx : ctx.db);

/**
 * The gate: throws 409 REVIEW_REQUIRED while a decision on the case needs a passed review it does not
 * have. Returns the status when the decision may be made. Records nothing (see `reviewGate`).
 */
export async function requireReview(ctx: GateReader, kase: CaseRow): Promise<GateStatus> {
  const status = await gateStatus(readerOf(ctx), kase, ctx.now);
  if (status.refusal) throw reviewRequired(kase, status);
  return status;
}

/** Writes one refused attempt (inside the refusing command's transaction); returns how many the case has had. */
async function writeRefusal(
  ctx: CommandContext,
  kase: CaseRow,
  status: GateStatus,
  channel: string,
): Promise<number> {
  const own = ownAgency(kase.agency_id);
  const row = await insertRefusal(ctx.trx, own, {
    id: newId(),
    case_id: kase.id,
    review_id: status.reviewId,
    channel,
    reason: status.refusal ?? 'no_review',
    actor_id: ctx.actor.personId,
    at: ctx.now,
  });
  await ctx.record({
    kind: 'review.decision_refused',
    agencyId: kase.agency_id,
    subjectType: 'review_refusal',
    subjectId: row.id,
    record: row,
  });
  return countRefusals(ctx.trx, own, kase.id);
}

/** Records one refused attempt in a command of its own (no command is running), and returns the count. */
export async function recordRefusal(
  deps: CommandDeps,
  actor: Actor,
  kase: CaseRow,
  status: GateStatus,
  channel: string,
): Promise<number> {
  return runCommand(deps, actor, (ctx) => writeRefusal(ctx, kase, status, channel));
}

/**
 * Refuses the running command: its writes are rolled back, the refused attempt recorded in its
 * transaction, and the 409 thrown once that has committed (platform/audit/command.ts).
 */
function refuseInCommand(kase: CaseRow, status: GateStatus, channel: string): never {
  throw new RecordedRefusal(reviewRequired(kase, status), async (ctx) => {
    await writeRefusal(ctx, kase, status, channel);
  });
}

/** The cases area's decision gate context (src/cases/case-decision.gates.ts `DecisionGateContext`). */
export interface DecisionGateLike {
  db: Reader;
  phase: 'request' | 'command';
  actor: Actor;
  now: Date;
  deps: CommandDeps;
}

/**
 * The `beforeDecision` hook: refuses a decision without its passed review and records the attempt. On the
 * request (before the body is read) the record is written in a command of its own before the 409 is
 * answered; inside the decision's transaction it is written there, once the decision's writes are undone.
 */
export function reviewGate() {
  return async (ctx: DecisionGateLike, kase: CaseRow): Promise<void> => {
    const status = await gateStatus(ctx.db, kase, ctx.now);
    if (!status.refusal) return;
    if (ctx.phase === 'request') {
      const count = await recordRefusal(ctx.deps, ctx.actor, kase, status, 'decision_request');
      throw reviewRequired(kase, status, count);
    }
    refuseInCommand(kase, status, 'decision_command');
  };
}

export { decisionDocumentTypes };

/** The kind of the audit event that records a decision refused because it named no case of the agency. */
export const NO_OWN_CASE_REFUSAL = 'review.decision_refused_no_case';

/**
 * Before numbering a decision document or drafting a publication of a case's decision: the case it names
 * must be a case of the principal's agency (行政处罚法 §58: the decision a review stands before is a decision
 * of this agency on its case). A decision document about no case, an unknown one, free text or another
 * agency's case is refused — 400 for a subject that is not a case, 404 for a case that is not ours, the
 * same for another agency's as for one that does not exist — and the attempt is recorded in the
 * principal's own agency (nothing is written into the other agency's records). Returns the case.
 */
export async function requireOwnDecisionCase(
  deps: CommandDeps,
  actor: Actor & { agencyId: string },
  reference: { subjectType: string; subjectId: string; type?: string },
  channel: 'document_number' | 'publication',
  path: string,
): Promise<CaseRow> {
  // The refusal is the command: it records the attempt and throws once that has committed.
  const refuse = (error: Error, reason: string): Promise<never> =>
    runCommand(deps, actor, (ctx) =>
      ctx.refuse(error, async (ctx) => {
        await ctx.record({
          kind: NO_OWN_CASE_REFUSAL,
          agencyId: actor.agencyId,
          subjectType: 'decision_reference',
          subjectId: null,
          record: { channel, reason, ...reference },
        });
      }),
    );
  if (reference.subjectType !== 'case') {
    return refuse(
      fieldError(
        'VALIDATION_FAILED',
        'body.subjectType',
        '决定书只能针对本机关的案件制作（对象类型应为 case）',
      ),
      'not_a_case',
    );
  }
  try {
    return await ownCase(deps.db, actor.agencyId, reference.subjectId, path);
  } catch (err) {
    if (err instanceof AppError) return refuse(err, 'not_own_case');
    throw err;
  }
}

/**
 * For the documents and publicity areas, inside their command, with the case row read under the
 * agency's filter (`ownCase`): refuses numbering a decision document or drafting a publication of a case
 * whose decision needs a review it has not passed; the command's writes are undone and the refusal recorded
 * in its transaction (`deps` is no longer needed and kept for the callers).
 */
export async function requireReviewInCommand(
  _deps: CommandDeps,
  ctx: { trx: Reader; now: Date; actor: Actor },
  kase: CaseRow,
  channel: 'document_number' | 'publication',
): Promise<void> {
  // A decision made went through the gate when it was made (the triggers' `review_passed_or_decided`).
  if (kase.decided_on !== null) return;
  const status = await gateStatus(ctx.trx, kase, ctx.now);
  if (!status.refusal) return;
  refuseInCommand(kase, status, channel);
}
