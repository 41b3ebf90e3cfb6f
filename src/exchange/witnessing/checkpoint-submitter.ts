import {
  parseCosignerVerifierKey,
  withCosignatures,
  type CosignerVerifier,
} from '../../county/witness/cosignature.rules.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { insertCosignature, latestCosignedSize } from '../../platform/record-log/cosignatures.store.ts';
import { processTimer, type LoopTimer } from '../../platform/record-log/integrator-loop.ts';
import { consistencyProofFor } from '../../platform/record-log/log.service.ts';
import { cosignaturesOfSize } from '../../platform/record-log/cosignatures.store.ts';
import { latestCheckpoint } from '../../platform/record-log/log.store.ts';
import { MAX_RETRY_MS, REFUSED_RETRY_MS, retryDelay } from '../sender/backoff.rules.ts';
import { currentUpstreamsUnscoped } from '../sender/sender.store.ts';
import { addCheckpointBody, judgeWitnessAnswer, oldSizeToSend, type HttpAnswer } from './submission.rules.ts';

/**
 * The agency submits each new checkpoint of its record log to its county platform's witness (C2SP
 * tlog-witness "add-checkpoint"; docs/county.md "The agency's side"), checks the cosignature line returned
 * against the witness key pinned at pairing (`upstreams.witness_key`) and keeps it in `log_cosignatures`
 * (no command: cosignatures verify themselves). At most one submission per witness every `interval`; a
 * failure waits with backoff (1 s to 5 min, jittered); a 409 teaches the size the witness holds and the
 * checkpoint is sent again from it at once; a 422 (the witness sees a fork) is logged, kept in the status
 * and retried only every 5 minutes.
 */
export interface SubmitterDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** The HTTP client (global fetch by default). */
  readonly fetch?: typeof fetch;
  /** After a cosignature is stored (the outbox queues a `checkpoint` record then). */
  readonly onCosigned?: (cosigned: CosignedCheckpoint) => Promise<void> | void;
}

export interface CosignedCheckpoint {
  readonly size: number;
  readonly witness: string;
  /** The log's note with the new cosignature line appended (as `/log/checkpoint` serves it). */
  readonly servedNote: string;
}

export interface SubmitterOptions {
  /** The shortest time between two submissions to one witness (ms). */
  readonly interval?: number;
  readonly timeoutMs?: number;
  readonly timer?: LoopTimer;
  readonly random?: () => number;
  /** Errors and refusals are reported here (never personal data: sizes, statuses, problem codes). */
  readonly onError?: (err: unknown, context: { url: string; state: WitnessingState }) => void;
}

export type WitnessingState = 'cosigned' | 'waiting' | 'retrying' | 'inconsistent' | 'refused';

/** What the status shows per witness (docs/county.md): the last cosigned size and what went wrong. */
export interface WitnessingStatus {
  readonly url: string;
  readonly witness: string;
  readonly state: WitnessingState;
  /** The largest size this witness has cosigned for us (stored), or null. */
  readonly cosignedSize: number | null;
  /** The size the witness said it holds, when a 409 told us. */
  readonly heldSize: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: Date | null;
}

interface TargetState {
  failures: number;
  nextAt: number;
  heldSize: number | undefined;
  status: WitnessingStatus;
}

const DEFAULT_INTERVAL = 3000;
const DEFAULT_TIMEOUT = 30_000;
/** A 409 is answered by sending again from the size held; more than this many in one pass is a fault. */
const MAX_RESYNCS = 3;

export class CheckpointSubmitter {
  readonly #deps: SubmitterDeps;
  readonly #options: SubmitterOptions;
  readonly #targets = new Map<string, TargetState>();

  constructor(deps: SubmitterDeps, options: SubmitterOptions = {}) {
    this.#deps = deps;
    this.#options = options;
  }

