import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../src/county/witness/cosigner-key.ts';
import { CheckpointSubmitter } from '../../src/exchange/witnessing/checkpoint-submitter.ts';
import { consistencyProofFor } from '../../src/platform/record-log/log.service.ts';
import { latestCheckpoint } from '../../src/platform/record-log/log.store.ts';
import { parseVerifierKey } from '../../src/platform/record-log/note.ts';
import { verifyWitnessCosignature } from '../../src/platform/record-log/verify-cosignature.ts';
import { databaseKinds } from '../databases.ts';
import { DOCS_ORIGIN } from '../documents/documents-harness.ts';
import { someCommand, startTwoInstances, type TwoInstances } from './two-instances.ts';

/**
 * Issue 14 item 3, the agency's side: the bureau's instance submits its checkpoints to the county
 * platform's witness over HTTP (both real servers on ports of their own), keeps the verified cosignature,
 * serves it on /log/checkpoint, and `sanxiang verify --witness-key` checks it.
 */

/** An independent check of a cosignature/v1 line (tlog-cosignature) with node:crypto. */
function checkCosignature(line: string, vkey: string, checkpointNote: string) {
  const [name, idHex, ...rest] = vkey.trim().split('+');
  const typed = Buffer.from(rest.join('+'), 'base64');
  const match = /^\u2014 (\S+) (\S+)$/.exec(line);
  expect(match?.[1]).toBe(name);
  const raw = Buffer.from(match![2]!, 'base64');
  expect(raw.subarray(0, 4).toString('hex')).toBe(idHex);
  const time = raw.readBigUInt64BE(4);
  const text = checkpointNote.slice(0, checkpointNote.indexOf('\n\n') + 1);
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), typed.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  expect(
    verify(null, Buffer.from(`cosignature/v1\ntime ${time}\n${text}`), publicKey, raw.subarray(12)),
  ).toBe(true);
}

const signatureLines = (note: string) => note.slice(note.indexOf('\n\n') + 2, -1).split('\n');

