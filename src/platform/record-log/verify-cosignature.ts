import {
  noteBody,
  parseCosignerVerifierKey,
  verifyCosignature,
} from '../../county/witness/cosignature.rules.ts';
import type { Db } from '../db/database.ts';
import { decodeBase64 } from './bytes.ts';
import { openCheckpoint } from './checkpoint.ts';
import { latestCosignature } from './cosignatures.store.ts';
import { consistencyProofFor } from './log.service.ts';
import { checkpointOfSize, latestCheckpoint } from './log.store.ts';
import { verifyConsistency } from './merkle.ts';
import type { NoteVerifier } from './note.ts';

/**
 * `sanxiang verify --witness-key K` (docs/county.md "Cosignatures"): the latest checkpoint cosigned by the
 * witness K is a checkpoint of this log (signed by the log key, with its origin), carries a valid
 * `cosignature/v1` by K (tlog-cosignature), and the current tree is consistent with it (an RFC 9162
 * consistency proof from the stored tiles to the latest signed root). `verifyRecordLog` checks the tiles
 * themselves against the entries, so together the witnessed history is the one the database holds.
 */
export type WitnessCheck =
  | { readonly ok: true; readonly witness: string; readonly size: number; readonly treeSize: number }
  | { readonly ok: false; readonly witness: string; readonly problem: string };

export async function verifyWitnessCosignature(
  db: Db,
  options: { witnessKey: string; verifiers: readonly NoteVerifier[]; origin: string },
): Promise<WitnessCheck> {
  let witness;
  try {
    witness = parseCosignerVerifierKey(options.witnessKey);
  } catch (err) {
    return { ok: false, witness: options.witnessKey, problem: (err as Error).message };
  }
  const fail = (problem: string): WitnessCheck => ({ ok: false, witness: witness.name, problem });
  const held = await latestCosignature(db, witness.name);
  if (!held) return fail(`没有见证方 ${witness.name} 联署的检查点`);
  const checkpoint = await checkpointOfSize(db, held.size);
  if (!checkpoint) return fail(`见证方联署了大小为 ${held.size} 的检查点，但本机没有该检查点`);
  try {
    openCheckpoint(checkpoint.note, options.verifiers, options.origin);
  } catch (err) {
    return fail(`大小为 ${held.size} 的检查点不能用记录日志的密钥验证：${(err as Error).message}`);
  }
  try {
    verifyCosignature(held.line, witness, noteBody(checkpoint.note));
  } catch (err) {
    return fail(`大小为 ${held.size} 的检查点的联署无效：${(err as Error).message}`);
  }
  const latest = await latestCheckpoint(db);
  if (!latest) return fail('记录日志没有检查点');
  if (latest.size < held.size)
    return fail(`当前的树（大小 ${latest.size}）小于见证方联署的检查点（大小 ${held.size}）`);
  // The empty tree is a prefix of every tree: nothing to prove from size 0.
  if (held.size > 0 && latest.size > held.size) {
    try {
      const { proof } = await consistencyProofFor(db, held.size, latest.size);
      const hashes = proof.map((p) => decodeBase64(p) ?? new Uint8Array());
      verifyConsistency(held.size, latest.size, hashes, checkpoint.root, latest.root);
    } catch (err) {
      return fail(
        `当前的树（大小 ${latest.size}）与见证方联署的检查点（大小 ${held.size}）不一致：${(err as Error).message}`,
      );
    }
  }
  return { ok: true, witness: witness.name, size: held.size, treeSize: latest.size };
}
