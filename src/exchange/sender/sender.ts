import { parseCosignerVerifierKey } from '../../county/witness/cosignature.rules.ts';
import { runCommand, systemActor, type CommandDeps } from '../../platform/audit/command.ts';
import { ownAgency, type OwnAgency } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { encodeBase64 } from '../../platform/record-log/bytes.ts';
import { latestCosignature } from '../../platform/record-log/cosignatures.store.ts';
import { processTimer, type LoopTimer } from '../../platform/record-log/integrator-loop.ts';
import { inclusionProofsAt } from '../../platform/record-log/log.service.ts';
import { checkpointOfSize } from '../../platform/record-log/log.store.ts';
import { parseVerifierKey } from '../../platform/record-log/note.ts';
import { openReceipt, pushBodySha256, signPush, type PushBatch, type PushProof } from '../push-envelope.ts';
import { pushReceipt } from '../push.schema.ts';
import { REFUSED_RETRY_MS, retryDelay } from './backoff.rules.ts';
import type { PushKey } from '../outbox/push-key.ts';
import { batchLimit, judgePushAnswer, narrowedLimit, selectBatch, type PushAnswer } from './sender.rules.ts';
import {
  acknowledgedThrough,
  agencyCreditCode,
  assignSequences,
  currentUpstreamsUnscoped,
  insertDelivery,
  insertReceipt,
  insertRejection,
  rejectionOf,
  sequencedFrom,
  type OutboxRecord,
  type Upstream,
} from './sender.store.ts';

/**
 * The sender (docs/county-push.md "The sender"): for each paired agency of this instance, the outbox rows
 * in sequence order, in batches of up to 500 provable in the latest checkpoint the platform's witness has
 * cosigned, signed with the push key and posted to `<url>/county/push`. Every attempt is a
 * `push_deliveries` row; a 200's receipt is opened with the pinned receipt key and kept; network errors,
 * 5xx and 429 wait with backoff (1 s to 5 min, jittered); a 409 sends again from the sequence expected;
 * another refusal narrows the batch by halves to its first refused record, which is kept in
 * `push_rejections` (a recorded command) and retried every 5 minutes — nothing after it is sent, nothing is
 * ever skipped.
 */
export interface SenderDeps extends CommandDeps {
  readonly pushKey: () => PushKey;
  readonly fetch?: typeof fetch;
}

export interface SenderOptions {
  readonly timeoutMs?: number;
  readonly timer?: LoopTimer;
  readonly random?: () => number;
  /** Failures and refusals (no personal data: sequences, statuses, problem codes). */
  readonly onError?: (err: unknown, context: { agencyId: string; sequence?: number }) => void;
}

export type SenderState = 'idle' | 'waiting' | 'retrying' | 'stopped';

export interface SenderStatus {
  readonly agencyId: string;
  readonly url: string;
  readonly state: SenderState;
  /** Why it waits or what failed last. */
  readonly lastError: string | null;
  /** The record the platform refused, at which the sender stops. */
  readonly stoppedAt: number | null;
  readonly nextAttemptAt: Date | null;
}

interface AgencyState {
  failures: number;
  nextAt: number;
  /** The sequence the platform said it expects (a 409), until the next acknowledgement. */
  expected: number | null;
  narrowing: { suspectThrough: number; limit: number } | null;
  status: SenderStatus;
}

const DEFAULT_TIMEOUT = 30_000;

/** The outcome of one delivery step for an agency: whether to go on at once. */
type Step = 'progress' | 'idle';

export class Sender {
  readonly #deps: SenderDeps;
  readonly #options: SenderOptions;
  readonly #agencies = new Map<string, AgencyState>();

  constructor(deps: SenderDeps, options: SenderOptions = {}) {
    this.#deps = deps;
    this.#options = options;
  }