  get #timer(): LoopTimer {
    return this.#options.timer ?? processTimer;
  }

  status(): WitnessingStatus[] {
    return [...this.#targets.values()].map((t) => t.status);
  }

  /** One pass: the latest checkpoint to every paired witness that has not cosigned it and is due. */
  async run(): Promise<void> {
    const upstreams = await currentUpstreamsUnscoped(this.#deps.db);
    const targets = new Map(upstreams.map((u) => [`${u.url}\n${u.witnessKey}`, u]));
    for (const [id, upstream] of targets) {
      await this.#submit(id, upstream.url, upstream.witnessKey);
    }
  }

  #state(id: string, url: string, witness: string): TargetState {
    let state = this.#targets.get(id);
    if (!state) {
      state = {
        failures: 0,
        nextAt: -Infinity,
        heldSize: undefined,
        status: {
          url,
          witness,
          state: 'waiting',
          cosignedSize: null,
          heldSize: null,
          lastError: null,
          lastAttemptAt: null,
        },
      };
      this.#targets.set(id, state);
    }
    return state;
  }

  #fail(
    state: TargetState,
    kind: 'retrying' | 'inconsistent' | 'refused',
    detail: string,
    wait: number,
  ): void {
    state.failures++;
    state.nextAt = this.#timer.now() + wait;
    state.status = { ...state.status, state: kind, lastError: detail };
    this.#options.onError?.(new Error(detail), { url: state.status.url, state: kind });
  }

  async #submit(id: string, url: string, witnessKey: string): Promise<void> {
    let witness: CosignerVerifier;
    try {
      witness = parseCosignerVerifierKey(witnessKey);
    } catch (err) {
      const state = this.#state(id, url, witnessKey);
      if (state.status.state !== 'refused')
        this.#fail(state, 'refused', (err as Error).message, REFUSED_RETRY_MS);
      return;
    }
    const state = this.#state(id, url, witness.name);
    const { db } = this.#deps;
    const latest = await latestCheckpoint(db);
    if (!latest) return;
    const cosignedSize = (await latestCosignedSize(db, witness.name)) ?? null;
    state.status = { ...state.status, cosignedSize };
    if (cosignedSize === latest.size) {
      state.status = { ...state.status, state: 'cosigned', lastError: null };
      return;
    }
    if (this.#timer.now() < state.nextAt) return;
    for (let resyncs = 0; resyncs <= MAX_RESYNCS; resyncs++) {
      const old = oldSizeToSend(state.heldSize ?? cosignedSize ?? undefined, latest.size);
      const proof =
        old > 0 && old < latest.size ? (await consistencyProofFor(db, old, latest.size)).proof : [];
      state.status = { ...state.status, lastAttemptAt: this.#deps.clock.now() };
      let answer: HttpAnswer;
      try {
        answer = await this.#post(url, addCheckpointBody(old, proof, latest.note));
      } catch (err) {
        this.#fail(state, 'retrying', `见证方无法连接：${(err as Error).message}`, this.#retryWait(state));
        return;
      }
      const judged = judgeWitnessAnswer(answer, latest.note, witness);
      switch (judged.kind) {
        case 'cosigned': {
          await insertCosignature(db, {
            size: latest.size,
            witness: witness.name,
            line: judged.line,
            receivedAt: this.#deps.clock.now(),
          });
          state.failures = 0;
          state.nextAt = this.#timer.now() + (this.#options.interval ?? DEFAULT_INTERVAL);
          state.heldSize = latest.size;
          state.status = {
            ...state.status,
            state: 'cosigned',
            cosignedSize: latest.size,
            heldSize: latest.size,
            lastError: null,
          };
          await this.#deps.onCosigned?.({
            size: latest.size,
            witness: witness.name,
            servedNote: withCosignatures(latest.note, [judged.line]),
          });
          return;
        }
        case 'resync':
          state.heldSize = judged.heldSize;
          state.status = { ...state.status, heldSize: judged.heldSize };
          if (judged.heldSize > latest.size) {
            this.#fail(
              state,
              'inconsistent',
              `见证方持有的树（大小 ${judged.heldSize}）大于本机记录日志（大小 ${latest.size}）`,
              MAX_RETRY_MS,
            );
            return;
          }
          continue;
        case 'inconsistent':
          this.#fail(
            state,
            'inconsistent',
            `见证方认为检查点与其所持不一致（分叉）：${judged.detail}`,
            MAX_RETRY_MS,
          );
          return;
        case 'refused':
          this.#fail(state, 'refused', `见证方拒绝：${judged.detail}`, REFUSED_RETRY_MS);
          return;
        case 'retry':
          this.#fail(state, 'retrying', `见证方暂不可用：${judged.detail}`, this.#retryWait(state));
          return;
      }
    }
    this.#fail(state, 'retrying', '见证方反复返回 409', this.#retryWait(state));
  }

  #retryWait(state: TargetState): number {
    return retryDelay(state.failures + 1, (this.#options.random ?? Math.random)());
  }

  async #post(url: string, body: string): Promise<HttpAnswer> {
    const doFetch = this.#deps.fetch ?? fetch;
    const response = await doFetch(`${url.replace(/\/+$/, '')}/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(this.#options.timeoutMs ?? DEFAULT_TIMEOUT),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }
}

/** Whether a checkpoint of `size` carries a cosignature by `witness` (tests, status). */
export async function isCosigned(db: Db, size: number, witness: string): Promise<boolean> {
  return (await cosignaturesOfSize(db, size)).some((c) => c.witness === witness);
}

export interface RunningSubmitter {
  /** Wakes the loop (after a new checkpoint). */
  nudge(): void;
  stop(): Promise<void>;
  status(): WitnessingStatus[];
}

/** The submitter's loop in `serve`: a pass when nudged (a new checkpoint) and every `interval`. */
export function startCheckpointSubmitter(
  deps: SubmitterDeps,
  options: SubmitterOptions = {},
): RunningSubmitter {
  const submitter = new CheckpointSubmitter(deps, options);
  const timer = options.timer ?? processTimer;
  const interval = options.interval ?? DEFAULT_INTERVAL;
  const stopping = new AbortController();
  let wake: AbortController | null = null;
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const started = timer.now();
      try {
        await submitter.run();
      } catch (err) {
        options.onError?.(err, { url: '', state: 'retrying' });
      }
      // Not more often than every `interval`, even when nudged.
      const rest = started + interval - timer.now();
      if (rest > 0) await timer.sleep(rest, stopping.signal);
      const controller = new AbortController();
      wake = controller;
      await timer.sleep(interval, AbortSignal.any([stopping.signal, controller.signal]));
      wake = null;
    }
  })();
  return {
    nudge: () => wake?.abort(),
    stop: async () => {
      stopping.abort();
      await loop;
    },
    status: () => submitter.status(),
  };
}
