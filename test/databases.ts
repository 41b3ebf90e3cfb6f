import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { testDatabasePrefix } from './database-names.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteArchive: string;
    postgresTemplate?: string;
  }
}

/**
 * The databases every store and service test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL
 * is set (CI sets it). Each call gives a fresh, migrated database of that kind.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export const databaseKinds: DatabaseKind[] = inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];

export async function freshDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const archive = new Blob([fs.readFileSync(inject('pgliteArchive'))]);
    return openPGlite({ loadDataDir: archive });
  }
  return openPostgres(await freshPostgresUrl(), 10);
}

/**
 * A fresh, migrated PostgreSQL database on the test server (a copy of the run's template, named so that the
 * run's teardown drops it), as a connection URL: for the server processes a test starts.
 */
export async function freshPostgresUrl(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${testDatabasePrefix(template)}${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
