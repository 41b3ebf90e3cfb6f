import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { registerCountyAgency } from '../src/county/registry/registry.service.ts';
import {
  contentHashOf,
  openReceipt,
  signPush,
  type PushBatch,
  type PushReceipt,
  type PushProof,
} from '../src/exchange/push-envelope.ts';
import { pushRecords } from '../src/exchange/push.schema.ts';
import { addCheckpointBody } from '../src/exchange/witnessing/submission.rules.ts';
import { systemClock } from '../src/platform/clock.ts';
import { openPostgres } from '../src/platform/db/database.ts';
import { encodeBase64 } from '../src/platform/record-log/bytes.ts';
import { signCheckpoint } from '../src/platform/record-log/checkpoint.ts';
import { sealEvent } from '../src/platform/record-log/entry.ts';
import { leafHash, nodeHash } from '../src/platform/record-log/merkle.ts';
import {
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
} from '../src/platform/record-log/note.ts';
import {
  consistencyProof,
  inclusionProof,
  treeRoot,
  type HashReader,
} from '../src/platform/record-log/proofs.ts';
import { benchStagingKey } from './bench-staging-key.ts';
import { withTarget, type Target } from './http-read.bench.ts';
import { redact } from './log-db.ts';
import { backendCpu, cpuSpent } from './pg-cpu.ts';
import { isInterrupted } from './processes.ts';
import { fixed, type Table } from './table.ts';

/**
 * Issue 14 item 7: the county platform ingesting pushed batches from `agencies` agencies at once, on
 * PostgreSQL. The platform is the real app in its own process (bench/target.ts `county`: a fresh
 * migrated database, its record-log integrator running as `sanxiang serve` runs it). Each agency is
 * registered as `sanxiang county register-agency` does (registerCountyAgency, the command line's caller)
 * with its own record-log key and Ed25519 push key, and has its own record log, built here with the
 * record-log code: one entry per pushed record (sealEvent, as the agency's audit writes them), its
 * Merkle tree (RFC 6962), signed checkpoints. Every pushed record is a publication (the bulk of what a
 * bureau pushes) whose entry is in that log; every batch carries the entries and inclusion proofs the
 * sender builds (sender.ts buildBatch) against a checkpoint the platform has witnessed, and is signed
 * with the agency's push key (signPush).
 *
 * Each agency runs the sender's cycle in turn, as fast as the platform answers: submit the checkpoint
 * covering its next batch to `POST /witness/add-checkpoint` (old size, consistency proof), then
 * `POST /county/push` the batch and check the signed receipt. Each agency connects from its own loopback
 * address (127.0.0.x), so the per-address rate-limit counters are one per agency as in production. The
 * envelopes are built and serialised before the measurement (the agencies' own CPU is not the platform's).
 * Receipt latency: from sending a push to its receipt, per batch. Baseline in the same run: pgbench
 * one-row durable inserts (synchronous commit) at `agencies` clients, on the same server.
 */
export interface CountyIngestOptions {
  agencies: number;
  /** Records per batch, one row each: the sender's largest batch (500) and small live batches. */
  batchSizes: readonly number[];
  /** Records each agency has ready per row (the row ends when they are sent or the time is up). */
  recordsPerAgency: (batchSize: number) => number;
  warmupBatches: number;
  durationSeconds: number;
  adminUrl: string;
}

const execFileAsync = promisify(execFile);
const BASE = 'hyx.bench.invalid';

interface Agency {
  index: number;
  creditCode: string;
  remoteAgencyId: string;
  origin: string;
  logSigner: NoteSigner;
  logVerifierKey: string;
  pushSigner: NoteSigner;
  pushVerifierKey: string;
  /** Leaf hashes of the agency's log; `levels[l][i]` the complete subtree hashes. */
  levels: Uint8Array[][];
  entries: Uint8Array[];
  /** Sequence of the next record to push; log size witnessed so far. */
  nextSequence: number;
  witnessedSize: number;
}

