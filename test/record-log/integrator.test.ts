import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor, type CommandDeps } from '../../src/platform/audit/command.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { integrate, type IntegrateDeps } from '../../src/platform/record-log/integrator.ts';
import { startIntegrator } from '../../src/platform/record-log/integrator-loop.ts';
import { latestCheckpoint } from '../../src/platform/record-log/log.store.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';

describe.each(databaseKinds)('the integrator on %s', (kind) => {
  let database: Database;
  let deps: IntegrateDeps;
  const clock = new TestClock();

  const ping = (command: CommandDeps, i: number) =>
    runCommand(command, systemActor, (ctx) =>
      ctx.record({ kind: 'test.ping', agencyId: null, subjectType: 'test', subjectId: null, record: { i } }),
    );

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const keys = generateNoteKeys('integrator.test/log');
    deps = {
      db: database.db,
      clock,
      signers: [parseSignerKey(keys.signerKey)],
      origin: 'integrator.test/log',
    };
  });
  afterAll(() => database.close());

  it('signs the empty tree first, then integrates in batches of at most maxBatch, densely', async () => {
    expect(await integrate(deps)).toMatchObject({ size: 0, added: 0 });
    expect((await latestCheckpoint(database.db))?.note).toMatch(/^integrator\.test\/log\n0\n/);
    expect(await integrate(deps)).toMatchObject({ size: 0, added: 0, checkpoint: null });
    for (let i = 0; i < 20; i++) await ping({ db: database.db, clock }, i);
    const sizes: number[] = [];
    for (let run = await integrate(deps, 7); run.added > 0; run = await integrate(deps, 7))
      sizes.push(run.size);
    expect(sizes).toEqual([7, 14, 20]);
  });

  it('runs in the background: woken by commits, at most one checkpoint per interval, stopped promptly', async () => {
    const signedAt: number[] = [];
    const errors: unknown[] = [];
    const loop = startIntegrator(deps, {
      tick: 20,
      checkpointInterval: 300,
      onIntegrated: () => signedAt.push(performance.now()),
      onError: (err) => errors.push(err),
    });
    const command = { db: database.db, clock, afterCommit: () => loop.nudge() };
    const started = performance.now();
    for (let round = 0; round < 4; round++) {
      await Promise.all(Array.from({ length: 16 }, (_, i) => ping(command, round * 16 + i)));
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    const total = 20 + 64;
    while ((await latestCheckpoint(database.db))!.size < total && performance.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stopping = performance.now();
    await loop.stop();
    expect(performance.now() - stopping).toBeLessThan(1000);
    expect(errors).toEqual([]);
    expect((await latestCheckpoint(database.db))!.size).toBe(total);
    for (let i = 1; i < signedAt.length; i++)
      expect(signedAt[i]! - signedAt[i - 1]!).toBeGreaterThanOrEqual(290);
    expect(signedAt.length).toBeGreaterThanOrEqual(2);
  });
});
