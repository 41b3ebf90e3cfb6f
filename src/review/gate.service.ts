import type { Transaction } from 'kysely';
import { reviewDigest } from './digest.ts';
import { runCommand, type Actor, type CommandDeps } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { ownCase } from '../cases/case-subject.ts';
import { newId } from '../platform/ids.ts';
import { catalogueInForce } from './catalogue.service.ts';
import { classify, type DecisionFacts, type MajorReason } from './catalogue.rules.ts';
import { loadPackage } from './package.ts';
import { outsideBenchmark } from './prechecks/discretion.rules.ts';
import {
  decisionFactsOf,
  gate,
  gateRefusalMessages,
  reviewedFieldsOf,
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
 * A refusal is recorded in a command of its own (review_refusals, with its record-log entry), because the
 * refused command's transaction rolls back. Inside a transaction that command cannot run before the
 * transaction ends (PGlite has one connection; on PostgreSQL the refusal's foreign key waits for the case's
 * row lock), so there it is queued to run right after, and `settleRefusals()` waits for it.
 */

type Reader = Db | Transaction<DB>;
type CaseRow = Row<'cases'>;

export interface GateStatus {
  caseId: string;
  major: boolean;
  reasons: MajorReason[];
  refusal: GateRefusal | null;
  message: string | null;
  reviewId: string | null;
  reviewStatus: string | null;
}

/** The catalogue's view of a case that has no review yet: what the case row itself says. */
async function factsOfCase(db: Reader, kase: CaseRow): Promise<DecisionFacts> {
  const [party, hearing] = await Promise.all([
    db
      .selectFrom('case_parties')
      .select(['party_type', 'credit_code'])
      .where('case_id', '=', kase.id)
      .orderBy('created_at')
      .executeTakeFirst(),
    db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('step', '=', 'hold_hearing')
      .executeTakeFirst(),
  ]);
  return {
    kind: kase.action_kind,
    field: kase.field,
    procedure: kase.procedure ?? 'ordinary',
    partyType: party ? partyTypeOf(party.party_type, party.credit_code) : 'organisation',
    amountFen: Number(kase.proposed_amount_fen ?? 0),
    confiscationFen: 0,
    measures: [],
    hearingHeld: hearing !== undefined,
    outsideBenchmark: kase.benchmark_outcome === 'outside',
    socialImpact: false,
    complex: false,
  };
}

/**
 * The digest of the reviewed fields of the case as it is now: the reviewed proposal, with the party, the
 * item and the proposed amount as the case now records them (a notice that proposes another amount than
 * the one reviewed, another party, another item: the review no longer covers the decision).
 */
async function currentDigest(db: Reader, kase: CaseRow, review: Row<'reviews'>): Promise<string> {
  const fields = reviewedFieldsOf(loadPackage(review.package));
  const party = await db
    .selectFrom('case_parties')
    .select(['party_type', 'name', 'id_number', 'credit_code'])
    .where('case_id', '=', kase.id)
    .orderBy('created_at')
    .executeTakeFirst();
  return reviewDigest({
    ...fields,
    itemId: kase.item_id,
    amountFen: kase.proposed_amount_fen === null ? fields.amountFen : Number(kase.proposed_amount_fen),
    party: party
      ? { type: party.party_type, name: party.name, idNumber: party.id_number ?? party.credit_code ?? null }
      : fields.party,
  });
}

export async function latestReview(db: Reader, caseId: string): Promise<Row<'reviews'> | undefined> {
  return db
    .selectFrom('reviews')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether a decision on the case may be made now, and why not. */
export async function gateStatus(db: Reader, kase: CaseRow, now: Date): Promise<GateStatus> {
  const [latest, { catalogue }] = await Promise.all([
    latestReview(db, kase.id),
    catalogueInForce(db, kase.agency_id, chinaDate(now)),
  ]);
  const facts = latest
    ? decisionFactsOf(loadPackage(latest.package), outsideBenchmark(loadPackage(latest.package)))
    : await factsOfCase(db, kase);
  const classified = classify(catalogue, facts);
  const reasons = [...classified.reasons];
  for (const r of latest?.major_reasons ?? []) if (!reasons.some((x) => x.code === r.code)) reasons.push(r);
  // The cases area marks a decision major too (e.g. outside the benchmark, issue 5 item 7).
  for (const code of kase.major ? kase.major_reasons : []) {
    if (!reasons.some((x) => x.code === code)) reasons.push({ code, label: code, basis: '案件记录' });
  }
  const major = reasons.length > 0 || kase.major;
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

/** Records one refused attempt in its own command, and returns how many the case has had. */
export async function recordRefusal(
  deps: CommandDeps,
  actor: Actor,
  kase: CaseRow,
  status: GateStatus,
  channel: string,
): Promise<number> {
  return runCommand(deps, actor, async (ctx) => {
    const row = await ctx.trx
      .insertInto('review_refusals')
      .values({
        id: newId(),
        agency_id: kase.agency_id,
        case_id: kase.id,
        review_id: status.reviewId,
        channel,
        reason: status.refusal ?? 'no_review',
        actor_id: ctx.actor.personId,
        at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'review.decision_refused',
      agencyId: kase.agency_id,
      subjectType: 'review_refusal',
      subjectId: row.id,
      record: row,
    });
    const count = await ctx.trx
      .selectFrom('review_refusals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    return Number(count.n);
  });
}

const pending = new Set<Promise<unknown>>();

/** Waits for refusals queued behind a transaction (tests, the CLI before it exits). */
export async function settleRefusals(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** Queues a refusal record to run once the enclosing transaction has ended. */
function recordAfter(
  deps: CommandDeps,
  actor: Actor,
  kase: CaseRow,
  status: GateStatus,
  channel: string,
): void {
  const write = recordRefusal(deps, actor, kase, status, channel).catch((err: unknown) => {
    // The refusal itself stands (the decision was not made); a lost record is reported, never hidden.
    console.error(`review: could not record a refused decision on case ${kase.id}:`, err);
  });
  pending.add(write);
  void write.finally(() => pending.delete(write));
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
 * request (before the body is read) the record is written before the 409 is answered; inside the decision's
 * transaction it is queued behind it.
 */
export function reviewGate() {
  return async (ctx: DecisionGateLike, kase: CaseRow): Promise<void> => {
    const status = await gateStatus(ctx.db, kase, ctx.now);
    if (!status.refusal) return;
    if (ctx.phase === 'request') {
      const count = await recordRefusal(ctx.deps, ctx.actor, kase, status, 'decision_request');
      throw reviewRequired(kase, status, count);
    }
    recordAfter(ctx.deps, ctx.actor, kase, status, 'decision_command');
    throw reviewRequired(kase, status);
  };
}

/**
 * Document types that carry a case's decision: numbering one needs the passed review (S-14). The coercive
 * measure decision (行政强制法 §18) is not among them: it is a measure taken during the investigation, on the
 * head's approval, not the decision the legal review stands before. A summary-procedure decision is not
 * major under the default catalogue, so the gate lets it through unless a catalogue marks it.
 */
export const decisionDocumentTypes: ReadonlySet<string> = new Set([
  'penalty_decision',
  'no_penalty_decision',
  'summary_penalty_decision',
]);

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
  const refuse = async (error: Error, reason: string): Promise<never> => {
    await runCommand(deps, actor, (ctx) =>
      ctx.record({
        kind: NO_OWN_CASE_REFUSAL,
        agencyId: actor.agencyId,
        subjectType: 'decision_reference',
        subjectId: null,
        record: { channel, reason, ...reference },
      }),
    );
    throw error;
  };
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
 * whose decision needs a review it has not passed, and queues the refusal's record behind the command.
 */
export async function requireReviewInCommand(
  deps: CommandDeps,
  ctx: { trx: Reader; now: Date; actor: Actor },
  kase: CaseRow,
  channel: 'document_number' | 'publication',
): Promise<void> {
  // A decision made went through the gate when it was made (the triggers' `review_passed_or_decided`).
  if (kase.decided_on !== null) return;
  const status = await gateStatus(ctx.trx, kase, ctx.now);
  if (!status.refusal) return;
  recordAfter(deps, ctx.actor, kase, status, channel);
  throw reviewRequired(kase, status);
}
