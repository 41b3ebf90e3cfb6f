import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../src/county/witness/cosigner-key.ts';
import { addCheckpoint, registerWitnessedLog } from '../../src/county/witness/witness.service.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { AppError } from '../../src/platform/errors.ts';
import { signCheckpoint } from '../../src/platform/record-log/checkpoint.ts';
import { leafHash } from '../../src/platform/record-log/merkle.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { consistencyProof, memoryHashReader, treeRoot } from '../../src/platform/record-log/proofs.ts';
import { databaseKinds, freshDatabase } from '../databases.ts';
import { TestClock } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';
import { demoPrincipal } from '../demo-principal.ts';

const ORIGIN = 'agency.example.gov.cn/log';
const logKeys = generateNoteKeys(ORIGIN);
const signer = parseSignerKey(logKeys.signerKey);
const witnessKey = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A log in memory: its leaves, signed checkpoints and RFC 6962 proofs by the project's proof code. */
function memoryLog(prefix: string) {
  const leaves = Array.from({ length: 16 }, (_, i) => leafHash(new TextEncoder().encode(`${prefix} ${i}`)));
  const reader = memoryHashReader(leaves);
  return {
    checkpoint: async (size: number) =>
      signCheckpoint({ origin: ORIGIN, size, root: await treeRoot(size, reader), extensions: [] }, [signer]),
    proof: async (from: number, to: number) => (await consistencyProof(from, to, reader)).map(b64),
  };
}
const body = (old: number, proof: readonly string[], checkpoint: string) =>
  `old ${old}\n${proof.map((p) => `${p}\n`).join('')}\n${checkpoint}`;

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    if (err instanceof Error && 'code' in err) return String(err.code);
    throw err;
  }
};

describe.each(databaseKinds)('the witness on %s', (kind) => {
  let database: Database;
  const clock = new TestClock();
  const deps = () => ({ db: database.db, clock, staging: testStagingKey });
  const log = memoryLog('entry');
  const checkpoints = () =>
    database.db
      .withoutPlugins()
      .selectFrom('witness_checkpoints')
      .select(['size', 'note'])
      .orderBy('size')
      .execute();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await loadDemo({ db: database.db, clock, staging: testStagingKey });
  });
  afterAll(async () => {
    await database.close();
  });

  it('registers a log by the instance administrator only, once, and refuses an unknown origin', async () => {
    expect(await codeOf(addCheckpoint(deps(), witnessKey, body(0, [], await log.checkpoint(4))))).toBe(
      'WITNESS_UNKNOWN_LOG',
    );
    const officer = await demoPrincipal(database.db, 'penghui');
    expect(
      await codeOf(
        registerWitnessedLog(deps(), officer, { origin: ORIGIN, verifierKey: logKeys.verifierKey }),
      ),
    ).toBe('FORBIDDEN');
    const admin = await demoPrincipal(database.db, 'jiandu');
    const row = await registerWitnessedLog(deps(), admin, {
      origin: ORIGIN,
      verifierKey: logKeys.verifierKey,
    });
    expect(row.verifier_keys).toEqual([logKeys.verifierKey]);
    expect(
      await codeOf(registerWitnessedLog(deps(), admin, { origin: ORIGIN, verifierKey: logKeys.verifierKey })),
    ).toBe('DUPLICATE');
    expect(
      await codeOf(
        registerWitnessedLog(deps(), admin, { origin: 'other.example/log', verifierKey: 'nonsense' }),
      ),
    ).toBe('VALIDATION_FAILED');
    const events = await database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'witness.log_registered')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('cosigns from size 0, then lets exactly one of two concurrent calls for the next size advance', async () => {
    const first = await addCheckpoint(deps(), witnessKey, body(0, [], await log.checkpoint(4)));
    expect(first).toMatchObject({ origin: ORIGIN, size: 4 });
    expect(first.cosignature).toMatch(/^\u2014 county\.example\.gov\.cn\/witness \S+\n$/);
    const next = body(4, await log.proof(4, 7), await log.checkpoint(7));
    const results = await Promise.allSettled([
      addCheckpoint(deps(), witnessKey, next),
      addCheckpoint(deps(), witnessKey, next),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused?.reason as AppError).code).toBe('WITNESS_OLD_SIZE_MISMATCH');
    expect((refused?.reason as AppError).extra.size).toBe(7);
    expect((await checkpoints()).map((c) => c.size)).toEqual([4, 7]);
    // Old size 0 again: 409 with the size held.
    const stale = await addCheckpoint(deps(), witnessKey, body(0, [], await log.checkpoint(9))).catch(
      (err: unknown) => err,
    );
    expect(stale).toBeInstanceOf(AppError);
    expect((stale as AppError).extra.size).toBe(7);
  });

  it('refuses a fork and keeps both checkpoints as evidence in an alert', async () => {
    const rewritten = memoryLog('rewritten');
    const held = (await checkpoints()).at(-1)!;
    // Same size, another root.
    const sameSize = await rewritten.checkpoint(7);
    expect(await codeOf(addCheckpoint(deps(), witnessKey, body(7, [], sameSize)))).toBe(
      'WITNESS_INCONSISTENT',
    );
    // A larger tree whose proof from the held one fails (its history was rewritten).
    const larger = await rewritten.checkpoint(10);
    expect(
      await codeOf(addCheckpoint(deps(), witnessKey, body(7, await rewritten.proof(7, 10), larger))),
    ).toBe('WITNESS_INCONSISTENT');
    const alerts = await database.db
      .withoutPlugins()
      .selectFrom('witness_alerts')
      .selectAll()
      .orderBy('raised_at')
      .execute();
    expect(alerts).toHaveLength(2);
    expect(alerts.map((a) => [a.held_checkpoint, a.offered_checkpoint])).toEqual([
      [held.note, sameSize],
      [held.note, larger],
    ]);
    expect(alerts.every((a) => a.origin === ORIGIN && a.reason.length > 0)).toBe(true);
    // Nothing advanced; the honest next checkpoint is still cosigned.
    expect((await checkpoints()).map((c) => c.size)).toEqual([4, 7]);
    const honest = await addCheckpoint(
      deps(),
      witnessKey,
      body(7, await log.proof(7, 10), await log.checkpoint(10)),
    );
    expect(honest.size).toBe(10);
    expect((await checkpoints()).map((c) => c.size)).toEqual([4, 7, 10]);
  });

  it('refuses a checkpoint not signed by the registered key (403) without writing', async () => {
    const other = parseSignerKey(generateNoteKeys(ORIGIN).signerKey);
    const forged = signCheckpoint({ origin: ORIGIN, size: 12, root: new Uint8Array(32), extensions: [] }, [
      other,
    ]);
    expect(await codeOf(addCheckpoint(deps(), witnessKey, body(10, [], forged)))).toBe(
      'WITNESS_UNTRUSTED_SIGNATURE',
    );
    expect((await checkpoints()).map((c) => c.size)).toEqual([4, 7, 10]);
  });
});
