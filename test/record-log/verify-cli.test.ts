import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/platform/db/database.ts';
import { sanxiang } from './server-process.ts';

/**
 * Issue 11 item 6: `sanxiang verify` on the demo data passes, and after a role grant inserted with plain
 * SQL (bypassing every command) it fails, naming role_grants and the row.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('sanxiang verify on the command line', () => {
  it('fails naming a role grant written outside any command', { timeout: 240_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-verify-'));
    dirs.push(dataDir);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_ORIGIN: 'verify-cli.test.example/log',
    };
    const demo = await sanxiang(['demo'], env);
    expect(demo.code, demo.stderr).toBe(0);
    const integrated = await sanxiang(['log', 'integrate'], env);
    expect(integrated.code, integrated.stderr).toBe(0);
    const ok = await sanxiang(['verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('校验通过');

    const database = await openPGlite({ dataDir: path.join(dataDir, 'pgdata') });
    const { rows } = await sql<{ id: string }>`
      insert into role_grants (id, agency_id, person_id, role, granted_at)
      select gen_random_uuid(), p.agency_id, p.id, 'auditor', now()
      from people p join accounts a on a.person_id = p.id and a.agency_id = p.agency_id
      where a.username = 'zhangwei'
      returning id`.execute(database.db.withoutPlugins());
    await database.close();
    const forged = rows[0]!.id;

    const bad = await sanxiang(['verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`role_grants ${forged}`);
  });
});
