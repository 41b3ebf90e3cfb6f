import { argon2Options, hashPassword, verifyPassword } from '../src/platform/auth/passwords.ts';
import { fixed, median, verdict, type Table } from './table.ts';

/** One argon2id hash with the parameters sign-in uses: a security figure, meant to be slow enough. */
export interface Argon2Options {
  runs: number;
}

const GOAL_MS: readonly [number, number] = [50, 150];

interface Timing {
  /** Wall-clock milliseconds. */
  wall: number;
  /** CPU milliseconds of this process, all threads (argon2 runs its lanes on threads). */
  cpu: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[Timing, T]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [{ wall: performance.now() - started, cpu: (used.user + used.system) / 1000 }, value];
}

export async function benchArgon2(options: Argon2Options): Promise<Table> {
  const password = 'Bench-password-2026';
  const [, warm] = await timed(() => hashPassword(password)); // first call loads the native module's pages
  const hashes: Timing[] = [];
  const verifies: Timing[] = [];
  for (let i = 0; i < options.runs; i++) {
    hashes.push((await timed(() => hashPassword(password)))[0]);
    const [took, ok] = await timed(() => verifyPassword(warm, password));
    if (!ok) throw new Error('argon2 verify rejected its own hash');
    verifies.push(took);
  }
  const med = median(hashes.map((t) => t.wall));
  const { memoryCost, timeCost, parallelism } = argon2Options;
  const params = `m=${memoryCost} KiB (${memoryCost / 1024} MiB), t=${timeCost}, p=${parallelism}`;
  const row = (what: string, timings: Timing[]) => {
    const xs = timings.map((t) => t.wall);
    return [
      what,
      params,
      String(xs.length),
      fixed(Math.min(...xs), 1),
      fixed(median(xs), 1),
      fixed(Math.max(...xs), 1),
      fixed(median(timings.map((t) => t.cpu)), 1),
    ];
  };
  return {
    title: '3. argon2id (src/platform/auth/passwords.ts), one call at a time',
    columns: [
      { header: 'operation' },
      { header: 'parameters' },
      { header: 'runs', align: 'right' },
      { header: 'min ms', align: 'right' },
      { header: 'median ms', align: 'right' },
      { header: 'max ms', align: 'right' },
      { header: 'median CPU ms', align: 'right' },
    ],
    rows: [row('hashPassword', hashes), row('verifyPassword', verifies)],
    notes: [
      `goal band ${GOAL_MS[0]}-${GOAL_MS[1]} ms for one hash: median ${fixed(med, 1)} ms ${verdict(med >= GOAL_MS[0] && med <= GOAL_MS[1])}`,
      'CPU ms counts every thread of this process: above the wall time when the lanes ran in parallel',
    ],
  };
}
