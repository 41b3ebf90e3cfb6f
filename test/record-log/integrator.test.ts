import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor, type CommandDeps } from '../../src/platform/audit/command.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { integrate, type IntegrateDeps } from '../../src/platform/record-log/integrator.ts';
import { startIntegrator, type LoopTimer } from '../../src/platform/record-log/integrator-loop.ts';
import { latestCheckpoint } from '../../src/platform/record-log/log.store.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

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
      staging: testStagingKey,
    };
  });
  afterAll(() => database.close());

  it('signs the empty tree first, then integrates in batches of at most maxBatch, densely', async () => {
    expect(await integrate(deps)).toMatchObject({ size: 0, added: 0 });
    expect((await latestCheckpoint(database.db))?.note).toMatch(/^integrator\.test\/log\n0\n/);
    expect(await integrate(deps)).toMatchObject({ size: 0, added: 0, checkpoint: null });
    for (let i = 0; i < 20; i++) await ping({ db: database.db, clock, staging: testStagingKey }, i);
    const sizes: number[] = [];
    for (let run = await integrate(deps, 7); run.added > 0; run = await integrate(deps, 7))
      sizes.push(run.size);
    expect(sizes).toEqual([7, 14, 20]);
  });

  it('runs in the background: woken by commits, at most one checkpoint per interval, stopped promptly', async () => {
    const timer = new VirtualTimer();
    const signedAt: number[] = [];
    const errors: unknown[] = [];
    const loop = startIntegrator(deps, {
      tick: 20,
      checkpointInterval: 300,
      timer,
      onIntegrated: () => signedAt.push(timer.now()),
      onError: (err) => errors.push(err),
    });
    const command = { db: database.db, clock, staging: testStagingKey, afterCommit: () => loop.nudge() };
    const size = async () => (await latestCheckpoint(database.db))!.size;
    await timer.asleep(); // nothing pending: it ticks

    // A commit wakes it at once; the checkpoint it signs starts the interval.
    await Promise.all(Array.from({ length: 16 }, (_, i) => ping(command, i)));
    await timer.asleep();
    expect(signedAt).toEqual([0]);
    // Commits within the interval wait for its end: no second checkpoint before it.
    await Promise.all(Array.from({ length: 16 }, (_, i) => ping(command, 16 + i)));
    await timer.asleep();
    expect(signedAt).toEqual([0]);
    timer.advance(299);
    await timer.asleep();
    expect(signedAt).toEqual([0]);
    timer.advance(1);
    await timer.asleep();
    expect(signedAt).toEqual([0, 300]);
    expect(await size()).toBe(20 + 32);

    // Later commits are signed one interval after the last checkpoint, whatever the nudges.
    await Promise.all(Array.from({ length: 32 }, (_, i) => ping(command, 32 + i)));
    for (let t = 0; t < 600 && (await size()) < 20 + 64; t += 20) {
      timer.advance(20);
      await timer.asleep();
    }
    expect(await size()).toBe(20 + 64);
    expect(signedAt).toEqual([0, 300, 600]);

    await loop.stop(); // resolves: it was asleep and is woken by the stop
    expect(errors).toEqual([]);
  });
});

/** Virtual time for the loop: it moves only when the test advances it, and tells when the loop sleeps. */
class VirtualTimer implements LoopTimer {
  private t = 0;
  private sleepers = new Set<{ until: number; wake: () => void }>();
  private waiting: (() => void)[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        until: this.t + ms,
        wake: () => {
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      if (signal.aborted) return sleeper.wake();
      signal.addEventListener('abort', sleeper.wake, { once: true });
      this.sleepers.add(sleeper);
      for (const notify of this.waiting.splice(0)) notify();
    });
  }

  /** Resolves once the loop is asleep: it has nothing to do until time moves or a commit wakes it. */
  asleep(): Promise<void> {
    if (this.sleepers.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  advance(ms: number): void {
    this.t += ms;
    for (const sleeper of [...this.sleepers]) if (sleeper.until <= this.t) sleeper.wake();
  }
}