  get #timer(): LoopTimer {
    return this.#options.timer ?? processTimer;
  }

  status(): SenderStatus[] {
    return [...this.#agencies.values()].map((a) => a.status);
  }

  /** One step for every paired agency; true when a batch was acknowledged or must be resent at once. */
  async run(): Promise<boolean> {
    let progress = false;
    for (const upstream of await currentUpstreamsUnscoped(this.#deps.db)) {
      const state = this.#state(upstream);
      try {
        if ((await this.#step(upstream, state)) === 'progress') progress = true;
      } catch (err) {
        this.#retry(state, `发送失败：${(err as Error).message}`);
        this.#options.onError?.(err, { agencyId: upstream.agencyId });
      }
    }
    return progress;
  }

  /** Runs until nothing more can be sent now (tests, and `serve` after a wake-up). */
  async drain(maxSteps = 10_000): Promise<void> {
    for (let i = 0; i < maxSteps && (await this.run()); i++);
  }

  #state(upstream: Upstream): AgencyState {
    let state = this.#agencies.get(upstream.agencyId);
    if (!state || state.status.url !== upstream.url) {
      state = {
        failures: 0,
        nextAt: -Infinity,
        expected: null,
        narrowing: null,
        status: {
          agencyId: upstream.agencyId,
          url: upstream.url,
          state: 'idle',
          lastError: null,
          stoppedAt: null,
          nextAttemptAt: null,
        },
      };
      this.#agencies.set(upstream.agencyId, state);
    }
    return state;
  }

  #wait(state: AgencyState, ms: number): void {
    state.nextAt = this.#timer.now() + ms;
    state.status = { ...state.status, nextAttemptAt: new Date(this.#deps.clock.now().getTime() + ms) };
  }

  #retry(state: AgencyState, detail: string): void {
    state.failures++;
    this.#wait(state, retryDelay(state.failures, (this.#options.random ?? Math.random)()));
    state.status = { ...state.status, state: 'retrying', lastError: detail };
  }

  async #step(upstream: Upstream, state: AgencyState): Promise<Step> {
    const { db } = this.#deps;
    const scope = ownAgency(upstream.agencyId);
    await assignSequences(db, scope);
    if (this.#timer.now() < state.nextAt) return 'idle';
    const creditCode = await agencyCreditCode(db, upstream.agencyId);
    if (!creditCode) throw new Error('the paired agency is not on this instance');
    const witness = parseCosignerVerifierKey(upstream.witnessKey);
    const cosigned = await latestCosignature(db, witness.name);
    const checkpoint = cosigned && (await checkpointOfSize(db, cosigned.size));
    if (!checkpoint) {
      state.status = { ...state.status, state: 'waiting', lastError: '尚无见证方联署的检查点' };
      return 'idle';
    }
    const from = state.expected ?? (await acknowledgedThrough(db, scope)) + 1;
    const limit = batchLimit(from, state.narrowing);
    const rows = selectBatch(await sequencedFrom(db, scope, from, limit), from, checkpoint.size, limit);
    if (rows.length === 0) {
      state.status = { ...state.status, state: state.status.stoppedAt ? 'stopped' : 'idle' };
      return 'idle';
    }
    const { batch, proof } = await buildBatch(db, creditCode, rows, checkpoint.size, checkpoint.note);
    const envelope = signPush(batch, proof, this.#deps.pushKey().signers);
    const range = { firstSequence: batch.firstSequence, lastSequence: batch.lastSequence };
    let status: number | null = null;
    let answer: PushAnswer;
    let body = '';
    try {
      const response = await (this.#deps.fetch ?? fetch)(`${upstream.url.replace(/\/+$/, '')}/county/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? DEFAULT_TIMEOUT),
      });
      status = response.status;
      body = await response.text();
      answer = judgePushAnswer(status, body);
    } catch (err) {
      answer = { kind: 'retry', code: null, detail: `平台无法连接：${(err as Error).message}` };
    }
    const attempt = { id: newId(), ...range, attemptedAt: this.#deps.clock.now(), httpStatus: status };
    switch (answer.kind) {
      case 'acknowledged': {
        const opened = this.#openReceipt(body, upstream, {
          agencyCreditCode: creditCode,
          ...range,
          bodySha256: pushBodySha256(batch, proof),
        });
        if (typeof opened === 'string') {
          await insertDelivery(db, scope, { ...attempt, outcome: 'failed', code: null, error: opened });
          this.#retry(state, opened);
          return 'idle';
        }
        await insertReceipt(db, scope, { ...range, receipt: opened, receivedAt: this.#deps.clock.now() });
        await insertDelivery(db, scope, { ...attempt, outcome: 'acknowledged', code: null, error: null });
        state.failures = 0;
        state.expected = null;
        state.nextAt = -Infinity;
        if (state.status.stoppedAt !== null && state.status.stoppedAt <= range.lastSequence) {
          state.status = { ...state.status, stoppedAt: null };
        }
        if (state.narrowing && range.lastSequence >= state.narrowing.suspectThrough) state.narrowing = null;
        state.status = { ...state.status, state: 'idle', lastError: null, nextAttemptAt: null };
        return 'progress';
      }
      case 'resend':
        if (answer.expected === range.firstSequence) {
          // The platform expects what was sent: a confused answer, not a gap. Wait and try again.
          answer = {
            kind: 'retry',
            code: answer.code,
            detail: `平台期待的序号 ${answer.expected} 即所发送的`,
          };
          await insertDelivery(db, scope, {
            ...attempt,
            outcome: 'failed',
            code: answer.code,
            error: answer.detail,
          });
          this.#retry(state, answer.detail);
          return 'idle';
        }
        await insertDelivery(db, scope, {
          ...attempt,
          outcome: 'refused',
          code: answer.code,
          error: `平台期待序号 ${answer.expected}`,
        });
        state.expected = answer.expected;
        return 'progress';
      case 'retry':
        await insertDelivery(db, scope, {
          ...attempt,
          outcome: 'failed',
          code: answer.code,
          error: answer.detail,
        });
        this.#retry(state, answer.detail);
        this.#options.onError?.(new Error(answer.detail), { agencyId: upstream.agencyId });
        return 'idle';
      case 'refused':
        await insertDelivery(db, scope, {
          ...attempt,
          outcome: 'refused',
          code: answer.code,
          error: answer.detail,
        });
        if (rows.length > 1) {
          // Narrow to the first refused record: the first half, then the next, by halves.
          state.narrowing = { suspectThrough: range.lastSequence, limit: narrowedLimit(rows.length) };
          return 'progress';
        }
        await this.#reject(scope, range.firstSequence, answer.code, answer.detail);
        state.narrowing = { suspectThrough: range.firstSequence, limit: 1 };
        this.#wait(state, REFUSED_RETRY_MS);
        state.status = {
          ...state.status,
          state: 'stopped',
          stoppedAt: range.firstSequence,
          lastError: `${answer.code}：${answer.detail}`,
        };
        this.#options.onError?.(new Error(`${answer.code}: ${answer.detail}`), {
          agencyId: upstream.agencyId,
          sequence: range.firstSequence,
        });
        return 'idle';
    }
  }

  /** The receipt, opened with the pinned receipt key; or why it cannot be kept. */
  #openReceipt(
    body: string,
    upstream: Upstream,
    expected: Parameters<typeof openReceipt>[2],
  ): ReturnType<typeof pushReceipt.parse> | string {
    let parsed;
    try {
      parsed = pushReceipt.safeParse(JSON.parse(body));
    } catch {
      return '平台的回执不是 JSON';
    }
    if (!parsed.success) return '平台的回执格式不正确';
    try {
      openReceipt(parsed.data, [parseVerifierKey(upstream.receiptKey)], expected);
    } catch (err) {
      return (err as Error).message;
    }
    return parsed.data;
  }

  /** Keeps a refused record once per (sequence, code): a recorded command of the system. */
  async #reject(scope: OwnAgency, sequence: number, code: string, reason: string): Promise<void> {
    const held = await rejectionOf(this.#deps.db, scope, sequence);
    if (held && held.code === code) return;
    await runCommand(this.#deps, systemActor, async (ctx) => {
      const row = await insertRejection(ctx.trx, scope, {
        id: newId(),
        sequence,
        code,
        reason,
        rejected_at: ctx.now,
      });
      await ctx.record({
        kind: 'exchange.push_rejected',
        agencyId: scope.agencyId,
        subjectType: 'push_rejection',
        subjectId: row.id,
        record: row,
        changes: [code],
      });
    });
  }
}