describe.each(databaseKinds)("the bureau's checkpoints witnessed by the county over HTTP, on %s", (kind) => {
  let t: TwoInstances;
  const verifyOptions = () => ({
    witnessKey: t.witnessKey,
    verifiers: [parseVerifierKey(t.agency.verifierKey)],
    origin: DOCS_ORIGIN,
  });
  const cosignatureRows = () =>
    t.agency.database.db
      .withoutPlugins()
      .selectFrom('log_cosignatures')
      .selectAll()
      .orderBy('size')
      .execute();

  beforeAll(async () => {
    t = await startTwoInstances(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('submits the new checkpoint, keeps the verified cosignature and serves it on /log/checkpoint', async () => {
    const size = await t.agency.integrate();
    const submitter = new CheckpointSubmitter({ db: t.agency.database.db, clock: t.agency.clock });
    await submitter.run();
    expect(submitter.status()).toMatchObject([{ state: 'cosigned', cosignedSize: size, lastError: null }]);
    const rows = await cosignatureRows();
    expect(rows.map((r) => Number(r.size))).toEqual([size]);
    // Storing it recorded nothing: the log has no new entry to integrate.
    expect(await t.agency.integrate()).toBe(size);

    const served = await (await fetch(`${t.agencyUrl}/log/checkpoint`)).text();
    const stored = (await latestCheckpoint(t.agency.database.db))!.note;
    expect(served.startsWith(stored)).toBe(true);
    const lines = signatureLines(served);
    expect(lines).toHaveLength(2); // the log's signature, then the witness's
    checkCosignature(lines[1]!, t.witnessKey, served);
    expect(await (await fetch(`${t.agencyUrl}/log/checkpoint?cosigned=1`)).text()).toBe(served);

    // The witness holds exactly this checkpoint.
    const held = await t.county.database.db
      .withoutPlugins()
      .selectFrom('witness_checkpoints')
      .select('size')
      .execute();
    expect(held.map((h) => Number(h.size))).toEqual([size]);
    // A second pass finds it cosigned and sends nothing.
    await submitter.run();
    expect(await cosignatureRows()).toHaveLength(1);
  });

  it('sanxiang verify --witness-key passes with the witness key, and fails with another', async () => {
    const check = await verifyWitnessCosignature(t.agency.database.db, verifyOptions());
    expect(check).toMatchObject({ ok: true, size: Number((await cosignatureRows())[0]!.size) });
    const other = parseCosignerKey(generateCosignerKey(t.witnessKey.split('+')[0]!)).verifierKey;
    const failed = await verifyWitnessCosignature(t.agency.database.db, {
      ...verifyOptions(),
      witnessKey: other,
    });
    expect(failed.ok).toBe(false);
    expect(failed.ok ? '' : failed.problem).toMatch(/联署无效/);
    const unknown = parseCosignerKey(generateCosignerKey('elsewhere.example/witness')).verifierKey;
    const none = await verifyWitnessCosignature(t.agency.database.db, {
      ...verifyOptions(),
      witnessKey: unknown,
    });
    expect(none.ok ? '' : none.problem).toMatch(/没有见证方/);
  });

  it('serves a newer checkpoint at once without a cosignature, and the cosigned one with ?cosigned=1', async () => {
    const cosigned = await (await fetch(`${t.agencyUrl}/log/checkpoint?cosigned=1`)).text();
    await someCommand(t.agency, 'newer');
    const size = await t.agency.integrate();
    const latest = await (await fetch(`${t.agencyUrl}/log/checkpoint`)).text();
    expect(latest).toBe((await latestCheckpoint(t.agency.database.db))!.note);
    expect(signatureLines(latest)).toHaveLength(1);
    expect(latest).toContain(`\n${size}\n`);
    expect(await (await fetch(`${t.agencyUrl}/log/checkpoint?cosigned=1`)).text()).toBe(cosigned);
    // The tree grew consistently from the cosigned checkpoint: verify still passes.
    expect((await verifyWitnessCosignature(t.agency.database.db, verifyOptions())).ok).toBe(true);
  });

  it('learns the size the witness holds from a 409 and sends again from it', async () => {
    // The witness cosigned a checkpoint whose answer never reached the agency (sent here by hand).
    const cosignedSize = Number((await cosignatureRows())[0]!.size);
    const lost = (await latestCheckpoint(t.agency.database.db))!;
    const { proof } = await consistencyProofFor(t.agency.database.db, Number(cosignedSize), lost.size);
    const body = `old ${cosignedSize}\n${proof.map((p) => `${p}\n`).join('')}\n${lost.note}`;
    expect((await fetch(`${t.countyUrl}/witness/add-checkpoint`, { method: 'POST', body })).status).toBe(200);

    await someCommand(t.agency, 'later');
    const size = await t.agency.integrate();
    const submitter = new CheckpointSubmitter({ db: t.agency.database.db, clock: t.agency.clock });
    await submitter.run();
    expect(submitter.status()).toMatchObject([{ state: 'cosigned', cosignedSize: size, heldSize: size }]);
    expect((await cosignatureRows()).map((r) => Number(r.size))).toEqual([Number(cosignedSize), size]);
    const held = await t.county.database.db
      .withoutPlugins()
      .selectFrom('witness_checkpoints')
      .select('size')
      .orderBy('size')
      .execute();
    expect(held.map((h) => Number(h.size))).toEqual([Number(cosignedSize), lost.size, size]);
    expect(await verifyWitnessCosignature(t.agency.database.db, verifyOptions())).toMatchObject({
      ok: true,
      size,
    });
  });

  it('keeps a failure in its status and stores nothing when the witness cannot be reached', async () => {
    await someCommand(t.agency, 'unreachable');
    await t.agency.integrate();
    const before = await cosignatureRows();
    await t.county.app.close();
    const submitter = new CheckpointSubmitter({ db: t.agency.database.db, clock: t.agency.clock });
    await submitter.run();
    expect(submitter.status()).toMatchObject([{ state: 'retrying' }]);
    expect(submitter.status()[0]!.lastError).toMatch(/无法连接/);
    expect(await cosignatureRows()).toEqual(before);
  });
});
