import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { agencyScopeGuardFromEnv } from './agency-scope.guard.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { preparingPool } from './pg-prepared.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, for dumps and clones (PGlite only). */
  pglite?: PGlite;
  close(): Promise<void>;
}

for (const [oid, parse] of Object.entries(typeParsers)) pg.types.setTypeParser(Number(oid), parse);

/** The agency-scope guard when `SANXIANG_SCOPE_GUARD` asks for it (every test run does). */
const guardPlugins = () => {
  const guard = agencyScopeGuardFromEnv();
  return guard ? [guard] : [];
};

/** Opens PGlite on an existing data directory or archive (no lock: the caller owns the directory). */
export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: typeParsers,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins: guardPlugins() });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

export function openPostgres(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    plugins: guardPlugins(),
  });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** The configured database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR (locked). */
export async function openDatabase(config: Config, purpose: string): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const lock: DataDirLock = lockDataDir(config.dataDir, purpose);
  try {
    const database = await openPGlite({ dataDir: path.join(config.dataDir, 'pgdata') });
    return {
      ...database,
      close: async () => {
        await database.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
