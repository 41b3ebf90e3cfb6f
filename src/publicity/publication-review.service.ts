import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { publicityPeriod } from './deadlines.rules.ts';
import { refuseFindings, rowFindings } from './publication-masking.ts';
import { invalidState, moveRow, stateMessage } from './publication-steps.ts';
import { publicitySettings } from './publicity-settings.service.ts';
import { publicationsPolicy } from './publications.policy.ts';
import { mayReviewPublication } from './publications.rules.ts';
import { lockPublication, publicationAgency } from './publications.store.ts';

/**
 * The way to publishing (公示规定 §16): a draft submitted for review, and the publisher's review that
 * publishes it or returns it. Each command is one transaction with its record-log entry.
 */

type PublicationRow = Row<'publications'>;

/** Submits a draft for the publisher's review; the masking guard runs here already. */
export async function submitPublication(deps: CommandDeps, principal: Principal, id: string): Promise<void> {
  authorize(principal, publicationsPolicy.draft, await publicationAgency(deps.db, ownScopeOf(principal), id));
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockPublication(ctx.trx, ownScopeOf(principal), id);
    if (row.status === 'draft') {
      const findings = rowFindings(row);
      if (findings.length > 0) refuseFindings(findings);
    }
    await moveRow(ctx, row, 'submit', {}, '');
  });
}

/**
 * The publisher's review (公示规定 §16): approve publishes — after the final masking guard (浙江 §7) —
 * and fixes the publicity period (公示规定 §13); return sends the draft back with a reason.
 */
export async function reviewPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  decision: { action: 'approve'; note: string } | { action: 'return'; reason: string },
): Promise<void> {
  authorize(
    principal,
    publicationsPolicy.publish,
    await publicationAgency(deps.db, ownScopeOf(principal), id),
  );
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await lockPublication(ctx.trx, ownScopeOf(principal), id);
    if (row.status !== 'in_review') throw invalidState(stateMessage(decision.action));
    if (!mayReviewPublication(row.author_id, principal.personId))
      throw new AppError('PUBLICATION_SELF_REVIEW');
    if (decision.action === 'return') {
      await moveRow(
        ctx,
        row,
        'return',
        { review_note: decision.reason, reviewer_id: principal.personId },
        decision.reason,
      );
      return;
    }
    const findings = rowFindings(row);
    if (findings.length > 0) refuseFindings(findings);
    await publishRow(ctx, row, principal.personId, decision.note);
  });
}

/** Publishes a reviewed row now: the period runs from today (公示规定 §13). */
export async function publishRow(
  ctx: CommandContext,
  row: PublicationRow,
  reviewerId: string | null,
  note: string,
): Promise<PublicationRow> {
  const publishedOn = chinaDate(ctx.now);
  const config = await publicitySettings(ctx.trx, row.agency_id);
  const period = publicityPeriod(row.sanctions, row.party_kind, publishedOn, config);
  return moveRow(
    ctx,
    row,
    'approve',
    {
      reviewer_id: reviewerId,
      review_note: note,
      published_at: ctx.now,
      published_on: publishedOn,
      period_ends_on: period.endsOn,
      period_rule: period.rule,
    },
    note,
  );
}
