import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSignerKey, signNote } from '../../src/platform/record-log/note.ts';
import { points } from '../../src/review/review.rules.ts';
import { freshPostgresUrl } from '../databases.ts';
import {
  apiToken,
  freePort,
  sanxiang,
  startServer,
  stopServer,
  type Server,
} from '../record-log/server-process.ts';

/**
 * Issue 14, "Done when": two real server processes on PostgreSQL, no mocks. The county platform and the
 * bureau (衡阳县市场监督管理局), each with its own data directory and database, are paired by an operator
 * through the command line and the API; the bureau decides a penalty case and publishes it, and the county
 * portal shows it; the platform is killed with SIGKILL while the next pushes are on their way and restarted
 * on the same port and data; then every record the bureau queued is held by the county exactly once, in
 * order, with the same content hash; the bureau's checkpoint carries the county's cosignature (checked here
 * with node:crypto from the C2SP specs alone); and a forged fork of the bureau's log is refused and alerted.
 */

const BUREAU_CREDIT_CODE = '11430421MB1B23456G';
const BUREAU_ORIGIN = 'scjg.two-processes.test.example/log';
const COUNTY_ORIGIN = 'jiandu.two-processes.test.example/log';
const PARTY = '衡阳县两进程副食品商行';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** One read-only query on an instance's database: the test looks, it never writes. */
async function look<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set default_transaction_read_only = on');
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until `probe` gives a value `done` accepts, and returns it. */
async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 90_000) {
  const started = Date.now();
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch {
      // a process restarting: look again
    }
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Api {
  get<T>(p: string): Promise<T>;
  send<T>(method: string, p: string, body?: unknown, status?: number): Promise<T>;
}

/** The HTTP API of `server` as a client holding `token` would call it. */
const api = (server: () => Server, token: string): Api => ({
  async get<T>(p: string) {
    const res = await fetch(`${server().url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  },
  async send<T>(method: string, p: string, body: unknown = {}, status?: number) {
    const res = await fetch(`${server().url}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (status === undefined ? res.status >= 300 : res.status !== status)
      throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  },
});

/** An Ed25519 public key (32 bytes) as node:crypto takes it. */
const ed25519 = (raw: Buffer) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
    format: 'der',
    type: 'spki',
  });

/** A C2SP signed-note vkey `name+hexid+base64(type || key)`, its key id checked against its own bytes. */
function parseVkey(vkey: string, type: number) {
  const [name, idHex, ...rest] = vkey.trim().split('+');
  const typed = Buffer.from(rest.join('+'), 'base64');
  expect(typed[0]).toBe(type);
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), typed]))
    .digest()
    .subarray(0, 4);
  expect(id.toString('hex')).toBe(idHex);
  return { name: name!, id, publicKey: ed25519(typed.subarray(1)) };
}

/**
 * The checkpoint's body and signature lines checked with node:crypto (C2SP signed-note, tlog-cosignature):
 * the log's own Ed25519 signature (type 0x01) over the body, and the witness's `cosignature/v1` (type 0x04):
 * 4-byte key id, u64 big-endian time, Ed25519 over "cosignature/v1\ntime <t>\n" + the body.
 */
function checkCosignedCheckpoint(note: string, logVkey: string, witnessVkey: string) {
  const split = note.indexOf('\n\n');
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatureOf = (name: string) => {
    const found = lines.map((l) => /^\u2014 (\S+) (\S+)$/.exec(l)).find((m) => m?.[1] === name);
    expect(found, `a signature line by ${name}`).toBeTruthy();
    return Buffer.from(found![2]!, 'base64');
  };
  const log = parseVkey(logVkey, 0x01);
  const logSignature = signatureOf(log.name);
  expect(logSignature.subarray(0, 4).equals(log.id)).toBe(true);
  expect(verify(null, Buffer.from(body), log.publicKey, logSignature.subarray(4))).toBe(true);

  const witness = parseVkey(witnessVkey, 0x04);
  const cosignature = signatureOf(witness.name);
  expect(cosignature).toHaveLength(4 + 8 + 64);
  expect(cosignature.subarray(0, 4).equals(witness.id)).toBe(true);
  const time = cosignature.readBigUInt64BE(4);
  expect(time).toBeGreaterThan(0n);
  const signed = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);
  expect(verify(null, signed, witness.publicKey, cosignature.subarray(12))).toBe(true);
  // Not a signature of anything else: the same bytes over another time do not verify.
  expect(
    verify(
      null,
      Buffer.from(`cosignature/v1\ntime ${time + 1n}\n${body}`),
      witness.publicKey,
      cosignature.subarray(12),
    ),
  ).toBe(false);
  const [origin, size, root] = body.split('\n');
  return { origin: origin!, size: Number(size), root: root! };
}

