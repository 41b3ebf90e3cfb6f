import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPGlite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { backendCpu, type CpuSnapshot } from './pg-cpu.ts';
import { generateNoteKeys, parseSignerKey, type NoteSigner } from '../src/platform/record-log/note.ts';

/**
 * Fresh, migrated databases for the record-log benches, removed afterwards whatever happens: PGlite in a
 * temporary directory, or a database `sanxiang_bench_log_<pid>` created (and dropped with force) through
 * an admin connection to the local server. Plus a throwaway signing key for the log.
 */

export const BENCH_ORIGIN = 'bench.sanxiang.invalid/log';

export interface BenchKey {
  signerKey: string;
  verifierKey: string;
  signers: NoteSigner[];
  origin: string;
}

export function benchKey(): BenchKey {
  const keys = generateNoteKeys(BENCH_ORIGIN);
  return { ...keys, signers: [parseSignerKey(keys.signerKey)], origin: BENCH_ORIGIN };
}

export interface BenchDatabase {
  database: Database;
  /** The connection string of the bench database (PostgreSQL only). */
  url?: string;
  /** CPU time of the database's server processes (PostgreSQL only, see pg-cpu.ts). */
  dbCpu?: () => Promise<CpuSnapshot>;
}

export async function withPGlite<T>(fn: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-log-'));
  try {
    const database = await openPGlite({ dataDir: dir });
    try {
      await migrateToLatest(database.db);
      return await fn({ database });
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const redact = (url: string): string => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

/**
 * A fresh migrated PostgreSQL database, dropped afterwards; the reason instead when the server is out of
 * reach. `poolSize`: the bench's own pool (the server's default is 10).
 */
export async function withPostgres<T>(
  adminUrl: string,
  poolSize: number,
  fn: (db: BenchDatabase) => Promise<T>,
): Promise<T | string> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL unreachable at ${redact(adminUrl)} (${err instanceof Error ? err.message : String(err)}): PostgreSQL rows skipped`;
  }
  const name = `sanxiang_bench_log_${process.pid}`;
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = openPostgres(url.toString(), poolSize);
    try {
      await migrateToLatest(database.db);
      return await fn({ database, url: url.toString(), dbCpu: () => backendCpu(admin, name) });
    } finally {
      await database.close();
      // pg's Pool.end resolves before its connections are gone: wait for them, or the forced drop below
      // kills them while they still listen, and their error event would crash the bench.
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if ((rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}
