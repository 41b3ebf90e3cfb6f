import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemo } from '../src/demo/load-demo.ts';
import { documentView } from '../src/documents/document-view.rules.ts';
import { documentData } from '../src/documents/documents.schema.ts';
import { issueDocument } from '../src/documents/document-issue.service.ts';
import { sealPendingDocuments } from '../src/documents/document-seal.service.ts';
import { shippedTemplate } from '../src/documents/document-templates.service.ts';
import { fillDocx, qrPng } from '../src/documents/docx-fill.ts';
import { runCommand } from '../src/platform/audit/command.ts';
import { systemClock } from '../src/platform/clock.ts';
import { openPGlite } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { integrateAll } from '../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../src/platform/record-log/note.ts';
import { localBlobStore } from '../src/records/blob-store.ts';
import { isInterrupted } from './processes.ts';
import { fixed, verdict, type Table } from './table.ts';
import { benchStagingKey } from './bench-staging-key.ts';

/**
 * Issue 5 figure: documents generated per second on one core (goal ≥ 50/s). Everything runs in this one
 * Node thread — PGlite is in-process WASM — so the figure is what one core does.
 *   1. generation alone: a penalty decision filled from its template (docxtemplater), its QR code drawn
 *      and put in, the .docx zipped and hashed, in memory;
 *   2. the whole path: documents issued through the command path (number under the sequence lock,
 *      recorded), the log integrated and signed, then each sealed: rendered, stored in the blob store on
 *      disk (fsync), its digest written and recorded — as `sanxiang serve` does.
 */
export interface DocumentsBenchOptions {
  durationSeconds: number;
}

const GOAL_PER_SECOND = 50;

const data = documentData.parse({
  parties: [
    {
      kind: 'organisation',
      name: '衡县某某商贸有限公司',
      creditCode: '91430421MA4L00000X',
      legalRepresentative: '李某',
    },
  ],
  legalBases: [
    {
      law: '中华人民共和国食品安全法',
      article: '第三十四条第（十）项',
      text: '禁止生产经营超过保质期的食品。',
    },
    { law: '中华人民共和国食品安全法', article: '第一百二十四条第一款第（五）项' },
  ],
  amountFen: 5_000_000,
  fields: {
    facts: '经查，当事人于2026年10月至11月间在其经营场所销售超过保质期的预包装食品，货值金额1,280元。'.repeat(
      3,
    ),
    evidence: '现场笔录、询问笔录、照片、进货票据。',
    penalty: '1. 没收超过保质期的食品；2. 罚款人民币伍万元。',
    payment: '自收到本决定书之日起十五日内缴纳罚款。',
    remedies: '如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。',
  },
});

/** CPU seconds this process used since `since` (user + system, all threads). */
const cpuSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function generationOnly(
  seconds: number,
): Promise<{ count: number; seconds: number; cpu: number; bytes: number }> {
  const template = shippedTemplate('penalty_decision').bytes;
  let count = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until && !isInterrupted()) {
    const code = `SX-${100_000 + count}-7K3QZD`;
    const view = documentView('penalty_decision', data, {
      agencyName: '衡阳县市场监督管理局',
      number: `衡县市监处罚〔2026〕${count + 1}号`,
      issuedOn: '2026-11-28',
      verificationCode: code,
    });
    const docx = fillDocx(template, view, { 'sx:qr': await qrPng(code) });
    createHash('sha256').update(docx).digest();
    bytes += docx.length;
    count++;
  }
  return { count, seconds: (performance.now() - started) / 1000, cpu: cpuSince(cpu), bytes };
}

