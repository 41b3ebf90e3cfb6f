import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWitnessedLog } from '../../src/county/witness/witness.service.ts';
import { isRole, type Role } from '../../src/platform/auth/roles.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { parseCheckpoint } from '../../src/platform/record-log/checkpoint.ts';
import { consistencyProofFor } from '../../src/platform/record-log/log.service.ts';
import { parseVerifierKey } from '../../src/platform/record-log/note.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { testStagingKey } from '../test-env.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * The witness over HTTP on the project's own record log: the demo's log integrated with a throwaway key,
 * witnessed from old size 0, then again from that size with a consistency proof made by the log's own
 * proof code (GET /log/proof/consistency's), each cosignature checked with node:crypto against /witness/key.
 */
const post = (h: DocumentsHarness, payload: string) =>
  h.app.inject({
    method: 'POST',
    url: '/witness/add-checkpoint',
    headers: { 'content-type': 'text/plain' },
    payload,
  });
const body = (old: number, proof: readonly string[], checkpoint: string) =>
  `old ${old}\n${proof.map((p) => `${p}\n`).join('')}\n${checkpoint}`;

async function admin(h: DocumentsHarness): Promise<Principal> {
  const db = h.database.db.withoutPlugins(); // the test's own lookup of the demo's instance administrator
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
    .where('accounts.username', '=', 'jiandu')
    .executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants').select('role').where('person_id', '=', row.id).execute();
  return {
    accountId: row.account_id,
    personId: row.id,
    agencyId: row.agency_id,
    username: 'jiandu',
    name: row.name,
    roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}

/** Verifies a cosignature/v1 line independently: key ID, time, Ed25519 over the signed message. */
function checkCosignature(line: string, vkey: string, checkpointNote: string) {
  const [name, idHex, ...rest] = vkey.trim().split('+');
  const typed = Buffer.from(rest.join('+'), 'base64');
  expect(typed[0]).toBe(0x04);
  const match = /^\u2014 (\S+) (\S+)\n$/.exec(line);
  expect(match?.[1]).toBe(name);
  const raw = Buffer.from(match![2]!, 'base64');
  expect(raw.subarray(0, 4).toString('hex')).toBe(idHex);
  const time = raw.readBigUInt64BE(4);
  expect(time).toBeGreaterThan(0n);
  const text = checkpointNote.slice(0, checkpointNote.indexOf('\n\n') + 1);
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), typed.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  const message = Buffer.from(`cosignature/v1\ntime ${time}\n${text}`);
  expect(verify(null, message, publicKey, raw.subarray(12))).toBe(true);
}

describe.each(databaseKinds)('the witness over HTTP on %s', (kind) => {
  let h: DocumentsHarness;

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves its key, and witnesses the demo log twice: from 0, then with a real consistency proof', async () => {
    const key = await h.app.inject({ method: 'GET', url: '/witness/key' });
    expect(key.statusCode).toBe(200);
    expect(key.body).toMatch(/^sanxiang\.invalid\/witness\/[0-9a-f]{8}\+[0-9a-f]{8}\+\S+\n$/);
    // The same key on the next call (it was made once, in DATA_DIR).
    expect((await h.app.inject({ method: 'GET', url: '/witness/key' })).body).toBe(key.body);

    const size1 = await h.integrate();
    expect(size1).toBeGreaterThan(0);
    const unknown = await post(h, body(0, [], (await h.app.inject({ url: '/log/checkpoint' })).body));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);

    await registerWitnessedLog(h.deps, await admin(h), { origin: DOCS_ORIGIN, verifierKey: h.verifierKey });
    const note1 = (await h.app.inject({ url: '/log/checkpoint' })).body;
    const first = await post(h, body(0, [], note1));
    expect(first.statusCode, first.body).toBe(200);
    checkCosignature(first.body, key.body, note1);

    // The registration above is itself a recorded command: the log grows.
    const size2 = await h.integrate();
    expect(size2).toBeGreaterThan(size1);
    const note2 = (await h.app.inject({ url: '/log/checkpoint' })).body;
    expect(parseCheckpoint(note2.slice(0, note2.indexOf('\n\n') + 1)).size).toBe(size2);

    // Still old size 0: 409, the size held as text/x.tlog.size.
    const stale = await post(h, body(0, [], note2));
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^text\/x\.tlog\.size/);
    expect(stale.body).toBe(`${size1}\n`);

    const { proof } = await consistencyProofFor(h.database.db, size1, size2);
    const zero = Buffer.alloc(32).toString('base64');
    const wrong = await post(h, body(size1, [zero, ...proof.slice(1)], note2));
    expect(wrong.statusCode).toBe(422);
    const second = await post(h, body(size1, proof, note2));
    expect(second.statusCode, second.body).toBe(200);
    checkCosignature(second.body, key.body, note2);
    const held = await h.database.db
      .withoutPlugins()
      .selectFrom('witness_checkpoints')
      .select(['size', 'note'])
      .orderBy('size')
      .execute();
    expect(held).toEqual([
      { size: size1, note: note1 },
      { size: size2, note: note2 },
    ]);
    // The witness's rows are compared with their records by `sanxiang verify` (subject-tables.ts).
    await h.integrate();
    const report = await verifyRecordLog(h.database.db, {
      verifiers: [parseVerifierKey(h.verifierKey)],
      origin: DOCS_ORIGIN,
      staging: testStagingKey,
    });
    expect(report.problems).toEqual([]);
    expect(report.subjects).toBeGreaterThan(0);
  });

  it('answers 400 for a bad body and 403 for a checkpoint not signed by the log key', async () => {
    expect((await post(h, 'old 0\n')).statusCode).toBe(400);
    expect((await post(h, 'hello')).statusCode).toBe(400);
    const note = (await h.app.inject({ url: '/log/checkpoint' })).body;
    const forged = note.replace(/\n\n\u2014 (\S+) (\S{10})/, '\n\n\u2014 $1 AAAAAAAAAA');
    const refused = await post(h, body(0, [], forged));
    expect(refused.statusCode).toBe(403);
    // Without a content type too: the body is read as text whatever it is called.
    const bare = await h.app.inject({
      method: 'POST',
      url: '/witness/add-checkpoint',
      payload: Buffer.from('old 0\n'),
    });
    expect(bare.statusCode).toBe(400);
  });
});
