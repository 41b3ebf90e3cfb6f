import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPGlite, openPostgres } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { testDatabasePrefix } from './database-names.ts';

/**
 * Migrates once per test run: a PGlite data directory archive that each test file loads (much faster than
 * a fresh instance), and, when TEST_DATABASE_URL is set, a PostgreSQL template database that each test
 * file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-test-'));
  const archive = path.join(dir, 'migrated.tar.gz');
  const embedded = await openPGlite();
  await migrateToLatest(embedded.db);
  const dump = await embedded.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(archive, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  provide('pgliteArchive', archive);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | undefined;
  if (url) {
    template = `sanxiang_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${template}`;
    const database = openPostgres(target.toString(), 2);
    await migrateToLatest(database.db);
    await database.close();
    provide('postgresTemplate', template);
  }

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Only this run's databases: other test runs on the same server (another checkout, CI) keep theirs.
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where starts_with(datname, $1) or datname = $2`,
        [testDatabasePrefix(template), template],
      );
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    }
  };
}
