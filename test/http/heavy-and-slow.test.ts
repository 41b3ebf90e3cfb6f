import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSanxiang } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { freshDatabase, databaseKinds } from '../databases.ts';
import { auditCount, signIn, TestClock, type Client, type Harness } from '../harness.ts';
import { filesUnder } from '../records/records-harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';

// Issue 10 item 8 (security sweep M6, M7): heavy work bounded per kind; a stalled request cut.

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** Opens a raw connection, sends `head` and `body` and nothing more; resolves with what came back once closed. */
function stall(port: number, head: string, body: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
    socket.write(head);
    socket.write(body);
  });
}

describe.each(databaseKinds)('heavy and slow requests on %s', (kind) => {
  let h: Harness;
  let app: FastifyInstance;
  let port: number;
  let publisher: Client;
  let officer: Client;
  let dataDir: string;
  const held = { started: 0, gate: deferred(), socketTimeouts: [] as (number | undefined)[] };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-slow-'));
    const database = await freshDatabase(kind);
    const clock = new TestClock();
    await loadDemo({ db: database.db, clock, staging: testStagingKey });
    const config = {
      ...loadConfig({ ...testEnv, DATA_DIR: dataDir, HTTP_IDLE_TIMEOUT_SECONDS: '1' }),
      cookieSecure: true,
    };
    app = await createSanxiang({
      db: database.db,
      staging: testStagingKey,
      config,
      clock,
      heavyWork: { excel: { concurrency: 1, queue: 1, retryAfterSeconds: 7 } },
    });
    // Heavy work the test holds until it lets it go (an Excel export that takes its time).
    app.get('/test/held', { config: { heavy: 'excel' } }, async (req) => {
      held.started++;
      held.socketTimeouts.push((req.raw.socket as net.Socket | undefined)?.timeout);
      await held.gate.promise;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    h = {
      app,
      database,
      clock,
      close: async () => {
        await app.close();
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
    publisher = await signIn(h, 'zhaoli');
    officer = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  it('runs one export at a time, queues one, refuses the next with 503 and Retry-After; /healthz answers meanwhile', async () => {
    held.gate = deferred();
    held.started = 0;
    const first = app.inject({ url: '/test/held' });
    await expect.poll(() => held.started).toBe(1);
    const second = publisher.get('/api/v1/publications/export.xlsx');
    await expect.poll(() => app.heavyWork.excel.state).toEqual({ running: 1, waiting: 1 });

    const refused = await publisher.get('/api/v1/people/export.xlsx');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.json()).toMatchObject({
      code: 'SERVER_BUSY',
      status: 503,
      title: '服务器正忙于同类任务，请稍后再试',
    });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    // Other kinds and light routes do not wait behind the exports.
    expect((await publisher.get('/api/v1/publications?page=1&pageSize=5')).statusCode).toBe(200);

    held.gate.resolve();
    expect((await first).json()).toEqual({ done: true });
    const exported = await second;
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
    expect(app.heavyWork.excel.state).toEqual({ running: 0, waiting: 0 });
    expect((await publisher.get('/api/v1/people/export.xlsx')).statusCode).toBe(200);
  });

  it('closes a connection whose request body stops arriving, without an answer', async () => {
    const before = await auditCount(h);
    const answer = await stall(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n',
      '{"usern',
    );
    expect(answer).toBe('');
    expect(await auditCount(h)).toBe(before);
  });

  it('cuts a stalled evidence upload and keeps nothing of it', async () => {
    const before = { audit: await auditCount(h), files: filesUnder(path.join(dataDir, 'blobs')) };
    const query = new URLSearchParams({
      kind: 'scan',
      subjectType: 'case',
      subjectId: '衡县市监立〔2026〕88号',
      filename: '询问笔录.pdf',
    });
    const closed = stall(
      port,
      `POST /api/v1/evidence?${query.toString()} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Cookie: ${officer.cookie}\r\nX-CSRF-Token: ${officer.csrf}\r\nContent-Type: application/pdf\r\n` +
        `Content-Length: ${10 * 1024 * 1024}\r\n\r\n`,
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(256 * 1024, 0x20)]),
    );
    // The upload was streaming into a temporary file when it stalled.
    const tmp = path.join(dataDir, 'blobs', '.tmp');
    await expect.poll(() => filesUnder(tmp).length, { timeout: 10_000 }).toBe(1);
    expect(await closed).toBe('');
    await expect.poll(() => filesUnder(tmp).length, { timeout: 10_000 }).toBe(0);
    expect({ audit: await auditCount(h), files: filesUnder(path.join(dataDir, 'blobs')) }).toEqual(before);
    expect(await h.database.db.withoutPlugins().selectFrom('evidence_files').select('id').execute()).toEqual(
      [],
    );
  });

  it('lifts the idle timeout once a request is all in: the work on it may take longer', async () => {
    held.gate = deferred();
    held.started = 0;
    held.socketTimeouts = [];
    const answered = stall(
      port,
      'GET /test/held HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      '',
    );
    await expect.poll(() => held.started).toBe(1);
    expect(held.socketTimeouts).toEqual([0]);
    held.gate.resolve();
    expect(await answered).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\{"done":true\}$/);
  });
});