/**
 * The batch of `rows` and its proofs (docs/county-push.md "The sender", steps 2-3): each record's log entry
 * at its index and its RFC 6962 inclusion proof in the cosigned tree of `size`, whose signed note is `note`.
 */
export async function buildBatch(
  db: Db,
  creditCode: string,
  rows: readonly OutboxRecord[],
  size: number,
  note: string,
): Promise<{ batch: PushBatch; proof: PushProof }> {
  const proven = rows.filter((r) => r.auditEventId !== null);
  const proofs = await inclusionProofsAt(
    db,
    proven.map((r) => r.logIndex!),
    size,
  );
  const records = rows.map((r) => ({
    sequence: r.sequence,
    type: r.type,
    contentHash: r.contentHash,
    // A checkpoint record has no entry of its own: its index is its tree size (docs/county-push.md).
    logIndex: r.auditEventId === null ? Number((r.content as { size: number }).size) : r.logIndex!,
    content: r.content,
  })) as PushBatch['records'];
  const batch: PushBatch = {
    format: 'sanxiang-push/v1',
    agencyCreditCode: creditCode,
    firstSequence: rows[0]!.sequence,
    lastSequence: rows[rows.length - 1]!.sequence,
    records,
  };
  const proof: PushProof = {
    checkpoint: note,
    entries: proofs.map((p, i) => ({
      sequence: proven[i]!.sequence,
      entry: encodeBase64(p.entry),
      inclusion: p.proof.map(encodeBase64),
    })),
  };
  return { batch, proof };
}

export interface RunningSender {
  nudge(): void;
  stop(): Promise<void>;
  status(): SenderStatus[];
}

/** The sender's loop in `serve`: woken after commits and cosignatures, and every `tick`. */
export function startSender(
  deps: SenderDeps,
  options: SenderOptions & { readonly tick?: number } = {},
): RunningSender {
  const sender = new Sender(deps, options);
  const timer = options.timer ?? processTimer;
  const tick = options.tick ?? 3000;
  const stopping = new AbortController();
  let wake: AbortController | null = null;
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let progress = false;
      try {
        progress = await sender.run();
      } catch (err) {
        options.onError?.(err, { agencyId: '' });
      }
      if (progress) continue;
      const controller = new AbortController();
      wake = controller;
      await timer.sleep(tick, AbortSignal.any([stopping.signal, controller.signal]));
      wake = null;
    }
  })();
  return {
    nudge: () => wake?.abort(),
    stop: async () => {
      stopping.abort();
      await loop;
    },
    status: () => sender.status(),
  };
}
