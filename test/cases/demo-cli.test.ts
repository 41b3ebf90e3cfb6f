import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleKinds } from '../../src/cases/lifecycles/lifecycle.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifySubjects } from '../../src/platform/record-log/verify-subjects.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Harness } from '../harness.ts';

const run = promisify(execFile);

describe.each(databaseKinds)('the demo cases on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('holds cases of every kind in several states, one penalty case waiting for its decision', async () => {
    const officer = await signIn(h, 'zhangwei');
    const { items } = (await officer.get('/api/v1/cases?pageSize=500')).json<{
      items: { kind: string; state: string; title: string }[];
    }>();
    expect(new Set(items.map((c) => c.kind))).toEqual(new Set(lifecycleKinds));
    expect(new Set(items.map((c) => c.state)).size).toBeGreaterThanOrEqual(8);
    expect(items).toContainEqual(expect.objectContaining({ kind: 'penalty_ordinary', state: 'notified' }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'penalty_summary', state: 'closed' }));
    // The inspection's lead is a case of its own, and an unverified lead is overdue for supervision.
    expect(
      items.filter((c) => c.kind === 'penalty_ordinary' && c.state === 'lead').length,
    ).toBeGreaterThanOrEqual(3);
    const supervisor = await signIn(h, 'jiandu');
    const overdue = (await supervisor.get('/api/v1/cases/deadlines?status=overdue')).json<{
      items: { code: string }[];
    }>();
    expect(overdue.items.map((d) => d.code)).toContain('lead_verification');
  });

  it('leaves every case row as its records say (what `sanxiang verify` checks)', async () => {
    const tables = Object.fromEntries(
      Object.entries(subjectTables).filter(([type]) => type.startsWith('case')),
    );
    expect(Object.keys(tables).sort()).toEqual([
      'case',
      'case_cash_handover',
      'case_deadline',
      'case_event',
      'case_officer',
      'case_party',
      'case_payment',
      'case_payment_plan',
    ]);
    const { problems, checked } = await verifySubjects(h.database.db, tables);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});

describe('sanxiang case list', () => {
  const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-cases-'));
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints one case number per line, filtered by state; refuses an unknown state', async () => {
    await run('node', [bin, 'demo'], { env });
    const all = (await run('node', [bin, 'case', 'list'], { env })).stdout.trim().split('\n');
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.every((n) => /^衡县市监.案〔\d{4}〕\d+号$/.test(n))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    const waiting = (await run('node', [bin, 'case', 'list', '--state', 'notified'], { env })).stdout;
    expect(waiting.trim().split('\n')).toHaveLength(1);
    expect(all).toContain(waiting.trim());
    const unknown = await run('node', [bin, 'case', 'list', '--state', 'nonsense'], { env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(unknown?.code).toBe(1);
    expect(unknown?.stderr).toContain('未知的案件状态');
  }, 120_000);
});
