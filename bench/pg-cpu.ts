import fs from 'node:fs/promises';
import type pg from 'pg';

/**
 * CPU time of the PostgreSQL server processes serving one database, read from Linux's /proc, so a row can
 * show the database's share of each request beside the app's. Elsewhere (no /proc) it reports nothing.
 */
export type CpuSnapshot = Map<number, number>;

/** /proc reports in USER_HZ ticks, 100 per second on Linux. */
const MICROS_PER_TICK = 10_000;

async function processCpuMicros(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is the 3rd field, utime the 14th, stime the 15th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * MICROS_PER_TICK : undefined;
  } catch {
    return undefined; // gone, or not Linux
  }
}

export async function backendCpu(admin: pg.Client, database: string): Promise<CpuSnapshot> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  const snapshot: CpuSnapshot = new Map();
  for (const { pid } of rows) {
    const micros = await processCpuMicros(pid);
    if (micros !== undefined) snapshot.set(pid, micros);
  }
  return snapshot;
}

/** CPU spent between two snapshots; a backend that started in between counts from zero. */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): number | undefined {
  if (after.size === 0) return undefined;
  let total = 0;
  for (const [pid, micros] of after) total += micros - (before.get(pid) ?? 0);
  return total;
}