async function wholePath(seconds: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-bench-documents-'));
  const database = await openPGlite({ dataDir: path.join(dir, 'pgdata') });
  try {
    await migrateToLatest(database.db);
    await loadDemo({ db: database.db, clock: systemClock, staging: benchStagingKey });
    const keys = generateNoteKeys('bench.sanxiang.example/log');
    const integrate = () =>
      integrateAll({
        db: database.db,
        clock: systemClock,
        signers: [parseSignerKey(keys.signerKey)],
        origin: 'bench.sanxiang.example/log',
        staging: benchStagingKey,
      });
    await integrate();
    const agency = await database.db
      .selectFrom('agencies')
      .select('id')
      .where('short_name', '=', '衡县市监')
      .executeTakeFirstOrThrow();
    const deps = {
      db: database.db,
      clock: systemClock,
      staging: benchStagingKey,
      blobs: localBlobStore(path.join(dir, 'blobs')),
    };
    const actor = { personId: null, agencyId: agency.id, via: 'cli' as const, ip: null };
    // A decision document is made only for a case of the agency past its legal review (issue 6's gate,
    // document-issue.service.ts): the demo's decided cases.
    const decided = await database.db
      .selectFrom('cases')
      .select('id')
      .where('agency_id', '=', agency.id)
      .where('decided_on', 'is not', null)
      .where('kind', '=', 'penalty_ordinary')
      .orderBy('id')
      .execute();
    if (decided.length === 0) throw new Error('the demo has no decided penalty case to issue decisions for');
    // Documents the demo issued (other areas issue documents too) are sealed before the measured part.
    await sealPendingDocuments(deps);
    await integrate();
    // Issue for a share of the time, then seal them all: the sum of the phases is the cost per document.
    const cpu = process.cpuUsage();
    const started = performance.now();
    const until = started + (seconds * 1000) / 4;
    let issued = 0;
    while (performance.now() < until && !isInterrupted()) {
      await runCommand(deps, actor, (ctx) =>
        issueDocument(ctx, {
          agencyId: agency.id,
          type: 'penalty_decision',
          subjectType: 'case',
          subjectId: decided[issued % decided.length]!.id,
          data,
        }),
      );
      issued++;
    }
    const issuing = (performance.now() - started) / 1000;
    const t1 = performance.now();
    await integrate();
    const integrating = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    let sealed = 0;
    for (let n = -1; n !== 0 && !isInterrupted();) sealed += n = await sealPendingDocuments(deps, 200);
    const sealing = (performance.now() - t2) / 1000;
    const cpuSeconds = cpuSince(cpu);
    await integrate();
    if (sealed !== issued && !isInterrupted()) throw new Error(`sealed ${sealed} of ${issued} documents`);
    return { issued, issuing, integrating, sealing, cpuSeconds };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDocuments(options: DocumentsBenchOptions): Promise<Table> {
  await generationOnly(1); // warm-up: JIT, template parse paths
  const gen = await generationOnly(options.durationSeconds);
  const genRate = gen.count / gen.seconds;
  const whole = await wholePath(options.durationSeconds);
  const total = whole.issuing + whole.integrating + whole.sealing;
  const wholeRate = whole.issued / total;
  const cpuRate = whole.issued / whole.cpuSeconds;
  return {
    title: 'Documents 1: documents generated per second on one core (penalty decision, .docx with QR)',
    columns: [
      { header: 'path' },
      { header: 'documents', align: 'right' },
      { header: 'seconds', align: 'right' },
      { header: 'docs/s', align: 'right' },
      { header: 'ms/doc', align: 'right' },
      { header: 'CPU s', align: 'right' },
      { header: 'docs/CPU-s', align: 'right' },
    ],
    rows: [
      [
        'fill + QR + zip + SHA-256 (memory)',
        String(gen.count),
        fixed(gen.seconds, 2),
        fixed(genRate, 1),
        fixed((gen.seconds * 1000) / gen.count, 2),
        fixed(gen.cpu, 2),
        fixed(gen.count / gen.cpu, 1),
      ],
      [
        '  issue (number, row, record; PGlite)',
        String(whole.issued),
        fixed(whole.issuing, 2),
        fixed(whole.issued / whole.issuing, 1),
        fixed((whole.issuing * 1000) / whole.issued, 2),
      ],
      ['  integrate + sign checkpoint', '', fixed(whole.integrating, 2), '', ''],
      [
        '  seal (render, blob store with fsync, record)',
        String(whole.issued),
        fixed(whole.sealing, 2),
        fixed(whole.issued / whole.sealing, 1),
        fixed((whole.sealing * 1000) / whole.issued, 2),
      ],
      [
        'issue + integrate + seal (whole path)',
        String(whole.issued),
        fixed(total, 2),
        fixed(wholeRate, 1),
        fixed((total * 1000) / whole.issued, 2),
        fixed(whole.cpuSeconds, 2),
        fixed(whole.issued / whole.cpuSeconds, 1),
      ],
    ],
    notes: [
      'docs/CPU-s: documents per second of CPU time of this process (PGlite runs in it): the one-core figure when other work shares the machine',
      `average .docx ${fixed(gen.bytes / gen.count / 1024, 1)} KiB; one Node thread, PGlite in-process, blobs in a temporary directory`,
      `goal >= ${GOAL_PER_SECOND} documents/s on one core: whole path ${fixed(cpuRate, 1)}/CPU-s ${verdict(cpuRate >= GOAL_PER_SECOND)} ` +
        `(${fixed(wholeRate, 1)}/s wall); generation alone ${fixed(gen.count / gen.cpu, 1)}/CPU-s ${verdict(gen.count / gen.cpu >= GOAL_PER_SECOND)}`,
    ],
  };
}