/** One request pair of the agency's cycle, serialised ahead. */
interface Step {
  witnessBody: string;
  pushBody: string;
  records: number;
  first: number;
  last: number;
  bodySha256: string;
}

/** The GB 32100 check character of an 18-character unified social credit code. */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCodeOf(n: number): string {
  const body = `11430421MB${String(1_000_000 + n).slice(1)}`.padEnd(17, '0').slice(0, 17);
  const sum = [...body].reduce((s, c, i) => s + CODE_CHARS.indexOf(c) * CODE_WEIGHTS[i]!, 0);
  return body + CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

const levelsReader = (levels: Uint8Array[][]): HashReader => ({
  readNodes: (ids) => Promise.resolve(ids.map(({ level, index }) => levels[level]![index]!)),
});

function appendLeaves(levels: Uint8Array[][], hashes: readonly Uint8Array[]): void {
  for (const h of hashes) {
    (levels[0] ??= []).push(h);
    for (let l = 0; levels[l]!.length % 2 === 0; l++) {
      const below = levels[l]!;
      (levels[l + 1] ??= []).push(nodeHash(below[below.length - 2]!, below[below.length - 1]!));
    }
  }
}

/** Cuts the agency's log back to its first `size` entries (what the platform acknowledged). */
function truncate(agency: Agency, size: number): void {
  const leaves = agency.levels[0]?.slice(0, size) ?? [];
  agency.entries.length = size;
  agency.levels = [];
  appendLeaves(agency.levels, leaves);
  agency.nextSequence = size + 1;
  agency.witnessedSize = size;
}

/** A publication as the agency's portal publishes it (push.schema.ts `publication`), unique per record. */
function publicationOf(agency: Agency, sequence: number) {
  return pushRecords.publication.parse({
    id: randomUUID(),
    agencyId: agency.remoteAgencyId,
    unitId: null,
    caseId: null,
    kind: 'penalty',
    partyKind: 'organisation',
    partyName: `衡阳县某某食品有限公司${sequence}`,
    partyCreditCode: '91430421MA4L000001',
    documentNumber: `衡县${agency.index}罚〔2026〕${sequence}号`,
    decidedOn: '2026-11-10',
    title: '衡阳县某某食品有限公司销售过期食品案',
    summary: '当事人销售超过保质期的食品，违反《中华人民共和国食品安全法》第三十四条第（十）项的规定。',
    documentText:
      '行政处罚决定书\n当事人：衡阳县某某食品有限公司\n统一社会信用代码：91430421MA4L000001\n' +
      '经查，当事人于2026年10月销售超过保质期的食品……依据《中华人民共和国食品安全法》第一百二十四条，决定：' +
      '一、警告；二、罚款人民币五千元。',
    sanctions: [{ kind: 'warning' }, { kind: 'fine', amountFen: 500_000 }],
    publishedOn: '2026-11-12',
    periodEndsOn: '2029-11-12',
    verificationCode: 'SX-41-7K3QZD',
  });
}

/** The next `count` records of the agency in batches of `size`: log entries appended, steps serialised. */
async function prepare(agency: Agency, count: number, size: number): Promise<Step[]> {
  const steps: Step[] = [];
  for (let done = 0; done < count; done += size) {
    const n = Math.min(size, count - done);
    const first = agency.nextSequence;
    const startIndex = agency.entries.length;
    const records = [];
    for (let i = 0; i < n; i++) {
      const sequence = first + i;
      const content = publicationOf(agency, sequence);
      const sealed = sealEvent(
        {
          id: randomUUID(),
          kind: 'publicity.published',
          time: new Date(),
          agency: agency.remoteAgencyId,
          actor: null,
          via: 'web',
          ip: null,
          subjectType: 'publication',
          subjectId: content.id,
          changes: [],
          fileSha256: null,
        },
        content,
        randomBytes(16),
      );
      agency.entries.push(sealed.entry);
      records.push({
        sequence,
        type: 'publication' as const,
        contentHash: contentHashOf(content),
        logIndex: startIndex + i,
        content,
      });
    }
    appendLeaves(
      agency.levels,
      agency.entries.slice(startIndex).map((e) => leafHash(e)),
    );
    const size2 = agency.entries.length;
    const reader = levelsReader(agency.levels);
    const note = signCheckpoint(
      { origin: agency.origin, size: size2, root: await treeRoot(size2, reader), extensions: [] },
      [agency.logSigner],
    );
    const old = agency.witnessedSize;
    const consistency = old > 0 ? (await consistencyProof(old, size2, reader)).map(encodeBase64) : [];
    const batch: PushBatch = {
      format: 'sanxiang-push/v1',
      agencyCreditCode: agency.creditCode,
      firstSequence: first,
      lastSequence: first + n - 1,
      records,
    };
    const proof: PushProof = {
      checkpoint: note,
      entries: await Promise.all(
        records.map(async (r) => ({
          sequence: r.sequence,
          entry: encodeBase64(agency.entries[r.logIndex]!),
          inclusion: (await inclusionProof(r.logIndex, size2, reader)).map(encodeBase64),
        })),
      ),
    };
    const envelope = signPush(batch, proof, [agency.pushSigner]);
    steps.push({
      witnessBody: addCheckpointBody(old, consistency, note),
      pushBody: JSON.stringify(envelope),
      records: n,
      first,
      last: first + n - 1,
      bodySha256: /\n([0-9a-f]{64})\n/.exec(envelope.signature)![1]!,
    });
    agency.nextSequence += n;
    agency.witnessedSize = size2;
  }
  return steps;
}

function post(
  agent: http.Agent,
  base: URL,
  pathName: string,
  body: string,
  type: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: pathName,
        method: 'POST',
        headers: { 'content-type': type, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Row {
  batchSize: number;
  records: number;
  batches: number;
  seconds: number;
  receiptP50: number;
  receiptP99: number;
  witnessP50: number;
  appCpuPerRecord: number;
  dbCpuPerRecord: number | undefined;
}

const sorted = (values: number[]) => Float64Array.from(values).sort();
function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  return values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] ?? Number.NaN;
}

async function runRow(
  agencies: readonly Agency[],
  target: Target,
  options: CountyIngestOptions,
  batchSize: number,
): Promise<Row> {
  const base = new URL(target.base);
  const receiptKey = parseVerifierKey(
    (await (await fetch(`${target.base}/county/receipt-key`)).text()).trim(),
  );
  const acked = agencies.map((a) => a.nextSequence - 1);
  const stepsOf = await Promise.all(
    agencies.map((a) => prepare(a, options.recordsPerAgency(batchSize), batchSize)),
  );
  const receipts: number[] = [];
  const witnessings: number[] = [];
  let records = 0;
  let batches = 0;
  const dbBefore = await target.dbCpu?.();
  const cpuBefore = await target.cpuMicros();
  const start = performance.now();
  const end = start + options.durationSeconds * 1000;
  await Promise.all(
    agencies.map(async (agency, a) => {
      // Each agency from its own loopback address, as agencies arrive from their own networks.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${10 + a}` });
      try {
        for (const step of stepsOf[a]!) {
          if (performance.now() >= end || isInterrupted()) break;
          const w0 = performance.now();
          const w = await post(agent, base, '/witness/add-checkpoint', step.witnessBody, 'text/plain');
          if (w.status !== 200) throw new Error(`add-checkpoint of agency ${a}: ${w.status} ${w.body}`);
          const p0 = performance.now();
          const p = await post(agent, base, '/county/push', step.pushBody, 'application/json');
          const p1 = performance.now();
          if (p.status !== 200)
            throw new Error(`push of agency ${a} (${step.first}-${step.last}): ${p.status} ${p.body}`);
          openReceipt(JSON.parse(p.body) as PushReceipt, [receiptKey], {
            agencyCreditCode: agency.creditCode,
            firstSequence: step.first,
            lastSequence: step.last,
            bodySha256: step.bodySha256,
          });
          witnessings.push(p0 - w0);
          receipts.push(p1 - p0);
          records += step.records;
          batches++;
          acked[a] = step.last;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = (await target.cpuMicros()) - cpuBefore;
  const dbAfter = await target.dbCpu?.();
  const dbCpu = dbBefore && dbAfter ? cpuSpent(dbBefore, dbAfter) : undefined;
  // What was prepared and not sent leaves the agencies' logs: the next row goes on from the last
  // acknowledged record (the log index of a record is its sequence - 1), as from the last witnessed size.
  for (const [a, agency] of agencies.entries()) truncate(agency, acked[a]!);
  const r = sorted(receipts);
  const w = sorted(witnessings);
  return {
    batchSize,
    records,
    batches,
    seconds,
    receiptP50: percentile(r, 0.5),
    receiptP99: percentile(r, 0.99),
    witnessP50: percentile(w, 0.5),
    appCpuPerRecord: cpu / records,
    dbCpuPerRecord: dbCpu === undefined ? undefined : dbCpu / records,
  };
}

/** What the platform's tables hold on disk per record it received (table, indexes and TOAST), for sizing. */
async function diskPerRow(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('checkpoint');
    const { rows } = await client.query<{ name: string; bytes: string; n: string }>(
      `select t.name, pg_total_relation_size(t.name::regclass) as bytes,
              (select count(*) from county_records) as n
         from unnest(array['county_records', 'county_batches', 'audit_events', 'log_entries',
                           'witness_checkpoints']) as t(name)`,
    );
    const records = Number(rows[0]?.n ?? 0);
    const per = (bytes: number) => fixed(bytes / Math.max(1, records), 0);
    const total = rows.reduce((sum, r) => sum + Number(r.bytes), 0);
    return `${rows.map((r) => `${r.name} ${per(Number(r.bytes))} B`).join(', ')}; all ${per(total)} B (${records} records)`;
  } finally {
    await client.end();
  }
}

/** pgbench: one-row inserts, each its own durable transaction, at `clients` clients, on the same server. */
async function pgbenchInserts(url: string, clients: number, seconds: number): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      'create table if not exists bench_one_row (id bigserial primary key, v integer not null)',
    );
  } finally {
    await admin.end();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-pgbench-'));
  const script = path.join(dir, 'insert.sql');
  fs.writeFileSync(script, 'insert into bench_one_row (v) values (1);\n');
  try {
    const { stdout } = await execFileAsync(
      'pgbench',
      ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, url],
      { maxBuffer: 1 << 20 },
    );
    const tps = /tps = ([0-9.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench: no tps in its output:\n${stdout}`);
    return Number(tps[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function registerAgencies(url: string, count: number): Promise<Agency[]> {
  const database = openPostgres(url, 2);
  try {
    const agencies: Agency[] = [];
    for (let i = 0; i < count; i++) {
      const origin = `a${i}.${BASE}/log`;
      const log = generateNoteKeys(origin);
      const push = generateNoteKeys(`a${i}.${BASE}/push`);
      const agency: Agency = {
        index: i,
        creditCode: creditCodeOf(i),
        remoteAgencyId: randomUUID(),
        origin,
        logSigner: parseSignerKey(log.signerKey),
        logVerifierKey: log.verifierKey,
        pushSigner: parseSignerKey(push.signerKey),
        pushVerifierKey: push.verifierKey,
        levels: [],
        entries: [],
        nextSequence: 1,
        witnessedSize: 0,
      };
      await registerCountyAgency({ db: database.db, clock: systemClock, staging: benchStagingKey }, 'cli', {
        creditCode: agency.creditCode,
        name: `衡阳县第${i + 1}执法局`,
        remoteAgencyId: agency.remoteAgencyId,
        baseUrl: `https://a${i}.${BASE}`,
        logOrigin: origin,
        logVerifierKeys: [log.verifierKey],
        pushKeys: [{ vkey: push.verifierKey }],
      });
      agencies.push(agency);
    }
    return agencies;
  } finally {
    await database.close();
  }
}

export async function benchCountyIngest(options: CountyIngestOptions): Promise<Table> {
  const title = `County platform ingest, PostgreSQL, ${options.agencies} agencies pushing at once (issue 14 item 7)`;
  const admin = new pg.Client({ connectionString: options.adminUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (err) {
    return {
      title,
      columns: [{ header: 'skipped' }],
      rows: [[`PostgreSQL unreachable at ${redact(options.adminUrl)} (${(err as Error).message})`]],
    };
  }
  const name = `sanxiang_bench_county_${process.pid}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-county-'));
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(options.adminUrl);
    url.pathname = `/${name}`;
    const rows = await withTarget(
      'county',
      { BENCH_TARGET_URL: url.toString(), BENCH_DATA_DIR: dataDir },
      async (started) => {
        const target = { ...started, dbCpu: () => backendCpu(admin, name) };
        const agencies = await registerAgencies(url.toString(), options.agencies);
        // Warm-up: a few small batches per agency (JIT, pools, the first checkpoint of every log).
        await runRow(
          agencies,
          target,
          { ...options, recordsPerAgency: (s) => s * options.warmupBatches },
          10,
        );
        const measured: Row[] = [];
        for (const size of options.batchSizes) measured.push(await runRow(agencies, target, options, size));
        return measured;
      },
    );
    const disk = await diskPerRow(url.toString());
    const pgbench = await pgbenchInserts(url.toString(), options.agencies, options.durationSeconds);
    const baseline = {
      name: `pgbench one-row inserts, ${options.agencies} clients`,
      value: pgbench,
      unit: 'rows/s',
    };
    return {
      title,
      figures: rows.flatMap((r) => [
        {
          name: `county ingest, ${options.agencies} agencies, ${r.batchSize} records/batch`,
          value: r.records / r.seconds,
          unit: 'records/s',
          baseline,
        },
        {
          name: `county ingest receipt p99, ${r.batchSize} records/batch`,
          value: r.receiptP99,
          unit: 'ms',
        },
      ]),
      columns: [
        { header: 'records/batch' },
        { header: 'records/s', align: 'right' },
        { header: 'batches/s', align: 'right' },
        { header: 'receipt p50 ms', align: 'right' },
        { header: 'receipt p99 ms', align: 'right' },
        { header: 'witness p50 ms', align: 'right' },
        { header: 'records/s ÷ pgbench', align: 'right' },
        { header: 'batches/s ÷ pgbench', align: 'right' },
        { header: 'app CPU us/record', align: 'right' },
        { header: 'PG CPU us/record', align: 'right' },
      ],
      rows: [
        ...rows.map((r) => [
          String(r.batchSize),
          fixed(r.records / r.seconds, 0),
          fixed(r.batches / r.seconds, 1),
          fixed(r.receiptP50, 1),
          fixed(r.receiptP99, 1),
          fixed(r.witnessP50, 1),
          `${fixed((100 * r.records) / r.seconds / pgbench, 1)} %`,
          `${fixed((100 * r.batches) / r.seconds / pgbench, 2)} %`,
          fixed(r.appCpuPerRecord, 0),
          r.dbCpuPerRecord === undefined ? '-' : fixed(r.dbCpuPerRecord, 0),
        ]),
        [
          `pgbench one-row inserts, ${options.agencies} clients`,
          fixed(pgbench, 0),
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ],
      ],
      notes: [
        `${options.agencies} agencies, each its own log, log key and push key; every record a publication with its log entry and`,
        'inclusion proof against a checkpoint the platform witnessed just before (add-checkpoint, then push, per batch);',
        `each row: up to ${options.durationSeconds} s or the records each agency had ready; receipt latency is the push request alone;`,
        '"pgbench": durable one-row inserts (synchronous commit) on the same server, measured in the same run;',
        '"app CPU": the platform process (HTTP, checks, integrator); "PG CPU": the bench database\'s backends;',
        `on disk after the run (table, indexes, TOAST), per record received: ${disk}`,
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
