import { runCommand, type Actor, type CommandContext } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { versionInForce } from '../powers/power-list.rules.ts';
import { actingDay } from './case-command.ts';
import { runGates, type CaseDeps, type DecisionMade } from './case-decision.gates.ts';
import { getCase } from './case-detail.queries.ts';
import { itemWithVersions } from './case-items.store.ts';
import { firstPartyOf } from './case-parties.store.ts';
import { checkStep, stepRefused } from './case-step.checks.ts';
import type { StepResult } from './case-step.take.ts';
import { writeStep } from './case-step.write.ts';
import { issueStepDocuments } from './case-step.documents.ts';
import { casesPolicy } from './cases.policy.ts';
import type { DecisionInput } from './cases.schema.ts';
import { lockCase, type CaseRow } from './cases.store.ts';
import { judgeDecision, mustPublish } from './decision.rules.ts';
import { deliberationReasonsOf } from './deliberation.queries.ts';
import { deliberationMessage } from './deliberation.rules.ts';
import { lifecycles } from './lifecycles/index.ts';
import { noPenaltyProblems } from './no-penalty.rules.ts';
import { partyTypeOf } from './party.rules.ts';
import { fineOf, sanctionsOfRequest, type CaseSanction } from './sanctions.rules.ts';
import { summaryProblems } from './summary.rules.ts';

/**
 * The decision command (`POST /api/v1/cases/{id}/decision`), kept apart from the other steps so that the
 * gates (case-decision.gates.ts) stand in front of every decision.
 */

/** The benchmarks of the case's item in the version in force on the decision date. */
async function itemOn(ctx: CommandContext, kase: CaseRow, on: string) {
  if (!kase.item_id) return null;
  const item = await itemWithVersions(ctx.trx, ownAgency(kase.agency_id), kase.item_id);
  if (!item) return null;
  const inForce = versionInForce(
    item.versions.map((v) => ({ ...v, effectiveFrom: v.effective_from })),
    on,
  );
  return inForce ? { kind: item.kind, benchmarks: inForce.benchmarks } : null;
}

/**
 * The decision (`POST /api/v1/cases/{id}/decision`): the gates, the step checks, the content checks
 * (outcome, summary-procedure limits, discretion benchmark, no heavier than notified), then the case
 * decided and the hooks after it, all in one transaction.
 */
