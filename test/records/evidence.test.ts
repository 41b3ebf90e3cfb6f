import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/platform/record-log/entry.ts';
import { blobPath } from '../../src/records/blob-store.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, type Client } from '../harness.ts';
import { filesUnder, startRecordsHarness, verifyProblems, type RecordsHarness } from './records-harness.ts';

interface EvidenceBody {
  id: string;
  size: number;
  sha256: string;
  sm3: string;
  kind: string;
  officerIds: string[];
  marks: string[];
  retention: { permanent: boolean; until: string | null };
  disposal: { reason: string } | null;
}

const hex = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

/** `count` chunks of random bytes as a stream, and the digests of all of them once it has been read. */
function generated(count: number, chunkSize: number) {
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  let made = 0;
  const stream = new Readable({
    read() {
      if (made === count) return void this.push(null);
      const chunk = randomBytes(chunkSize);
      sha256.update(chunk);
      sm3.update(chunk);
      made++;
      this.push(chunk);
    },
  });
  return { stream, digests: () => ({ sha256: sha256.digest('hex'), sm3: sm3.digest('hex') }) };
}

describe.each(databaseKinds)('evidence files over HTTP on %s', (kind) => {
  let h: RecordsHarness;
  let officer: Client; // 张伟: officer and unit head of the bureau
  let colleague: Client; // 黄磊: officer
  let publisher: Client;
  let head: Client;
  let supervisor: Client;
  let otherAgency: Client;
  let recorderId: string;
  let small: Buffer;
  let smallEvidence: EvidenceBody;

  const captured = { capturedFrom: '2026-11-28T09:00:00+08:00', capturedTo: '2026-11-28T09:30:00+08:00' };
  const subject = { subjectType: 'case', subjectId: '衡县市监立〔2026〕88号' };

  const upload = (
    client: Client,
    query: Record<string, string>,
    payload: Buffer | Readable,
    headers: Record<string, string> = {},
  ) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams(query).toString()}`,
      headers: {
        cookie: client.cookie,
        'x-csrf-token': client.csrf,
        'content-type': 'video/mp4',
        ...headers,
      },
      payload,
    });
  const videoQuery = (over: Record<string, string> = {}) => ({
    kind: 'video',
    ...subject,
    step: 'on_site_inspection',
    recorderId,
    ...captured,
    ...over,
  });
  const evidenceRows = async () =>
    (await h.database.db.withoutPlugins().selectFrom('evidence_files').select('id').execute()).length;

  beforeAll(async () => {
    h = await startRecordsHarness(kind);
    officer = await signIn(h, 'zhangwei');
    colleague = await signIn(h, 'huanglei');
    publisher = await signIn(h, 'zhaoli');
    head = await signIn(h, 'juzhang');
    supervisor = await signIn(h, 'jiandu');
    otherAgency = await signIn(h, 'penghui');
    const res = await officer.send('POST', '/api/v1/recorders', { serial: 'DSJ-0001', model: 'DSJ-V9' });
    expect(res.statusCode).toBe(201);
    recorderId = res.json<{ id: string }>().id;
    small = randomBytes(64 * 1024 + 17);
    const up = await upload(colleague, videoQuery({ filename: '现场检查.mp4' }), small);
    expect(up.statusCode, up.body).toBe(201);
    smallEvidence = up.json<EvidenceBody>();
  });
  afterAll(() => h.close());

  it('streams a large video in, stores it under its SHA-256 with SM3, and logs its plain SHA-256', async () => {
    const before = await auditCount(h);
    const body = generated(100, 1024 * 1024); // 100 MiB, made while it is sent
    const res = await upload(officer, videoQuery({ fullProcess: 'true', step: 'seizure' }), body.stream);
    expect(res.statusCode, res.body).toBe(201);
    const evidence = res.json<EvidenceBody>();
    const expected = body.digests();
    expect(evidence).toMatchObject({ size: 100 * 1024 * 1024, sha256: expected.sha256, sm3: expected.sm3 });
    expect(fs.statSync(blobPath(h.blobRoot, expected.sha256)).size).toBe(100 * 1024 * 1024);
    expect(filesUnder(path.join(h.blobRoot, '.tmp'))).toEqual([]);

    expect(await auditCount(h)).toBe(before + 1);
    const event = await h.database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .innerJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
      .select(['audit_events.kind', 'audit_events.file_sha256', 'log_entries.entry'])
      .where('audit_events.subject_id', '=', evidence.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'records.evidence_uploaded', file_sha256: expected.sha256 });
    expect(parseEntry(event.entry)).toMatchObject({
      kind: 'records.evidence_uploaded',
      fileSha256: expected.sha256,
      subject: { type: 'evidence_file', id: evidence.id },
    });
  });

  it('records the uploader as the officer by default, and the metadata as given', async () => {
    const res = await colleague.get(`/api/v1/evidence/${smallEvidence.id}`);
    expect(res.statusCode).toBe(200);
    const huanglei = await h.database.db
      .withoutPlugins()
      .selectFrom('people')
      .select('id')
      .where('name', '=', '黄磊')
      .executeTakeFirstOrThrow();
    expect(res.json()).toMatchObject({
      kind: 'video',
      mediaType: 'video/mp4',
      filename: '现场检查.mp4',
      recorderId,
      officerIds: [huanglei.id],
      step: 'on_site_inspection',
      capturedFrom: '2026-11-28T01:00:00.000Z',
      retention: { permanent: false, until: '2027-05-28' },
      disposal: null,
    });
    const list = await officer.get(
      `/api/v1/evidence?subjectType=case&subjectId=${encodeURIComponent(subject.subjectId)}`,
    );
    expect(list.json<{ total: number }>().total).toBe(2);
    const byRecorder = await officer.get(`/api/v1/evidence?recorderId=${recorderId}&kind=video`);
    expect(byRecorder.json<{ total: number }>().total).toBe(2);
  });

  it('serves the bytes whole and by range, so video plays and seeks (RFC 9110 §14)', async () => {
    const url = `/api/v1/evidence/${smallEvidence.id}/content`;
    const whole = await colleague.get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': String(small.length),
      etag: `"${hex('sha256', small)}"`,
      'x-content-type-options': 'nosniff',
    });
    expect(whole.rawPayload.equals(small)).toBe(true);

    const get = (headers: Record<string, string>) =>
      h.app.inject({ method: 'GET', url, headers: { cookie: colleague.cookie, ...headers } });
    const part = await get({ range: 'bytes=1000-1999' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${small.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.rawPayload.equals(small.subarray(1000, 2000))).toBe(true);

    const tail = await get({ range: 'bytes=-17' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(small.subarray(small.length - 17))).toBe(true);

    const beyond = await get({ range: `bytes=${small.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${small.length}`);
    expect(beyond.headers['content-type']).toContain('application/problem+json');
    expect(beyond.json()).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE' });
    expect((await get({ range: 'bytes=9-3' })).statusCode).toBe(416);

    // If-Range with another validator: the whole current file, not a piece of something else.
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"0000"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(small.length);
    expect((await get({ 'if-none-match': `"${smallEvidence.sha256}"` })).statusCode).toBe(304);

    const head = await h.app.inject({ method: 'HEAD', url, headers: { cookie: colleague.cookie } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(small.length));
    expect(head.rawPayload.length).toBe(0);
  });

  it('hides files from another agency (404), lets the county supervisor read, and refuses the publisher', async () => {
    for (const url of [
      `/api/v1/evidence/${smallEvidence.id}`,
      `/api/v1/evidence/${smallEvidence.id}/content`,
    ]) {
      expect((await otherAgency.get(url)).statusCode).toBe(404);
      expect((await supervisor.get(url)).statusCode).toBe(200);
      expect((await publisher.get(url)).statusCode).toBe(403);
    }
    expect((await otherAgency.get('/api/v1/evidence')).json<{ total: number }>().total).toBe(0);
    const write = await otherAgency.send('POST', `/api/v1/evidence/${smallEvidence.id}/marks`, {
      mark: 'used_as_evidence',
      reason: '试图标记',
    });
    expect(write.statusCode).toBe(404);
  });

  it('rejects an upload whose declared digest differs from the bytes, storing and recording nothing', async () => {
    const before = { audit: await auditCount(h), rows: await evidenceRows(), files: filesUnder(h.blobRoot) };
    const bytes = randomBytes(4096);
    const wrongSha = await upload(
      colleague,
      videoQuery({ sha256: hex('sha256', Buffer.from('else')) }),
      bytes,
    );
    expect(wrongSha.statusCode).toBe(422);
    expect(wrongSha.json()).toMatchObject({
      code: 'DIGEST_MISMATCH',
      received: { sha256: hex('sha256', bytes) },
    });
    const wrongSm3 = await upload(
      colleague,
      videoQuery({ sha256: hex('sha256', bytes), sm3: 'f'.repeat(64) }),
      bytes,
    );
    expect(wrongSm3.json()).toMatchObject({ code: 'DIGEST_MISMATCH' });
    const digest = `sha-256=:${createHash('sha256').update('else').digest('base64')}:`;
    const wrongHeader = await upload(colleague, videoQuery(), bytes, { 'content-digest': digest });
    expect(wrongHeader.json()).toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect({ audit: await auditCount(h), rows: await evidenceRows(), files: filesUnder(h.blobRoot) }).toEqual(
      before,
    );

    const right = `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;
    const ok = await upload(colleague, videoQuery({ sm3: hex('sm3', bytes).toUpperCase() }), bytes, {
      'content-digest': right,
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses bad metadata and unsafe media types before reading the file', async () => {
    const before = { audit: await auditCount(h), rows: await evidenceRows() };
    const noDevice = await upload(colleague, videoQuery({ recorderId: '' }), randomBytes(100));
    expect(noDevice.statusCode).toBe(400);
    expect(noDevice.headers.connection).toBe('close'); // the rest of a large body is not worth reading
    const noKind = await upload(colleague, { ...subject }, randomBytes(100));
    expect(noKind.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'querystring.kind' }],
    });
    expect(noKind.headers.connection).toBe('close');
    const full = await upload(
      colleague,
      { kind: 'video', ...subject, fullProcess: 'true' },
      randomBytes(100),
    );
    expect(full.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'querystring.recorderId',
      'querystring.fullProcess',
    ]);
    const html = await upload(colleague, videoQuery({ kind: 'scan' }), Buffer.from('<script>'), {
      'content-type': 'text/html',
    });
    expect(html.statusCode).toBe(415);
    const json = await colleague.send(
      'POST',
      `/api/v1/evidence?${new URLSearchParams(videoQuery()).toString()}`,
      {
        a: 1,
      },
    );
    expect(json.statusCode).toBe(415);
    const strangers = await upload(
      colleague,
      videoQuery({ officerIds: '0190a0a0-0000-7000-8000-000000000001', step: 'no_such_step' }),
      randomBytes(100),
    );
    expect(strangers.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'querystring.officerIds',
      'querystring.step',
    ]);
    const interruptions = await upload(
      colleague,
      videoQuery({ interruptions: '[{"stoppedAt":1}' }),
      randomBytes(10),
    );
    expect(interruptions.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await upload(colleague, videoQuery(), Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(publisher, videoQuery(), randomBytes(10))).statusCode).toBe(403);
    expect({ audit: await auditCount(h), rows: await evidenceRows() }).toEqual(before);
  });

  it('stores and records nothing when the client goes away mid-upload', async () => {
    const before = { audit: await auditCount(h), rows: await evidenceRows(), files: filesUnder(h.blobRoot) };
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(`/api/v1/evidence?${new URLSearchParams(videoQuery()).toString()}`, address);
    const req = http.request(url, {
      method: 'POST',
      headers: {
        cookie: colleague.cookie,
        'x-csrf-token': colleague.csrf,
        'content-type': 'video/mp4',
        'content-length': String(10 * 1024 * 1024),
      },
    });
    req.on('error', () => {}); // the connection is destroyed on purpose
    req.write(randomBytes(1024 * 1024));
    const tmp = path.join(h.blobRoot, '.tmp');
    await expect.poll(() => filesUnder(tmp).length, { timeout: 10_000 }).toBe(1);
    req.destroy();
    await expect.poll(() => filesUnder(tmp).length, { timeout: 10_000 }).toBe(0);
    expect({ audit: await auditCount(h), rows: await evidenceRows(), files: filesUnder(h.blobRoot) }).toEqual(
      before,
    );
  });

  it('keeps files their time: disposal only after it, only by the head, bytes gone, digest and log kept', async () => {
    const bytes = randomBytes(2048);
    const sha256 = hex('sha256', bytes);
    const first = (await upload(colleague, videoQuery(), bytes)).json<EvidenceBody>();
    const twin = (await upload(colleague, videoQuery({ step: 'service' }), bytes)).json<EvidenceBody>();
    const kept = (await upload(colleague, videoQuery(), randomBytes(1000))).json<EvidenceBody>();
    const marked = await colleague.send('POST', `/api/v1/evidence/${kept.id}/marks`, {
      mark: 'used_as_evidence',
      reason: '作为处罚决定的证据',
    });
    expect(marked.json()).toMatchObject({
      marks: ['used_as_evidence'],
      retention: { permanent: true, until: null },
    });

    const early = await head.send('POST', `/api/v1/evidence/${first.id}/disposal`, {
      reason: '保存期满',
      approval: '衡县市监〔2027〕1号',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'RETENTION_NOT_ELAPSED',
      detail: '保存期限至 2027-05-28，届满后方可处置',
    });

    h.clock.advance(200 * 24 * 3600_000); // past 2027-05-28
    const [lead, staff] = [await signIn(h, 'juzhang'), await signIn(h, 'huanglei')];
    const disposal = { reason: '保存期满，无证据用途', approval: '衡县市监〔2027〕1号' };
    expect((await staff.send('POST', `/api/v1/evidence/${first.id}/disposal`, disposal)).statusCode).toBe(
      403,
    );
    const markedLate = await lead.send('POST', `/api/v1/evidence/${kept.id}/disposal`, disposal);
    expect(markedLate.json()).toMatchObject({ code: 'RETENTION_NOT_ELAPSED' });

    const done = await lead.send('POST', `/api/v1/evidence/${first.id}/disposal`, disposal);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ sha256, disposal: { reason: disposal.reason } });
    // The twin row still needs the same bytes: they stay until it goes too.
    expect(fs.existsSync(blobPath(h.blobRoot, sha256))).toBe(true);
    expect((await staff.get(`/api/v1/evidence/${first.id}/content`)).statusCode).toBe(410);
    expect((await staff.get(`/api/v1/evidence/${twin.id}/content`)).statusCode).toBe(200);
    expect((await lead.send('POST', `/api/v1/evidence/${first.id}/disposal`, disposal)).statusCode).toBe(410);

    expect((await lead.send('POST', `/api/v1/evidence/${twin.id}/disposal`, disposal)).statusCode).toBe(200);
    expect(fs.existsSync(blobPath(h.blobRoot, sha256))).toBe(false);
    const rows = await h.database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .select(['kind', 'file_sha256'])
      .where('subject_id', 'in', [first.id, twin.id])
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { kind: 'records.evidence_uploaded', file_sha256: sha256 },
      { kind: 'records.evidence_uploaded', file_sha256: sha256 },
      { kind: 'records.evidence_disposed', file_sha256: sha256 },
      { kind: 'records.evidence_disposed', file_sha256: sha256 },
    ]);
    // The database itself refuses to delete the row or undo the disposal.
    await expect(
      h.database.db.withoutPlugins().deleteFrom('evidence_files').where('id', '=', first.id).execute(),
    ).rejects.toThrow();
    await expect(
      h.database.db
        .withoutPlugins()
        .updateTable('evidence_files')
        .set({ disposed_at: null })
        .where('id', '=', first.id)
        .execute(),
    ).rejects.toThrow();
    await expect(
      h.database.db
        .withoutPlugins()
        .updateTable('evidence_files')
        .set({ sha256: 'a'.repeat(64) })
        .where('id', '=', kept.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('lets an administrator lengthen retention per kind, never below six months', async () => {
    // The clock moved on above: sign in afresh.
    const [admin, staff, stranger] = [
      await signIn(h, 'admin'),
      await signIn(h, 'huanglei'),
      await signIn(h, 'penghui'),
    ];
    const { id: agencyId } = await h.database.db
      .withoutPlugins()
      .selectFrom('agencies')
      .select('id')
      .where('short_name', '=', '衡县市监')
      .executeTakeFirstOrThrow();
    const url = `/api/v1/agencies/${agencyId}/retention-policy`;
    expect((await admin.get(url)).json()).toMatchObject({
      isDefault: true,
      periods: { photo: 6, audio: 6, video: 6, scan: null },
      minimumMonths: 6,
    });
    const short = await admin.send('PUT', url, { periods: { photo: 3, audio: 6, video: 6, scan: null } });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.periods.photo',
    ]);
    const longer = await admin.send('PUT', url, { periods: { photo: 6, audio: 6, video: 24, scan: null } });
    expect(longer.statusCode).toBe(200);
    expect(longer.json()).toMatchObject({ isDefault: false, periods: { video: 24 } });
    const again = await admin.send('PUT', url, { periods: { photo: 6, audio: 12, video: 24, scan: null } });
    expect(again.json()).toMatchObject({ periods: { audio: 12 } });
    expect(
      (await staff.send('PUT', url, { periods: { photo: 6, audio: 6, video: 6, scan: null } })).statusCode,
    ).toBe(403);
    const theirs = await stranger.get(url);
    expect(theirs.statusCode).toBe(404);
    // A file's retention follows the policy in force.
    const res = await staff.get(`/api/v1/evidence/${smallEvidence.id}`);
    expect(res.json()).toMatchObject({ retention: { until: '2028-11-28' } });
  });

  it('leaves every row as its commands recorded it (sanxiang verify)', async () => {
    expect(await verifyProblems(h)).toEqual([]);
  });
});
