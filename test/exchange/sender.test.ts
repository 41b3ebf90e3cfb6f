import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPush, signPush } from '../../src/exchange/push-envelope.ts';
import { pushEnvelope } from '../../src/exchange/push.schema.ts';
import { loadPushKey, pushKeyFile } from '../../src/exchange/outbox/push-key.ts';
import { Sender, buildBatch } from '../../src/exchange/sender/sender.ts';
import { selectBatch } from '../../src/exchange/sender/sender.rules.ts';
import {
  assignSequences,
  deliveriesOf,
  receiptsOf,
  sequencedFrom,
} from '../../src/exchange/sender/sender.store.ts';
import { CheckpointSubmitter } from '../../src/exchange/witnessing/checkpoint-submitter.ts';
import { ownAgency } from '../../src/platform/db/agency-scope.ts';
import { decodeBase64 } from '../../src/platform/record-log/bytes.ts';
import { openCheckpoint } from '../../src/platform/record-log/checkpoint.ts';
import { latestCosignature } from '../../src/platform/record-log/cosignatures.store.ts';
import { checkpointOfSize } from '../../src/platform/record-log/log.store.ts';
import { leafHashSteps, runSync, verifyInclusionSteps } from '../../src/platform/record-log/merkle-verify.ts';
import { parseVerifierKey } from '../../src/platform/record-log/note.ts';
import { databaseKinds } from '../databases.ts';
import { DOCS_ORIGIN } from '../documents/documents-harness.ts';
import { testStagingKey } from '../test-env.ts';
import { startTwoInstances, type TwoInstances } from '../county/two-instances.ts';
import { queueAgencyRecords } from './outbox-fixtures.ts';

const sha256Parts = (parts: readonly Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

/**
 * The sender's parts on the database (docs/county-push.md "The sender"): sequences, batches of records
 * provable in the checkpoint the county's witness cosigned (real log entries, inclusion proofs checked with
 * merkle-verify.ts), the signed envelope, and a delivery that fails because the platform is not there.
 */
describe.each(databaseKinds)('the sender, on %s', (kind) => {
  let t: TwoInstances;
  let dataDir: string;
  const scope = () => ownAgency(t.agencyId);

  beforeAll(async () => {
    t = await startTwoInstances(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-push-key-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives committed outbox rows dense sequences in id order, each once', async () => {
    await queueAgencyRecords(t.agency, t.agencyId, 3);
    expect(await assignSequences(t.agency.database.db, scope())).toBe(3);
    await queueAgencyRecords(t.agency, t.agencyId, 2);
    expect(await assignSequences(t.agency.database.db, scope())).toBe(2);
    expect(await assignSequences(t.agency.database.db, scope())).toBe(0);
    const rows = await t.agency.database.db
      .withoutPlugins()
      .selectFrom('push_outbox')
      .select(['id', 'sequence'])
      .where('agency_id', '=', t.agencyId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => Number(r.sequence))).toEqual([1, 2, 3, 4, 5]);
  });

  it('batches records whose entries are in the cosigned checkpoint, each with a proof that verifies', async () => {
    const db = t.agency.database.db;
    // Not integrated yet: nothing is provable.
    const waiting = await sequencedFrom(db, scope(), 1, 500);
    const size = await t.agency.integrate();
    await new CheckpointSubmitter({ db, clock: t.agency.clock }).run();
    const cosigned = (await latestCosignature(db, t.witnessKey.split('+')[0]!))!;
    expect(cosigned.size).toBe(size);
    const rows = selectBatch(await sequencedFrom(db, scope(), 1, 500), 1, cosigned.size);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(waiting.every((r) => r.logIndex === null || r.logIndex < size)).toBe(true);

    const checkpoint = (await checkpointOfSize(db, size))!;
    const { batch, proof } = await buildBatch(db, '11430421MB1B23456G', rows, size, checkpoint.note);
    expect(batch).toMatchObject({ firstSequence: 1, lastSequence: 5 });
    const { checkpoint: signed } = openCheckpoint(
      proof.checkpoint,
      [parseVerifierKey(t.agency.verifierKey)],
      DOCS_ORIGIN,
    );
    expect(signed.size).toBe(size);
    expect(proof.entries.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    for (const [i, e] of proof.entries.entries()) {
      const entry = decodeBase64(e.entry)!;
      const leaf = runSync(leafHashSteps(entry), sha256Parts);
      const index = batch.records[i]!.logIndex;
      runSync(
        verifyInclusionSteps(
          index,
          size,
          leaf,
          e.inclusion.map((h) => decodeBase64(h)!),
          signed.root,
        ),
        sha256Parts,
      );
      // The entry is the agency's own (the platform checks its `agency`).
      expect((JSON.parse(new TextDecoder().decode(entry)) as { agency: string }).agency).toBe(t.agencyId);
    }

    // Signed with the push key: a valid envelope under the push schema, opened with its verifier key.
    const key = loadPushKey({ dataDir }, DOCS_ORIGIN);
    const envelope = pushEnvelope.parse(signPush(batch, proof, key.signers));
    expect(openPush(envelope, key.verifierKeys.map(parseVerifierKey))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records a failed delivery and waits when the platform cannot be reached', async () => {
    await t.county.app.close(); // the county is down
    const sender = new Sender({
      db: t.agency.database.db,
      clock: t.agency.clock,
      staging: testStagingKey,
      pushKey: () => loadPushKey({ dataDir }, DOCS_ORIGIN),
    });
    expect(await sender.run()).toBe(false);
    expect(sender.status()).toMatchObject([{ agencyId: t.agencyId, state: 'retrying' }]);
    const deliveries = await deliveriesOf(t.agency.database.db, scope());
    expect(deliveries).toMatchObject([
      { firstSequence: 1, lastSequence: 5, outcome: 'failed', httpStatus: null },
    ]);
    expect(await receiptsOf(t.agency.database.db, scope())).toEqual([]);
    // Backing off: a second step at once sends nothing.
    await sender.run();
    expect(await deliveriesOf(t.agency.database.db, scope())).toHaveLength(1);
  });
});

describe('the push key', () => {
  it('is made once in DATA_DIR, mode 0600, named after the log origin, and refused when others can read it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-push-key-'));
    try {
      const first = loadPushKey({ dataDir }, 'hyx.example.gov.cn/log');
      expect(first.verifierKeys[0]).toMatch(/^hyx\.example\.gov\.cn\/log\/push\+[0-9a-f]{8}\+/);
      expect(fs.statSync(pushKeyFile({ dataDir })).mode & 0o777).toBe(0o600);
      expect(loadPushKey({ dataDir }, 'other.example/log').verifierKeys).toEqual(first.verifierKeys);
      fs.chmodSync(pushKeyFile({ dataDir }), 0o644);
      expect(() => loadPushKey({ dataDir }, 'hyx.example.gov.cn/log')).toThrow(/权限过宽/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
