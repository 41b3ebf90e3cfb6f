import {
  runCommand,
  systemActor,
  type CommandContext,
  type CommandDeps,
} from '../../platform/audit/command.ts';
import { authorize, definePolicy } from '../../platform/auth/policy.ts';
import { actorOf, type Principal } from '../../platform/auth/principal.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fromBase64 } from '../../platform/db/sql-bytes.ts';
import { isValidKeyName, parseVerifierKey } from '../../platform/record-log/note.ts';
import type { CosignerKey } from './cosigner-key.ts';
import {
  insertAlert,
  insertCheckpoint,
  insertLog,
  latestCheckpoint,
  lockLog,
  logByOrigin,
} from './witness.store.ts';
import {
  MalformedRequest,
  cosignatureLine,
  judgeCheckpoint,
  parseAddCheckpoint,
  rootText,
  type Judgement,
} from './witness.rules.ts';

/**
 * The county platform's witness (issue 14 item 3; docs/county.md): the logs it witnesses, registered by
 * the instance administrator, and add-checkpoint (C2SP tlog-witness), a machine's call recorded with the
 * system actor. The log's row is locked while the held checkpoint is checked and the next one stored, so
 * two concurrent calls for one log cannot both advance it.
 */
export const witnessPolicy = definePolicy({
  register: { roles: ['instance_administrator'], reach: 'own', writes: true },
});

export interface WitnessedLogInput {
  origin: string;
  /** The log's verifier key(s) (C2SP signed-note vkeys, Ed25519); during a key rotation two. */
  verifierKey: string | readonly string[];
}

/** Registers a log to witness; its origin must be a checkpoint origin and name of each key given. */
export async function registerWitnessedLog(
  deps: CommandDeps,
  principal: Principal,
  input: WitnessedLogInput,
) {
  authorize(principal, witnessPolicy.register, principal.agencyId);
  const keys = witnessedLogKeys(input);
  if (await logByOrigin(deps.db, input.origin)) {
    throw fieldError('DUPLICATE', 'body.origin', '该记录日志已登记');
  }
  return runCommand(deps, actorOf(principal), (ctx) => writeWitnessedLog(ctx, input.origin, keys));
}

/** The input's keys, each a valid verifier key, and its origin valid; field errors otherwise. */
export function witnessedLogKeys(input: WitnessedLogInput): string[] {
  const keys = typeof input.verifierKey === 'string' ? [input.verifierKey] : [...input.verifierKey];
  if (!isValidKeyName(input.origin) || input.origin.length > 255) {
    throw fieldError('VALIDATION_FAILED', 'body.origin', '日志标识（origin）不能为空，且不能含空格或“+”');
  }
  if (keys.length === 0) throw fieldError('VALIDATION_FAILED', 'body.verifierKey', '请填写日志的验证公钥');
  keys.forEach((key, i) => {
    try {
      parseVerifierKey(key);
    } catch {
      throw fieldError(
        'VALIDATION_FAILED',
        `body.verifierKey.${i}`,
        '验证公钥格式不正确（C2SP signed-note，Ed25519）',
      );
    }
  });
  return keys;
}

/**
 * Writes and records a witnessed log inside a command (`witness.log_registered`): registerWitnessedLog's,
 * or the county registry's when it registers an agency whose log is new (one transaction for both).
 */
export async function writeWitnessedLog(ctx: CommandContext, origin: string, keys: readonly string[]) {
  const row = await insertLog(ctx.trx, {
    id: newId(),
    origin,
    verifier_keys: JSON.stringify(keys),
    registered_by: ctx.actor.personId,
    registered_at: ctx.now,
  });
  await ctx.record({
    kind: 'witness.log_registered',
    agencyId: ctx.actor.agencyId,
    subjectType: 'witness_log',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/** The witness's answer to add-checkpoint: the cosignature lines to send with 200. */
export interface Cosigned {
  readonly origin: string;
  readonly size: number;
  readonly cosignature: string;
}

/** A non-writing outcome leaves the command's transaction through here (nothing to record). */
class Unrecorded extends Error {
  constructor(readonly judgement: Judgement) {
    super('unrecorded');
  }
}

function refusal(judgement: Exclude<Judgement, { outcome: 'cosign' }>): AppError {
  switch (judgement.outcome) {
    case 'conflict':
      return new AppError('WITNESS_OLD_SIZE_MISMATCH', { extra: { size: judgement.heldSize } });
    case 'untrusted':
      return new AppError('WITNESS_UNTRUSTED_SIGNATURE', { detail: judgement.reason });
    case 'bad-request':
      return new AppError('WITNESS_BAD_REQUEST', { detail: judgement.reason });
    case 'inconsistent':
      return new AppError('WITNESS_INCONSISTENT', { detail: judgement.reason });
  }
}

/**
 * C2SP tlog-witness "add-checkpoint". Throws the spec's refusals as AppErrors (400, 403, 404, 409 with the
 * size held in `extra.size`, 422). A checkpoint that forks from the one held is refused and recorded as a
 * `witness_alerts` row with both notes, committed; any other refusal writes nothing.
 */
export async function addCheckpoint(
  deps: CommandDeps,
  key: CosignerKey,
  body: Uint8Array | string,
): Promise<Cosigned> {
  let request;
  try {
    request = parseAddCheckpoint(body);
  } catch (err) {
    if (err instanceof MalformedRequest) throw new AppError('WITNESS_BAD_REQUEST', { detail: err.message });
    throw err;
  }
  if (!(await logByOrigin(deps.db, request.origin))) throw new AppError('WITNESS_UNKNOWN_LOG');
  let judgement: Judgement;
  try {
    judgement = await runCommand(deps, systemActor, async (ctx) => {
      const log = await lockLog(ctx.trx, request.origin);
      if (!log) throw new AppError('WITNESS_UNKNOWN_LOG');
      const row = await latestCheckpoint(ctx.trx, request.origin);
      const held = row ? { size: row.size, root: fromBase64(row.root_hash), note: row.note } : null;
      const judged = judgeCheckpoint(request, log.verifier_keys, held);
      if (judged.outcome === 'inconsistent' && judged.fork && held) {
        const alert = await insertAlert(ctx.trx, {
          id: newId(),
          origin: request.origin,
          held_checkpoint: held.note,
          offered_checkpoint: request.note,
          reason: judged.reason,
          raised_at: ctx.now,
        });
        await ctx.record({
          kind: 'witness.fork_alerted',
          agencyId: null,
          subjectType: 'witness_alert',
          subjectId: alert.id,
          record: alert,
        });
        return judged;
      }
      if (judged.outcome !== 'cosign' || !judged.advances) throw new Unrecorded(judged);
      const stored = await insertCheckpoint(ctx.trx, {
        id: newId(),
        origin: request.origin,
        size: judged.checkpoint.size,
        root_hash: rootText(judged.checkpoint.root),
        note: request.note,
        received_at: ctx.now,
      });
      await ctx.record({
        kind: 'witness.checkpoint_cosigned',
        agencyId: null,
        subjectType: 'witness_checkpoint',
        subjectId: stored.id,
        record: stored,
      });
      return judged;
    });
  } catch (err) {
    if (!(err instanceof Unrecorded)) throw err;
    judgement = err.judgement;
  }
  if (judgement.outcome !== 'cosign') throw refusal(judgement);
  const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
  return {
    origin: request.origin,
    size: judgement.checkpoint.size,
    cosignature: cosignatureLine(key, judgement.text, timestamp),
  };
}
