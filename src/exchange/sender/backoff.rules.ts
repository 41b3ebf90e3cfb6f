/**
 * How long to wait before trying again (docs/county-push.md "The sender"): exponential from 1 s, doubling
 * after each failure, capped at 5 minutes, with "full jitter" over the upper half (each wait is between half
 * and all of the step), so many agencies coming back after a platform outage do not arrive in step.
 * Pure: the caller gives the random number in [0, 1).
 */
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 5 * 60 * 1000;
/** After a record is refused the sender stops at it and retries it this often (the cause is usually fixed on the platform). */
export const REFUSED_RETRY_MS = 5 * 60 * 1000;

/** The step (without jitter) after `failures` consecutive failures (1 for the first). */
export function backoffStep(failures: number): number {
  if (failures < 1) return 0;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 30));
}

/** The jittered wait after `failures` consecutive failures: in [step / 2, step). */
export function retryDelay(failures: number, random: number): number {
  const step = backoffStep(failures);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.floor(step / 2 + (step / 2) * r);
}
