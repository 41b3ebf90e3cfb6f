import type { CommandDeps } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/china-date.ts';
import type { Clock } from '../platform/clock.ts';

const DAY = 86_400_000;

/**
 * The deps with the clock at `hour`:`minute` China time `n` days ago: a command of that day. The demo's
 * dates count back from today, so a fresh demo always reads as recent work.
 */
export function daysAgo<D extends CommandDeps>(deps: D, n: number, hour = 9, minute = 0): D {
  const day = new Date(deps.clock.now().getTime() - n * DAY);
  const date = chinaDate(day);
  const at = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  const clock: Clock = { now: () => at };
  return { ...deps, clock };
}