/**
 * Resolves as soon as the county's database has an ingest transaction open (bounded): a backend of that
 * database holding a transaction id whose statement is on the registry, the batches or the records.
 */
async function ingestInFlight(databaseUrl: string, ms = 90_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('set default_transaction_read_only = on');
    const started = Date.now();
    for (;;) {
      const { rows } = await client.query(
        `select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null
            and state <> 'idle' and query ~ '"county_(agencies|batches|records)"'`,
      );
      if (rows.length > 0) return;
      if (Date.now() - started > ms) throw new Error('no push arrived at the county');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    await client.end();
  }
}

interface Instance {
  env: NodeJS.ProcessEnv;
  databaseUrl: string;
  dataDir: string;
  port: number;
  server: Server;
}

async function prepare(name: string, origin: string): Promise<Omit<Instance, 'server'>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sanxiang-${name}-`));
  dirs.push(dataDir);
  const [databaseUrl, port] = [await freshPostgresUrl(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    LOG_ORIGIN: origin,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  const demo = await sanxiang(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
  return { env, databaseUrl, dataDir, port };
}

interface Status {
  agencyId: string;
  paired: boolean;
  queued: number;
  waiting: number;
  acknowledgedUpTo: number;
  lastSequence: number | null;
  rejected: number;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'the bureau and the county platform as two processes on PostgreSQL',
  () => {
    it(
      'pushes a decided and published case, loses nothing and repeats nothing across a SIGKILL of the platform, and is witnessed',
      { timeout: 240_000 },
      async () => {
        // 1. Two instances of the demo, each with its own data directory and database.
        const [countyBase, bureauBase] = await Promise.all([
          prepare('county', COUNTY_ORIGIN),
          prepare('bureau', BUREAU_ORIGIN),
        ]);
        const [jianduToken, adminToken, huangleiToken, juzhangToken, wangzgToken, zhaoliToken] =
          await Promise.all([
            apiToken(countyBase.env, 'jiandu'),
            ...['admin', 'huanglei', 'juzhang', 'wangzg', 'zhaoli'].map((u) => apiToken(bureauBase.env, u)),
          ]);
        const [countyServer, bureauServer] = await Promise.all([
          startServer(countyBase.env, countyBase.port),
          startServer(bureauBase.env, bureauBase.port),
        ]);
        const county: Instance = { ...countyBase, server: countyServer };
        const bureau: Instance = { ...bureauBase, server: bureauServer };
        try {
          const jiandu = api(() => county.server, jianduToken);
          const admin = api(() => bureau.server, adminToken!);
          const huanglei = api(() => bureau.server, huangleiToken!);
          const juzhang = api(() => bureau.server, juzhangToken!);
          const wangzg = api(() => bureau.server, wangzgToken!);
          const zhaoli = api(() => bureau.server, zhaoliToken!);

          // The operators pair them: the bureau's pairing information, registered on the county by its
          // operator at the machine; the bureau pairs with the county's URL and the keys it publishes.
          const info = await admin.get<{
            creditCode: string;
            agencyId: string;
            logOrigin: string;
            baseUrl: string;
          }>('/api/v1/upstream/pairing-info');
          expect(info).toMatchObject({
            creditCode: BUREAU_CREDIT_CODE,
            logOrigin: BUREAU_ORIGIN,
            baseUrl: bureau.server.url,
          });
          const infoFile = path.join(county.dataDir, 'scjg-pairing-info.json');
          fs.writeFileSync(infoFile, JSON.stringify(info));
          const registered = await sanxiang(['county', 'register-agency', infoFile], county.env);
          expect(registered.code, registered.stderr).toBe(0);
          expect(registered.stdout).toContain(`记录日志 ${BUREAU_ORIGIN}`);
          const registry = await jiandu.get<{ items: { id: string; creditCode: string; state: string }[] }>(
            '/api/v1/county/agencies',
          );
          const countyAgency = registry.items.find((a) => a.creditCode === BUREAU_CREDIT_CODE)!;
          expect(countyAgency.state).toBe('active');

          const witnessKey = (await (await fetch(`${county.server.url}/witness/key`)).text()).trim();
          const paired = await sanxiang(
            ['upstream', 'pair', '--url', county.server.url, '--agency', BUREAU_CREDIT_CODE, '--yes'],
            bureau.env,
          );
          expect(paired.code, paired.stderr).toBe(0);
          expect(paired.stdout).toContain(`见证公钥：${witnessKey}`);
          const snapshot = Number(/排入快照 (\d+) 条记录/.exec(paired.stdout)?.[1]);
          expect(snapshot).toBeGreaterThan(100); // the demo: agency, units, people, power list, publications, cases

          const bureauStatus = () => admin.get<Status>('/api/v1/upstream/status');
          const allAcknowledged = (s: Status) =>
            s.queued === 0 &&
            s.waiting === 0 &&
            s.lastSequence !== null &&
            s.acknowledgedUpTo === s.lastSequence;
          await until(
            'the snapshot acknowledged',
            bureauStatus,
            (s) => allAcknowledged(s) && s.acknowledgedUpTo >= snapshot,
          );

          // 2. The bureau decides a penalty case and publishes it, over its HTTP API.
          const [bureauAgency] = await look<{ id: string }>(
            bureau.databaseUrl,
            'select id from agencies where credit_code = $1',
            [BUREAU_CREDIT_CODE],
          );
          const people = await look<{ name: string; id: string }>(
            bureau.databaseUrl,
            `select name, id from people where agency_id = $1 and name in ('张伟', '黄磊', '王志刚')`,
            [bureauAgency!.id],
          );
          const person = (name: string) => people.find((p) => p.name === name)!.id;
          const [item] = await look<{ id: string }>(
            bureau.databaseUrl,
            `select id from power_items where agency_id = $1 and code = 'CF-001'`,
            [bureauAgency!.id],
          );
          interface CaseBody {
            case: { id: string; version: number; state: string };
          }
          const created = await huanglei.send<CaseBody>('POST', '/api/v1/cases', {
            kind: 'penalty_ordinary',
            title: '涉嫌未取得食品经营许可经营预包装食品',
            itemId: item!.id,
            field: 'food',
            source: '投诉举报',
            parties: [
              {
                type: 'organisation',
                name: PARTY,
                creditCode: null,
                legalRepresentative: '钱某',
                phone: null,
                address: '衡阳县西渡镇某某路 2 号',
              },
            ],
            officerIds: [person('张伟'), person('黄磊')],
          });
          const caseId = created.case.id;
          const version = async () => (await huanglei.get<CaseBody>(`/api/v1/cases/${caseId}`)).case.version;
          const step = async (by: Api, name: string, body: Record<string, unknown> = {}) =>
            by.send<CaseBody>('POST', `/api/v1/cases/${caseId}/steps/${name}`, {
              version: await version(),
              ...body,
            });
          const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
          await step(juzhang, 'file', { reason: '同意立案。' });
          await step(huanglei, 'investigate');
          await step(huanglei, 'conclude_investigation', {
            findings: {
              facts: `当事人${PARTY}未取得食品经营许可，在其经营场所经营预包装食品，货值金额 3,000 元，违法所得无法计算。`,
              evidence: '现场笔录、询问笔录证明上述事实，当事人无异议。',
              summary: '罚款 6,000 元',
              measures: ['fine'],
              amountFen: 600_000,
              circumstance: 'general',
              violatedBases: [{ law: '中华人民共和国食品安全法', article: '第三十五条第一款' }],
              legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条第一款' }],
              actEndedOn: today,
            },
          });
          const review = await huanglei.send<{ id: string }>('POST', '/api/v1/reviews', { caseId });
          await wangzg.send('POST', `/api/v1/reviews/${review.id}/assignment`, {
            reviewerId: person('王志刚'),
          });
          await wangzg.send('POST', `/api/v1/reviews/${review.id}/conclusion`, {
            result: 'approve',
            findings: points.map((point) => ({ point, finding: 'satisfied', note: '已逐项核实' })),
            opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意',
          });
          await step(huanglei, 'notify', {
            proposedSanctions: [{ kind: 'fine', amountFen: 600_000 }],
            rightsWaived: true,
          });
          const decided = await juzhang.send<CaseBody & { mustPublish: boolean }>(
            'POST',
            `/api/v1/cases/${caseId}/decision`,
            {
              version: await version(),
              outcome: 'penalty',
              sanctions: [{ kind: 'fine', amountFen: 600_000 }],
              circumstance: 'general',
              discretionReason: '当事人系初次违法，货值金额较小',
            },
          );
          expect(decided.case.state).toBe('decided');
          expect(decided.mustPublish).toBe(true);
          const [draft] = await look<{ id: string }>(
            bureau.databaseUrl,
            'select id from publications where case_id = $1',
            [caseId],
          );
          await huanglei.send('POST', `/api/v1/publications/${draft!.id}/submit`);
          const published = await zhaoli.send<{ status: string }>(
            'POST',
            `/api/v1/publications/${draft!.id}/approve`,
            {
              note: '同意公示',
            },
          );
          expect(published.status).toBe('published');

          // 3. The county portal shows it, under the bureau.
          const portalAgencies = await until(
            'the bureau on the county portal',
            async () =>
              (await (await fetch(`${county.server.url}/api/v1/county-portal/agencies`)).json()) as {
                items: { id: string; creditCode: string }[];
              },
            (a) => a.items.some((x) => x.creditCode === BUREAU_CREDIT_CODE),
          );
          const portalId = portalAgencies.items.find((x) => x.creditCode === BUREAU_CREDIT_CODE)!.id;
          expect(portalId).toBe(countyAgency.id);
          const shown = await until(
            'the publication on the county portal',
            async () => {
              const res = await fetch(
                `${county.server.url}/api/v1/county-portal/agencies/${portalId}/publications/${draft!.id}`,
              );
              return {
                status: res.status,
                body: (await res.json()) as { partyName?: string; agencyName?: string; kind?: string },
              };
            },
            (r) => r.status === 200,
          );
          expect(shown.body).toMatchObject({
            partyName: PARTY,
            agencyName: '衡阳县市场监督管理局',
            kind: 'penalty',
          });
          const page = await fetch(
            `${county.server.url}/county-portal/agencies/${portalId}/publications/${draft!.id}`,
          );
          expect(page.status).toBe(200);
          expect(await page.text()).toContain(PARTY);

          // 4. A burst of commands on the bureau; the county killed with SIGKILL while their pushes arrive.
          await until('the publication acknowledged', bureauStatus, allAcknowledged);
          const units: string[] = [];
          let writing = true;
          const writer = async (w: number) => {
            for (let i = 0; writing; i++) {
              const res = await fetch(`${bureau.server.url}/api/v1/agencies/${bureauAgency!.id}/units`, {
                method: 'POST',
                headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
                body: JSON.stringify({ name: `两进程中队-${w}-${i}`, kind: 'brigade' }),
              });
              const body = await res.text();
              expect(res.status, body).toBe(201);
              units.push((JSON.parse(body) as { id: string }).id);
            }
          };
          const writers = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
          // Killed in the middle of a batch: while the county's ingest transaction is open, as its database
          // shows it (a transaction holding a write, on the registry or the records).
          await ingestInFlight(county.databaseUrl);
          await stopServer(county.server, 'SIGKILL');
          const killedAt = units.length;
          // The bureau keeps working while the platform is down: its pushes wait in the outbox.
          await until(
            'more commands while the county is down',
            async () => units.length,
            (n) => n >= killedAt + 40,
            60_000,
          );
          writing = false;
          await writers;
          expect(units.length).toBeGreaterThan(40);
          const down = await bureauStatus();
          expect(down.acknowledgedUpTo).toBeLessThan(down.lastSequence ?? Infinity);

          county.server = await startServer(county.env, county.port);
          // Every record is acknowledged and nothing is left to send: the log's latest checkpoint cosigned,
          // and the checkpoint record of that cosignature acknowledged too.
          const latestSize = async () =>
            Number((await (await fetch(`${bureau.server.url}/log/checkpoint`)).text()).split('\n')[1]);
          const cosignedSize = async () =>
            Number(
              (await (await fetch(`${bureau.server.url}/log/checkpoint?cosigned=1`)).text()).split('\n')[1],
            );
          const settled = async () => {
            const s = await bureauStatus();
            const [latest, cosigned] = [await latestSize(), await cosignedSize()];
            return { ...s, latest, cosigned };
          };
          const end = await until(
            'every record acknowledged after the restart',
            settled,
            (s) => allAcknowledged(s) && s.latest === s.cosigned,
            150_000,
          );
          expect(end.rejected).toBe(0);

          // 5. Every record arrived exactly once: the county's sequences are 1..N, as the bureau's outbox, with
          // the same content hashes.
          const outbox = await look<{
            sequence: string | null;
            content_hash: string;
            type: string;
            subject_id: string | null;
          }>(
            bureau.databaseUrl,
            'select sequence, content_hash, type, subject_id from push_outbox where agency_id = $1 order by id',
            [info.agencyId],
          );
          expect(outbox.filter((r) => r.sequence === null)).toEqual([]);
          const held = await look<{
            sequence: string;
            content_hash: string;
            type: string;
            subject_id: string | null;
          }>(
            county.databaseUrl,
            'select sequence, content_hash, type, subject_id from county_records where county_agency_id = $1 order by sequence',
            [countyAgency.id],
          );
          const n = outbox.length;
          expect(held.map((r) => Number(r.sequence))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          const bySequence = [...outbox].sort((a, b) => Number(a.sequence) - Number(b.sequence));
          expect(bySequence.map((r) => Number(r.sequence))).toEqual(
            Array.from({ length: n }, (_, i) => i + 1),
          );
          expect(held.map((r) => [r.type, r.subject_id, r.content_hash])).toEqual(
            bySequence.map((r) => [r.type, r.subject_id, r.content_hash]),
          );
          const unitRecords = new Set(held.filter((r) => r.type === 'unit').map((r) => r.subject_id));
          expect(units.filter((id) => !unitRecords.has(id))).toEqual([]);
          expect(held.some((r) => r.type === 'publication' && r.subject_id === draft!.id)).toBe(true);
          expect(
            held.filter((r) => r.type === 'case_summary' && r.subject_id === caseId).length,
          ).toBeGreaterThan(1);
          const [summary] = await look<{ content: { state: string; sanctions: unknown[] } }>(
            county.databaseUrl,
            `select content from county_records where county_agency_id = $1 and type = 'case_summary'
               and subject_id = $2 order by sequence desc limit 1`,
            [countyAgency.id, caseId],
          );
          expect(summary!.content).toMatchObject({
            state: 'decided',
            sanctions: [{ kind: 'fine', amountFen: 600_000 }],
          });
          expect(
            await look(
              county.databaseUrl,
              'select code, reason from county_push_rejections where county_agency_id = $1',
              [countyAgency.id],
            ),
          ).toEqual([]);
          const cli = await sanxiang(['upstream', 'status', '--json'], bureau.env);
          expect(cli.code, cli.stderr).toBe(0);
          expect(JSON.parse(cli.stdout)).toMatchObject([
            {
              agencyId: info.agencyId,
              queued: 0,
              waiting: 0,
              rejected: 0,
              acknowledgedUpTo: n,
              lastSequence: n,
            },
          ]);
          const text = await sanxiang(['upstream', 'status'], bureau.env);
          expect(text.stdout).toContain('排队（尚未编号）：0');
          expect(text.stdout).toContain('被拒收：0');

          // The sender saw the platform gone (failed attempts) and delivered the same ranges again after it.
          const deliveries = await look<{ outcome: string; first_sequence: string; last_sequence: string }>(
            bureau.databaseUrl,
            'select outcome, first_sequence, last_sequence from push_deliveries where agency_id = $1 order by attempted_at',
            [info.agencyId],
          );
          const cut = deliveries.findIndex((d) => d.outcome === 'failed');
          expect(cut).toBeGreaterThan(-1);
          expect(
            deliveries
              .slice(cut + 1)
              .some(
                (d) => d.outcome === 'acknowledged' && d.first_sequence === deliveries[cut]!.first_sequence,
              ),
          ).toBe(true);
          expect(deliveries.filter((d) => d.outcome === 'refused')).toEqual([]);
          // 6. The bureau's cosigned checkpoint carries the county's cosignature, checked here.
          const logKey = (await (await fetch(`${bureau.server.url}/log/key`)).text()).trim();
          const cosigned = await (await fetch(`${bureau.server.url}/log/checkpoint?cosigned=1`)).text();
          const checkpoint = checkCosignedCheckpoint(cosigned, logKey, witnessKey);
          expect(checkpoint).toMatchObject({ origin: BUREAU_ORIGIN, size: end.cosigned });
          const [latestHeld] = await look<{ size: string; root_hash: string; note: string }>(
            county.databaseUrl,
            'select size, root_hash, note from witness_checkpoints where origin = $1 order by size desc limit 1',
            [BUREAU_ORIGIN],
          );
          expect({ size: Number(latestHeld!.size), root: latestHeld!.root_hash }).toEqual({
            size: checkpoint.size,
            root: checkpoint.root,
          });

          // 7. A forged fork: the bureau's key signing another history. Refused with 422, alerted on the county.
          const signer = parseSignerKey(
            fs.readFileSync(path.join(bureau.dataDir, 'log-signing.key'), 'utf8').trim(),
          );
          const forge = (size: number) =>
            signNote(`${BUREAU_ORIGIN}\n${size}\n${randomBytes(32).toString('base64')}\n`, [signer]);
          const addCheckpoint = (body: string) =>
            fetch(`${county.server.url}/witness/add-checkpoint`, { method: 'POST', body });
          const sameSize = forge(checkpoint.size);
          const refused = await addCheckpoint(`old ${checkpoint.size}\n\n${sameSize}`);
          expect(refused.status).toBe(422);
          expect(refused.headers.get('content-type')).toContain('application/problem+json');
          expect(((await refused.json()) as { code: string }).code).toBe('WITNESS_INCONSISTENT');
          const longer = forge(checkpoint.size + 5);
          const proof = Array.from({ length: 3 }, () => `${randomBytes(32).toString('base64')}\n`).join('');
          const extension = await addCheckpoint(`old ${checkpoint.size}\n${proof}\n${longer}`);
          expect(extension.status).toBe(422);
          expect(((await extension.json()) as { code: string }).code).toBe('WITNESS_INCONSISTENT');
          // Sent from another old size it is not judged at all: 409 with the size held (tlog-witness), no alert.
          const stale = await addCheckpoint(`old 0\n\n${forge(checkpoint.size + 1)}`);
          expect(stale.status).toBe(409);
          expect(stale.headers.get('content-type')).toContain('text/x.tlog.size');
          expect(await stale.text()).toBe(`${checkpoint.size}\n`);
          const alerts = await look<{ held_checkpoint: string; offered_checkpoint: string }>(
            county.databaseUrl,
            'select held_checkpoint, offered_checkpoint from witness_alerts where origin = $1 order by raised_at',
            [BUREAU_ORIGIN],
          );
          expect(alerts.map((a) => a.offered_checkpoint)).toEqual([sameSize, longer]);
          for (const alert of alerts) expect(alert.held_checkpoint).toBe(latestHeld!.note);
          // The held checkpoint stays the latest.
          const [still] = await look<{ size: string }>(
            county.databaseUrl,
            'select max(size) as size from witness_checkpoints where origin = $1',
            [BUREAU_ORIGIN],
          );
          expect(Number(still!.size)).toBe(checkpoint.size);
        } finally {
          await Promise.all([stopServer(county.server, 'SIGTERM'), stopServer(bureau.server, 'SIGTERM')]);
        }
      },
    );
  },
);