export async function decide(
  deps: CaseDeps,
  principal: Principal,
  id: string,
  input: DecisionInput,
  actor: Actor = actorOf(principal),
): Promise<StepResult> {
  authorize(principal, casesPolicy.step, principal.agencyId);
  const on = actingDay(deps.clock.now(), input.on);
  const cal = await workingCalendar(deps.db);
  const result = await runCommand(deps, actor, async (ctx) => {
    const kase = await lockCase(ctx, ownScopeOf(principal), id, input.version);
    // The gates first, as on the request: a decision without its review is refused as such in any state.
    await runGates(
      deps,
      { db: ctx.trx, phase: 'command', actor: ctx.actor, principal, now: ctx.now, deps },
      kase,
    );
    const lc = lifecycles[kase.kind];
    const decisionStep = lc.transitions.find((t) => t.from === kase.state && t.decision)?.step;
    if (!decisionStep) throw stepRefused(lc, kase, 'decide');
    const checked = await checkStep(ctx, cal, principal, kase, decisionStep, {
      on,
      reason: input.reason,
      lateReason: input.lateReason,
      amountFen: input.amountFen,
    });
    // 行政处罚法 §57 ¶2: a complex or major case is decided by the heads collectively, after `deliberate`
    if (kase.state !== 'deliberated' && (input.outcome === 'penalty' || input.outcome === 'warning')) {
      const reasons = await deliberationReasonsOf(ctx.trx, kase);
      if (reasons.length > 0) {
        throw new AppError('DELIBERATION_REQUIRED', {
          detail: deliberationMessage(kase.case_number, reasons),
          extra: { deliberationRequired: reasons, state: kase.state },
        });
      }
    }
    const requested = sanctionsOfRequest(input.sanctions, input.amountFen);
    const sanctions: CaseSanction[] =
      input.outcome === 'penalty'
        ? requested.sanctions
        : input.outcome === 'warning'
          ? [{ kind: 'warning' }]
          : [];
    if (input.outcome === 'penalty' && requested.mismatch) {
      const message = `罚款金额与处罚种类中的罚款（${fineOf(sanctions) / 100} 元）不一致`;
      throw new AppError('VALIDATION_FAILED', {
        detail: message,
        errors: [{ path: 'body.amountFen', message }],
      });
    }
    if (input.sanctions !== null && input.outcome !== 'penalty' && input.sanctions.length > 0) {
      const message = '仅「给予行政处罚」的决定列出处罚种类';
      throw new AppError('VALIDATION_FAILED', {
        detail: message,
        errors: [{ path: 'body.sanctions', message }],
      });
    }
    const amountFen =
      input.outcome === 'penalty' && input.sanctions !== null ? fineOf(sanctions) : input.amountFen;
    const item = await itemOn(ctx, kase, on);
    const judged = judgeDecision({
      kind: kase.kind,
      outcome: input.outcome,
      amountFen,
      sanctions,
      proposedSanctions: kase.proposed_sanctions.length > 0 ? kase.proposed_sanctions : null,
      listGiven: input.sanctions !== null,
      circumstance: input.circumstance,
      discretionReason: input.discretionReason,
      reason: input.reason,
      proposedAmountFen: kase.proposed_amount_fen,
      item,
    });
    // 行政处罚法 §33: the ground of not punishing, the 免罚清单 (the item's 不予处罚 benchmark), the education
    const listed = item?.benchmarks.find((b) => b.circumstance === 'exempt');
    const problems = [
      ...judged.problems,
      ...noPenaltyProblems({
        outcome: input.outcome,
        ground: input.noPenaltyGround,
        education: input.education,
        reason: input.reason,
        listedEntry: listed ? listed.description || listed.measures || '不予处罚' : null,
      }),
    ];
    if (kase.kind === 'penalty_summary') {
      const party = await firstPartyOf(ctx.trx, ownAgency(kase.agency_id), kase.id);
      if (!input.formNumber)
        problems.push({ path: 'body.formNumber', message: '请填写预定格式决定书的编号（行政处罚法 §52）' });
      problems.push(
        ...summaryProblems({
          // 行政处罚法 §51: a 个体工商户 (also one entered before 0018 as an organisation with a 92 code) is a
          // natural person: 200 yuan
          partyType: party ? partyTypeOf(party.party_type, party.credit_code) : 'person',
          outcome: input.outcome === 'warning' ? 'warning' : 'fine',
          fineFen: amountFen,
          mitigated: input.circumstance === 'mitigated',
          illegalGains: input.illegalGains,
        }),
      );
      const excluded = problems.find((p) => p.path !== 'body.formNumber' && p.path !== 'body.outcome');
      if (excluded) {
        throw new AppError('SUMMARY_PROCEDURE_EXCLUDED', {
          detail: problems.map((p) => p.message).join('；'),
          errors: problems,
        });
      }
    }
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        detail: problems.map((p) => p.message).join('；'),
        errors: problems,
      });
    }
    const majorReasons = [...new Set([...kase.major_reasons, ...judged.majorReasons])];
    const { event, after } = await writeStep(ctx, cal, kase, checked, on, {
      reason: input.reason,
      lateReason: input.lateReason,
      details: {
        outcome: input.outcome,
        amountFen,
        sanctions,
        circumstance: input.circumstance,
        benchmark: judged.benchmark,
        formNumber: input.formNumber,
        ...(input.noPenaltyGround
          ? { noPenaltyGround: input.noPenaltyGround, education: input.education }
          : {}),
      },
      changes: {
        decided_on: on,
        decision_outcome: input.outcome,
        amount_fen: amountFen,
        sanctions,
        circumstance: input.circumstance,
        benchmark_outcome: judged.benchmark,
        discretion_reason: input.discretionReason,
        major: kase.major || majorReasons.length > 0,
        major_reasons: majorReasons,
      },
      timing: { place: input.place },
    });
    const documents = await issueStepDocuments(ctx, after, 'decide', on, input.documents, input.outcome);
    const made: DecisionMade = {
      caseId: after.id,
      eventId: event.id,
      outcome: input.outcome,
      amountFen,
      sanctions,
      decidedOn: on,
      mustPublish: mustPublish(kase.kind, input.outcome, sanctions),
      major: after.major,
      majorReasons,
      documentNumber: documents.find((d) => d.type.endsWith('_decision'))?.number ?? null,
    };
    for (const hook of deps.afterDecision ?? []) await hook(ctx, after, made);
    return { event, late: checked.late !== null, mustPublish: made.mustPublish };
  });
  return {
    ...(await getCase(deps, principal, id)),
    event: { id: result.event.id, seq: result.event.seq, step: 'decide', late: result.late },
    mustPublish: result.mustPublish,
  };
}
