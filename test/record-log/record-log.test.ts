import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../src/platform/record-log/bytes.ts';
import { openCheckpoint } from '../../src/platform/record-log/checkpoint.ts';
import { parseEntry } from '../../src/platform/record-log/entry.ts';
import { integrate } from '../../src/platform/record-log/integrator.ts';
import {
  leafHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../../src/platform/record-log/merkle.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { startLogHarness, type LogHarness } from './log-harness.ts';
import { consistencyOk, inclusionOk, leafHashOf, readWholeLog, type Fetch } from './tlog-client.ts';

const b64 = (text: string): Uint8Array => {
  const bytes = decodeBase64(text);
  if (!bytes) throw new Error(`not base64: ${text}`);
  return bytes;
};

describe.each(databaseKinds)('record log on %s', (kind) => {
  let h: LogHarness;
  let admin: Client;
  let people: { id: string; name: string }[];

  beforeAll(async () => {
    h = await startLogHarness(kind);
    admin = await signIn(h, 'admin');
    people = (await admin.get('/api/v1/people?pageSize=100')).json<{
      items: { id: string; name: string }[];
    }>().items;
  });
  afterAll(() => h.close());

  const count = async (table: 'audit_events' | 'log_entries') =>
    Number(
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const fetch: Fetch = async (path) => {
    const res = await h.app.inject({ method: 'GET', url: path });
    return { status: res.statusCode, body: res.rawPayload, contentType: String(res.headers['content-type']) };
  };

  it('stages every recorded event as an entry in the same transaction, with no personal data in it', async () => {
    expect(await count('log_entries')).toBe(await count('audit_events'));
    const before = await count('log_entries');
    const person = people[0]!;
    const res = await admin.send('PATCH', `/api/v1/people/${person.id}`, { post: '法制员' });
    expect(res.statusCode).toBe(200);
    const rows = await h.database.db
      .withoutPlugins()
      .selectFrom('log_entries')
      .innerJoin('audit_events', 'audit_events.id', 'log_entries.event_id')
      .select(['log_entries.entry', 'audit_events.ip', 'audit_events.record', 'audit_events.kind'])
      .orderBy('log_entries.seq', 'desc')
      .limit(1)
      .execute();
    const entry = new TextDecoder().decode(rows[0]!.entry);
    expect(parseEntry(rows[0]!.entry)).toMatchObject({
      kind: 'org.person_updated',
      subject: { type: 'person', id: person.id },
    });
    expect(rows[0]!.record).toContain(person.name); // the private row keeps the record …
    expect(entry).not.toContain(person.name); // … the public entry does not
    expect(entry).not.toContain('法制员');
    if (rows[0]!.ip) expect(entry).not.toContain(rows[0]!.ip);
    // A command that fails writes neither an audit row nor an entry.
    const bad = await admin.send('PATCH', `/api/v1/people/${person.id}`, {
      unitId: '00000000-0000-7000-8000-000000000000',
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(await count('log_entries')).toBe(before + 1);
  });

  it('integrates 32 concurrent writers, batch after batch, into a dense log whose checkpoints and proofs verify', async () => {
    for (let batch = 0; batch < 4; batch++) {
      const writes = Array.from({ length: 32 }, (_, i) =>
        admin.send('PATCH', `/api/v1/people/${people[i % people.length]!.id}`, { post: `岗位${batch}-${i}` }),
      );
      // Integrations race the writers: each takes whatever has committed by then.
      const integrations = Array.from({ length: 3 }, () => integrate(h.integrateDeps));
      const results = await Promise.all(writes);
      for (const r of results) expect(r.statusCode).toBe(200);
      await Promise.all(integrations);
    }
    const size = await h.integrate();

    const indexed = await h.database.db
      .withoutPlugins()
      .selectFrom('log_entries')
      .select(['log_index', 'entry'])
      .orderBy('log_index')
      .execute();
    expect(indexed.map((r) => Number(r.log_index))).toEqual(Array.from({ length: size }, (_, i) => i));
    expect(size).toBe(await count('audit_events'));

    const leaves = indexed.map((r) => leafHash(new Uint8Array(r.entry)));
    const note = (await fetch('/log/checkpoint')).body.toString('utf8');
    const { checkpoint } = openCheckpoint(note, [h.verifier], h.origin);
    expect(checkpoint.size).toBe(size);
    expect(Buffer.from(checkpoint.root)).toEqual(Buffer.from(rootFromLeafHashes(leaves)));

    const stored = await h.database.db
      .withoutPlugins()
      .selectFrom('log_checkpoints')
      .select(['size', 'root', 'note'])
      .orderBy('size')
      .execute();
    expect(stored.length).toBeGreaterThan(4);
    for (const c of stored) {
      expect(Buffer.from(c.root)).toEqual(Buffer.from(rootFromLeafHashes(leaves.slice(0, Number(c.size)))));
      expect(openCheckpoint(c.note, [h.verifier], h.origin).checkpoint.size).toBe(Number(c.size));
    }

    for (const [index, n] of [
      [0, size],
      [size - 1, size],
      [Math.floor(size / 2), size],
      [3, Number(stored[1]!.size)],
    ] as const) {
      const res = await fetch(`/log/proof/inclusion?index=${index}&size=${n}`);
      expect(res.status).toBe(200);
      const proof = JSON.parse(res.body.toString()) as {
        leafHash: string;
        proof: string[];
        root: string;
        entry: string;
      };
      const root = rootFromLeafHashes(leaves.slice(0, n));
      expect(Buffer.from(b64(proof.root))).toEqual(Buffer.from(root));
      verifyInclusion(index, n, leaves[index]!, proof.proof.map(b64), root);
      const entryLeaf = leafHashOf(new TextEncoder().encode(proof.entry));
      expect(
        inclusionOk(
          index,
          n,
          entryLeaf,
          proof.proof.map((p) => Buffer.from(b64(p))),
          Buffer.from(root),
        ),
      ).toBe(true);
    }
    for (let i = 1; i < stored.length; i++) {
      const [m, n] = [Number(stored[i - 1]!.size), Number(stored[i]!.size)];
      if (m === 0) continue;
      const res = await fetch(`/log/proof/consistency?from=${m}&to=${n}`);
      const proof = JSON.parse(res.body.toString()) as { proof: string[]; fromRoot: string; toRoot: string };
      const [r1, r2] = [new Uint8Array(stored[i - 1]!.root), new Uint8Array(stored[i]!.root)];
      verifyConsistency(m, n, proof.proof.map(b64), r1, r2);
      expect(
        consistencyOk(
          m,
          n,
          proof.proof.map((p) => Buffer.from(b64(p))),
          Buffer.from(r1),
          Buffer.from(r2),
        ),
      ).toBe(true);
      expect(proof.fromRoot).toBe(Buffer.from(r1).toString('base64'));
    }
  });

  it('is read and checked by a client written from the C2SP specs alone', async () => {
    // More than 256 entries, so there are full tiles, a level-1 tile and partial ones.
    while ((await count('log_entries')) < 600) {
      await Promise.all(
        Array.from({ length: 32 }, (_, i) =>
          admin.send('PATCH', `/api/v1/people/${people[i % people.length]!.id}`, { post: `岗${i}` }),
        ),
      );
    }
    const size = await h.integrate();
    const log = await readWholeLog(fetch, h.verifierKey, h.origin);
    expect(log.size).toBe(size);
    expect(log.entries.map((e) => parseEntry(e).kind)).toContain('org.person_updated');
  });

  it('serves the C2SP resources with their content types and cache headers, and refuses bad requests', async () => {
    const size = await h.integrate();
    const checkpoint = await h.app.inject('/log/checkpoint');
    expect(checkpoint.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(checkpoint.headers['cache-control']).toBe('no-cache');
    const key = await h.app.inject('/log/key');
    expect(key.body).toBe(`${h.verifierKey}\n`);
    const full = await h.app.inject('/log/tile/0/000');
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toContain('immutable');
    expect(full.rawPayload.length).toBe(8192);
    const partial = await h.app.inject(
      `/log/tile/0/${String(Math.floor(size / 256)).padStart(3, '0')}.p/${size % 256}`,
    );
    expect(partial.statusCode).toBe(200);
    expect(partial.headers['cache-control']).not.toContain('immutable');
    const older = await h.app.inject('/log/tile/entries/000.p/3'); // an earlier checkpoint's partial, truncated
    expect(older.statusCode).toBe(200);

    for (const path of [
      '/log/tile/0/1',
      '/log/tile/00/000',
      '/log/tile/0/000.p/0',
      '/log/tile/0/000.p/256',
      '/log/tile/x/000',
      '/log/tile/0/x000/001',
      '/log/tile/0/999',
    ]) {
      const res = await h.app.inject(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const path of [
      `/log/proof/inclusion?index=${size}`,
      `/log/proof/inclusion?index=0&size=${size + 1}`,
      `/log/proof/consistency?from=${size}&to=${size - 1}`,
    ]) {
      const res = await h.app.inject(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.json()).toMatchObject({ code: 'LOG_INDEX_OUT_OF_RANGE' });
      expect(res.headers['cache-control']).toBeUndefined();
    }
    const bad = await h.app.inject('/log/proof/consistency?from=0');
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps audit rows, entries, tiles and checkpoints from being changed or deleted', async () => {
    const db = h.database.db.withoutPlugins();
    await expect(sql`update audit_events set ip = '1.2.3.4'`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`delete from log_checkpoints`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`update log_entries set log_index = log_index + 1`.execute(db)).rejects.toThrow(
      /only gains/,
    );
    await expect(sql`update log_tiles set width = width`.execute(db)).rejects.toThrow(/only grows/);
    await expect(sql`delete from log_entry_bundles`.execute(db)).rejects.toThrow(/only grows/);
  });
});
