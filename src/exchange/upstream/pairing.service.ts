import { actorOf, type Principal } from '../../platform/auth/principal.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { runCommand, type Actor, type CommandDeps } from '../../platform/audit/command.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import { agencyById } from '../../org/agencies.store.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { holdPairingLock } from '../outbox/outbox.store.ts';
import { queueSnapshot, type SnapshotProgress } from '../outbox/snapshot.ts';
import { receiptKeyProblem, upstreamUrlOf, witnessKeyProblem } from './pairing.rules.ts';
import { upstreamPolicy } from './upstream.policy.ts';
import { insertUpstream, upstreamOf, type UpstreamRow } from './upstream.store.ts';

/**
 * Pairing with the county platform (docs/county-push.md "Pairing" steps 1 and 3). The agency prints what
 * the platform registers (`pairingInfo`); its administrator then pairs (`pair`): one recorded command
 * writes the `upstreams` row and, the first time, queues the snapshot of the agency's present state in
 * the same transaction (snapshot.ts). Pairing again (a new URL or keys) writes a new row and queues
 * nothing more: the sequences continue.
 */

/** What this instance knows of its own keys and address (app.ts and the command line give them). */
export interface PairingKeys {
  baseUrl: string | null;
  logOrigin: string;
  logVerifierKeys: readonly string[];
  pushVerifierKey: string;
}

export interface PairingInfo {
  creditCode: string;
  name: string;
  agencyId: string;
  baseUrl: string | null;
  logOrigin: string;
  logVerifierKeys: string[];
  pushVerifierKey: string;
}

export async function pairingInfoOf(deps: Pick<CommandDeps, 'db'>, agencyId: string, keys: PairingKeys) {
  const agency = await agencyById(deps.db, agencyId);
  if (!agency) throw new AppError('NOT_FOUND');
  const info: PairingInfo = {
    creditCode: agency.credit_code,
    name: agency.name,
    agencyId: agency.id,
    baseUrl: keys.baseUrl,
    logOrigin: keys.logOrigin,
    logVerifierKeys: [...keys.logVerifierKeys],
    pushVerifierKey: keys.pushVerifierKey,
  };
  return info;
}

export async function pairingInfo(deps: CommandDeps, principal: Principal, keys: PairingKeys) {
  authorize(principal, upstreamPolicy.read, principal.agencyId);
  return pairingInfoOf(deps, principal.agencyId, keys);
}

export interface PairInput {
  url: string;
  witnessKey: string;
  receiptKey: string;
}

export interface PairingDeps extends CommandDeps {
  /** Tells the outbox of this process that the agency is paired (outbox.service.ts `paired`). */
  paired?: (agencyId: string) => void;
}

export interface Upstream {
  id: string;
  agencyId: string;
  url: string;
  witnessKey: string;
  receiptKey: string;
  pairedBy: string | null;
  pairedAt: string;
}

export const toUpstream = (r: UpstreamRow): Upstream => ({
  id: r.id,
  agencyId: r.agency_id,
  url: r.url,
  witnessKey: r.witness_key,
  receiptKey: r.receipt_key,
  pairedBy: r.paired_by,
  pairedAt: r.paired_at.toISOString(),
});

/** The input checked (field paths as the HTTP body's), the URL normalised; VALIDATION_FAILED otherwise. */
export function checkedPairInput(input: PairInput): PairInput {
  const [witnessKey, receiptKey] = [input.witnessKey.trim(), input.receiptKey.trim()];
  const url = upstreamUrlOf(input.url);
  const errors: FieldError[] = [];
  if ('problem' in url) errors.push({ path: 'body.url', message: url.problem });
  const witness = witnessKeyProblem(witnessKey);
  if (witness) errors.push({ path: 'body.witnessKey', message: witness });
  const receipt = receiptKeyProblem(receiptKey);
  if (receipt) errors.push({ path: 'body.receiptKey', message: receipt });
  if ('problem' in url || errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', { detail: errors.map((e) => e.message).join('；'), errors });
  }
  return { url: url.url, witnessKey, receiptKey };
}

/** Pairs the agency (a recorded command); the first pairing queues the snapshot. */
export async function pair(
  deps: PairingDeps,
  actor: Actor,
  agencyId: string,
  input: PairInput,
  onProgress?: SnapshotProgress,
): Promise<{ upstream: Upstream; first: boolean; queued: number }> {
  const checked = checkedPairInput(input);
  const result = await runCommand(deps, actor, async (ctx) => {
    const own = ownAgency(agencyId);
    // Exclusive against every command's first queueing of this agency (outbox.store.ts).
    await holdPairingLock(ctx.trx, agencyId);
    const before = await upstreamOf(ctx.trx, own);
    const row = await insertUpstream(ctx.trx, own, {
      id: newId(),
      url: checked.url,
      witness_key: checked.witnessKey,
      receipt_key: checked.receiptKey,
      paired_by: ctx.actor.personId,
      paired_at: ctx.now,
    });
    const changes = before
      ? (['url', 'witness_key', 'receipt_key'] as const).filter((k) => before[k] !== row[k])
      : undefined;
    const eventId = await ctx.record({
      kind: 'upstream.paired',
      agencyId,
      subjectType: 'upstream',
      subjectId: row.id,
      record: row,
      ...(changes ? { changes: [...changes] } : {}),
    });
    const queued = before ? 0 : await queueSnapshot(ctx.trx, agencyId, eventId, ctx.now, onProgress);
    return { upstream: toUpstream(row), first: !before, queued };
  });
  deps.paired?.(agencyId);
  return result;
}

export async function pairUpstream(deps: PairingDeps, principal: Principal, input: PairInput) {
  authorize(principal, upstreamPolicy.pair, principal.agencyId);
  return pair(deps, actorOf(principal), principal.agencyId, input);
}
