import type { Clock } from '../../platform/clock.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseCosignerVerifierKey } from '../../county/witness/cosignature.rules.ts';
import { contentHashOf } from '../push-envelope.ts';
import { checkpointRecordOf } from '../push-records.ts';
import { currentUpstreamsUnscoped, insertCheckpointRecord } from './sender.store.ts';

/**
 * After a witness's cosignature of a checkpoint is stored: a `checkpoint` record for every agency paired
 * with that witness (docs/county-push.md "The outbox"), its note with the cosignature appended as served
 * at `/log/checkpoint`.
 */
export async function queueCheckpointRecords(
  deps: { db: Db; clock: Clock },
  cosigned: { witness: string; servedNote: string },
): Promise<void> {
  const content = checkpointRecordOf(cosigned.servedNote);
  for (const upstream of await currentUpstreamsUnscoped(deps.db)) {
    let name: string;
    try {
      name = parseCosignerVerifierKey(upstream.witnessKey).name;
    } catch {
      continue;
    }
    if (name !== cosigned.witness) continue;
    await insertCheckpointRecord(deps.db, ownAgency(upstream.agencyId), {
      content,
      contentHash: contentHashOf(content),
      queuedAt: deps.clock.now(),
    });
  }
}
