import { setTimeout as delay } from 'node:timers/promises';
import { hasPendingEntries } from './log.store.ts';
import { MAX_BATCH, integrate, type IntegrateDeps, type Integration } from './integrator.ts';

/**
 * The integrator of one server process: integrates on a short timer and when a command commits, but signs
 * at most one checkpoint per `checkpointInterval` (issue 3: a new checkpoint at most every second while
 * entries arrive — so an entry waits at most about that long for its signed checkpoint). A full batch
 * (a backlog after downtime) is followed at once by the next.
 */
export interface IntegratorOptions {
  /** How often to look for committed entries when nobody wakes it (ms). */
  readonly tick?: number;
  /** The shortest time between two checkpoints (ms). */
  readonly checkpointInterval?: number;
  /** Errors are reported here and retried after a pause; the loop never dies of one. */
  readonly onError?: (err: unknown) => void;
  readonly onIntegrated?: (run: Integration) => void;
  /** The loop's clock and sleep (the process's own by default; tests drive a virtual one). */
  readonly timer?: LoopTimer;
}

/** Monotonic milliseconds and a sleep that ends early when its signal aborts (it then resolves too). */
export interface LoopTimer {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const processTimer: LoopTimer = {
  now: () => performance.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};

export interface RunningIntegrator {
  /** Wakes the loop (after a commit): the entry is integrated as soon as the interval allows. */
  nudge(): void;
  /** Stops the loop after the run in progress; resolves when it is done. */
  stop(): Promise<void>;
}

const ERROR_PAUSE = 1000;

export function startIntegrator(deps: IntegrateDeps, options: IntegratorOptions = {}): RunningIntegrator {
  const tick = options.tick ?? 150;
  const interval = options.checkpointInterval ?? 1000;
  const timer = options.timer ?? processTimer;
  const stopping = new AbortController();
  let wake: AbortController | null = null;
  let lastRun = -Infinity;

  /** Sleeps `ms`, or less when stopped or, if `wakeable`, nudged. */
  const sleep = async (ms: number, wakeable: boolean): Promise<void> => {
    const controller = new AbortController();
    if (wakeable) wake = controller;
    try {
      await timer.sleep(ms, AbortSignal.any([stopping.signal, controller.signal]));
    } finally {
      if (wake === controller) wake = null;
    }
  };

  const step = async (): Promise<void> => {
    const wait = lastRun + interval - timer.now();
    if (wait > 0) return sleep(wait, false);
    if (lastRun > -Infinity && !(await hasPendingEntries(deps.db))) return sleep(tick, true);
    const run = await integrate(deps);
    // The interval runs from one checkpoint's commit, when readers can see it, to the next.
    const committed = timer.now();
    if (run.checkpoint !== null) {
      lastRun = run.added >= MAX_BATCH ? -Infinity : committed;
      options.onIntegrated?.(run);
    } else if (lastRun === -Infinity) {
      lastRun = committed - interval; // first look done, nothing pending: from now on just tick
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await step();
      } catch (err) {
        options.onError?.(err);
        await sleep(ERROR_PAUSE, false);
      }
    }
  })();

  return {
    nudge: () => wake?.abort(),
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
}
