import { runCommand } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { blobStillHeldUnscoped, lockEvidence, updateEvidence } from './evidence.store.ts';
import type { DetachedBlob } from './blob-store.ts';
import { loadRow, retentionFacts, toEvidence, type EvidenceRow, numbersOf } from './evidence.rows.ts';
import type { Evidence } from './evidence.schema.ts';
import { lockBlob, type EvidenceDeps } from './evidence.service.ts';
import { recordsPolicy } from './records.policy.ts';
import { disposalProblem } from './retention.rules.ts';
import { retentionPeriodsOf } from './retention.service.ts';

/**
 * Disposes of a file whose retention has run out (issue 3 item 9): only an agency head, only after the
 * period, never a marked file. The row, its digests and its log entries stay; the bytes go unless another
 * live row holds the same content. The bytes are moved aside before the commit and removed after it, so a
 * failed command puts them back.
 */
export async function disposeEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  id: string,
  input: { reason: string; approval: string },
): Promise<Evidence> {
  const current = await loadRow(deps.db, principal, recordsPolicy.disposeEvidence, id);
  authorize(principal, recordsPolicy.disposeEvidence, current.agency_id);
  const held: { blob?: DetachedBlob | null } = {};
  let row: EvidenceRow;
  try {
    row = await runCommand(deps, actorOf(principal), async (ctx) => {
      const own = ownAgency(current.agency_id);
      const before = await lockEvidence(ctx.trx, own, id);
      if (before.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
      const periods = await retentionPeriodsOf(ctx.trx, before.agency_id);
      const problem = disposalProblem(retentionFacts(before), periods, chinaDate(ctx.now));
      if (problem) throw new AppError('RETENTION_NOT_ELAPSED', { detail: problem });
      await lockBlob(ctx, before.sha256);
      const after = await updateEvidence(ctx.trx, own, id, {
        disposed_at: ctx.now,
        disposed_by: ctx.actor.personId,
        disposal_reason: input.reason,
        disposal_approval: input.approval,
      });
      await ctx.record({
        kind: 'records.evidence_disposed',
        agencyId: after.agency_id,
        subjectType: 'evidence_file',
        subjectId: id,
        record: after,
        changes: ['disposed_at', 'disposed_by', 'disposal_reason', 'disposal_approval'],
        fileSha256: after.sha256,
      });
      if (!(await blobStillHeldUnscoped(ctx.trx, after.sha256)))
        held.blob = await deps.blobs.detach(after.sha256);
      return after;
    });
  } catch (err) {
    await held.blob?.restore();
    throw err;
  }
  await held.blob?.purge();
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id), await numbersOf(deps.db, [row]));
}
