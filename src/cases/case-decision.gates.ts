import type { Actor, CommandContext, CommandDeps } from '../platform/audit/command.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { reviewGate } from '../review/gate.service.ts';
import { caseIn, type CaseRow } from './cases.store.ts';
import type { Outcome } from './decision.rules.ts';
import type { CaseSanction } from './sanctions.rules.ts';

/**
 * Lifecycle steps and decisions. `takeStep` moves a case along its lifecycle (lifecycles/) after the pure
 * checks of lifecycle.rules.ts; `decide` is the decision command, kept apart so that checks can stand in
 * front of every decision:
 *
 * - The legal-review gate (src/review/gate.service.ts `reviewGate`, 行政处罚法 §58) is not a dependency
 *   but part of the decision: `decide` always runs it first, whoever calls it (route, CLI, demo, job).
 * - The gate and any further `beforeDecision` hooks (CaseDeps) run twice: on the request before its body
 *   is read (the route's preValidation, `phase: 'request'`) and inside the decision's transaction on the
 *   locked case (`phase: 'command'`), so no race and no body can pass a gate. A hook refuses by throwing an
 *   AppError (e.g. 409 REVIEW_REQUIRED). It should record a refused attempt in a command of its own
 *   (`runCommand(ctx.deps, ...)`), because the refused decision's transaction rolls back.
 * - The legal-review steps (`reviewSteps`: submit_review, pass_review, return_review) are taken only by the
 *   legal review itself (src/review/review.service.ts, through `takeStepInCommand` in its own transaction),
 *   so the case's state and the review's status are one truth; the step route refuses them.
 * - `afterDecision` hooks run inside the decision's transaction once it is written: a decision that must
 *   be published creates its publication draft there (src/publicity/), in the same transaction.
 *
 * Both lists are given by the composition root (src/app.ts) through `casesRoutes(deps)`.
 */

export interface DecisionGateContext {
  /** The decision's transaction (`phase: 'command'`), or the database before the body is read. */
  db: Db;
  phase: 'request' | 'command';
  actor: Actor;
  principal: Principal;
  now: Date;
  /** For a hook that records a refusal in a command of its own. */
  deps: CommandDeps;
}

/** Refuses a decision by throwing; returns normally to let it pass. */
export type BeforeDecision = (ctx: DecisionGateContext, kase: CaseRow) => Promise<void>;

/** What a decision decided, for the hooks after it. */
export interface DecisionMade {
  caseId: string;
  eventId: string;
  outcome: Outcome;
  amountFen: number;
  /** The decided sanctions (行政处罚法 §9): what the publication's period and early end come from. */
  sanctions: CaseSanction[];
  decidedOn: string;
  /** Whether it must be published (decision.rules.ts `mustPublish`), and so get a publication draft. */
  mustPublish: boolean;
  major: boolean;
  majorReasons: string[];
  /** The number of the decision document the decision issued (its 文号), when it issued one. */
  documentNumber: string | null;
}

/** Runs in the decision's transaction after the case is written (e.g. the publication draft). */
export type AfterDecision = (ctx: CommandContext, kase: CaseRow, decision: DecisionMade) => Promise<void>;

/** The legal-review gate every decision passes (src/review/), before any further hook. */
const legalReviewGate: BeforeDecision = reviewGate();

/**
 * The dependencies of the cases area. The legal-review gate is not among them: `decide` always runs it, so
 * no caller (route, CLI, job, test) can make a decision without it. `beforeDecision` adds further checks.
 */
export interface CaseDeps extends CommandDeps {
  beforeDecision?: readonly BeforeDecision[];
  afterDecision?: readonly AfterDecision[];
}

/** Runs the legal-review gate, then every further gate; the first to refuse throws. */
export async function runGates(deps: CaseDeps, ctx: DecisionGateContext, kase: CaseRow): Promise<void> {
  await legalReviewGate(ctx, kase);
  for (const gate of deps.beforeDecision ?? []) await gate(ctx, kase);
}

/**
 * The gates on the request, before its body is read (the decision route's preValidation): a decision
 * refused by a gate is refused whatever the body holds. Unknown or unreadable cases pass through to the
 * route, which answers 404.
 */
export async function checkDecisionGates(deps: CaseDeps, principal: Principal, id: string): Promise<void> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return;
  const kase = await caseIn(deps.db, ownScopeOf(principal), id);
  if (!kase) return;
  await runGates(
    deps,
    { db: deps.db, phase: 'request', actor: actorOf(principal), principal, now: deps.clock.now(), deps },
    kase,
  );
}
