import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseFileNow, resolveSubject } from '../../src/case-file/case-file.run.ts';
import type { Manifest } from '../../src/case-file/case-file.rules.ts';
import { verifyCaseFileZip } from '../../src/case-file/verify-file.ts';
import { generateNoteKeys } from '../../src/platform/record-log/note.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import { testStagingKey, testStagingKeyEnv } from '../test-env.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');

/** Runs `sanxiang verify-file` as a user would: exit code and output. */
async function verifyFileCli(file: string, key?: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      bin,
      'verify-file',
      file,
      ...(key ? ['--key', key] : []),
    ]);
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/**
 * The demo's closed summary-procedure case, which has no documents yet: a decision document exists only
 * for a case of the issuing agency that passed the review gate (issue 10 item 3).
 */
const caseNumber = '衡县市监简案〔2026〕1号';

/** What the notice and the decision say beyond what this case (decided on the spot) fills itself. */
const noticeFields = {
  facts: '王某：经查，你经营超过保质期的食品。',
  evidence: '以上事实，有现场笔录为证。',
  basis: '依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，',
  proposed: '本局拟对你罚款人民币壹仟伍佰元整。',
  rights: '你可在收到本告知书之日起五个工作日内提出陈述、申辩。',
};
const decisionFields = {
  facts: '经查，当事人经营超过保质期的食品。',
  evidence: '上述事实，有现场笔录为证。',
  statement: '当事人在规定期限内未提出陈述、申辩意见。',
  reasoning: '依据《中华人民共和国食品安全法》第一百二十四条第一款的规定，',
  penalty: '本局决定对当事人罚款人民币壹仟伍佰元整（¥1,500.00）。',
};
/** A written record of a subject that is not a case: nothing to fill from, every field written. */
const recordData = {
  parties: [{ kind: 'organisation', name: '某商行' }],
  officers: [
    { name: '张伟', certificateNumber: '43042120230001' },
    { name: '黄磊', certificateNumber: '43042120230002' },
  ],
  fields: {
    time: '2026年11月28日 09时00分',
    endTime: '2026年11月28日 09时30分',
    place: '某商行经营场所',
    recorder: '黄磊',
    notice: '执法人员出示了执法证件，告知了申请回避的权利。',
    present: '负责人某某',
    content: '检查未发现问题',
  },
};

describe.each(databaseKinds)('electronic case file on %s', (kind) => {
  let h: DocumentsHarness;
  let officer: Client;
  let zip: Buffer;
  let dir: string;

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    officer = await signIn(h, 'zhangwei');
    dir = fs.mkdtempSync(path.join(h.dataDir, 'out-'));
    const { id: caseId } = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const party = { kind: 'person', name: '王某', idNumber: '430421199001010011', address: '衡阳县西渡镇' };
    for (const [type, data] of [
      ['case_source', { parties: [party], fields: { source: '投诉举报', summary: '群众举报售卖过期食品' } }],
      [
        'filing_approval',
        { parties: [party], fields: { caseName: '经营超过保质期的食品案', opinion: '同意立案。' } },
      ],
      ['penalty_notice', { parties: [party], fields: noticeFields }],
      ['penalty_decision', { parties: [party], fields: decisionFields }],
    ] as const) {
      const res = await officer.send('POST', '/api/v1/documents', {
        type,
        subjectType: 'case',
        subjectId: caseId,
        data,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const recorder = await officer.send('POST', '/api/v1/recorders', { serial: 'DSJ-CF-1', model: 'DSJ-V9' });
    const video = await h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams({
        kind: 'video',
        subjectType: 'case',
        subjectId: caseId,
        step: 'on_site_inspection',
        recorderId: recorder.json<{ id: string }>().id,
        capturedFrom: '2026-11-28T09:00:00+08:00',
        capturedTo: '2026-11-28T09:30:00+08:00',
        filename: '现场检查.mp4',
      }).toString()}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'video/mp4' },
      payload: Buffer.alloc(10_000, 7),
    });
    expect(video.statusCode, video.body).toBe(201);

    const subject = await resolveSubject(h.database.db, caseNumber);
    zip = await exportCaseFileNow(
      h.deps,
      { verifierKeys: [h.verifierKey], origin: DOCS_ORIGIN, integrate: () => h.integrate() },
      subject,
    );
  });
  afterAll(() => h.close());

  const manifestOf = (bytes: Buffer) =>
    JSON.parse(new PizZip(bytes).file('manifest.json')!.asText()) as Manifest;

  it('assembles in the prescribed order with page numbers, each item with its digest and proof', () => {
    const manifest = manifestOf(zip);
    expect(manifest.caseNumber).toBe(caseNumber);
    expect(manifest.items.map((i) => i.section)).toEqual([
      'cover',
      'index',
      'document',
      'document',
      'document',
      'document',
      'evidence_list',
      'notes',
      'evidence',
    ]);
    expect(manifest.items.map((i) => i.title).slice(0, 4)).toEqual([
      '卷宗封面',
      '卷内文件目录',
      '案件来源登记表',
      '立案审批表',
    ]);
    expect(manifest.items[0]!.pages).toBeNull();
    expect(manifest.items[2]!.pages).toEqual({ from: 1, to: 1 });
    expect(manifest.items[7]!.pages!.from).toBeGreaterThan(manifest.items[6]!.pages!.to - 1);
    const index = new PizZip(new PizZip(zip).file(manifest.items[1]!.path)!.asUint8Array())
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    // The index lists each document by its number: the decision's among them.
    const decisionNumber = manifest.items.find((i) => i.title === '行政处罚决定书')!.number!;
    expect(index).toContain(decisionNumber);
    expect(index).toContain('证据清单');
    for (const item of manifest.items) {
      expect(JSON.parse(item.proof.entry)).toMatchObject({ fileSha256: item.sha256 });
    }
    expect(manifest.log.verifierKeys).toEqual([h.verifierKey]);
  });

  it('adds one PDF of the documents only where LibreOffice is installed', async () => {
    const { findSoffice } = await import('../../src/documents/pdf.ts');
    const manifest = manifestOf(zip);
    if (await findSoffice()) {
      expect(manifest.pdf?.path).toBe('case-file.pdf');
      const pdf = Buffer.from(new PizZip(zip).file('case-file.pdf')!.asUint8Array());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(manifest.pdf).toBeUndefined();
      expect(new PizZip(zip).file('case-file.pdf')).toBeNull();
    }
  });

  it('verifies offline: exit 0 with the instance key; one changed byte of one document is exit 1 naming it', async () => {
    expect(verifyCaseFileZip(zip, [h.verifierKey])).toMatchObject({ ok: true, checked: 9, problems: [] });
    const good = path.join(dir, 'good.zip');
    fs.writeFileSync(good, zip);
    const ok = await verifyFileCli(good, h.verifierKey);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('核验通过');

    const manifest = manifestOf(zip);
    const target = manifest.items.find((i) => i.title === '行政处罚决定书')!;
    const tampered = new PizZip(zip);
    const bytes = Buffer.from(tampered.file(target.path)!.asUint8Array());
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x01;
    tampered.file(target.path, bytes, { binary: true });
    const bad = path.join(dir, 'bad.zip');
    fs.writeFileSync(bad, tampered.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const result = await verifyFileCli(bad, h.verifierKey);
    expect(result.code).toBe(1);
    expect(result.out).toContain(target.path);
    expect(result.out).toContain('SHA-256 与清单不符');
  });

  it('refuses a checkpoint signed by another key, and a manifest whose digest was edited to match', async () => {
    const stranger = generateNoteKeys(DOCS_ORIGIN).verifierKey;
    const other = verifyCaseFileZip(zip, [stranger]);
    expect(other.ok).toBe(false);
    expect(other.problems[0]!.item).toBe('(检查点)');

    // Changing the file and rewriting its digest in the manifest: the log entry still commits the old one.
    const manifest = manifestOf(zip);
    const target = manifest.items.find((i) => i.section === 'evidence')!;
    const edited = new PizZip(zip);
    const bytes = Buffer.from(edited.file(target.path)!.asUint8Array());
    bytes[0] = bytes[0]! ^ 0xff;
    edited.file(target.path, bytes, { binary: true });
    const { createHash } = await import('node:crypto');
    target.sha256 = createHash('sha256').update(bytes).digest('hex');
    edited.file('manifest.json', JSON.stringify(manifest));
    const forged = verifyCaseFileZip(edited.generate({ type: 'nodebuffer' }), [h.verifierKey]);
    expect(forged.ok).toBe(false);
    expect(forged.problems.map((p) => p.item)).toEqual([expect.stringContaining(target.path)]);
    expect(forged.problems[0]!.message).toContain('记录日志条目记载的文件摘要与该文件不符');
  });

  it('assembles and exports over HTTP once the file’s own documents are sealed and in the log', async () => {
    const other = { subjectType: 'inspection', subjectId: 'JC-2026-001' };
    const issued = await officer.send('POST', '/api/v1/documents', {
      type: 'on_site_record',
      ...other,
      data: recordData,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const exportUrl = `/api/v1/case-files/export?${new URLSearchParams(other).toString()}`;
    expect((await officer.get(exportUrl)).statusCode).toBe(409); // not assembled
    await h.integrate();
    const assembled = await officer.send('POST', '/api/v1/case-files', other);
    expect(assembled.statusCode, assembled.body).toBe(200);
    expect(assembled.json()).toEqual({ assembled: true });
    expect((await officer.send('POST', '/api/v1/case-files', other)).json()).toEqual({ assembled: false });
    const early = await officer.get(exportUrl);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('DOCUMENT_NOT_SEALED');
    await h.integrate(); // the file's documents enter the log; the export seals them
    expect((await officer.get(exportUrl)).statusCode).toBe(409); // their seals are not in the log yet
    await h.integrate();
    const res = await officer.get(exportUrl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const result = verifyCaseFileZip(res.rawPayload, [h.verifierKey]);
    expect(result).toMatchObject({ ok: true, checked: 5 });
  });

  it('puts the case’s title on the cover as its 案由, with the retention period', async () => {
    const { title } = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select('title')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const manifest = manifestOf(zip);
    const cover = new PizZip(new PizZip(zip).file(manifest.items[0]!.path)!.asUint8Array())
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    expect(title).not.toBe('');
    expect(cover).toContain(title);
    expect(cover).toContain('长期');
  });

  it('renders each document once: the next export renders nothing and gives the same PDF', async () => {
    const { findSoffice } = await import('../../src/documents/pdf.ts');
    const db = h.database.db.withoutPlugins();
    const manifest = manifestOf(zip);
    const docxItems = manifest.items.filter((i) => i.section !== 'evidence');
    const renderings = await db
      .selectFrom('document_renderings')
      .selectAll()
      .where(
        'docx_sha256',
        'in',
        docxItems.map((i) => i.sha256),
      )
      .execute();
    if (!(await findSoffice())) {
      expect(renderings).toEqual([]);
      return;
    }
    expect(renderings.map((r) => r.docx_sha256).sort()).toEqual(docxItems.map((i) => i.sha256).sort());
    const pagesOf = new Map(renderings.map((r) => [r.docx_sha256, r.pages]));
    // The index numbers the documents by their renderings' real page counts.
    for (const item of manifest.items.filter((i) => i.section === 'document')) {
      expect(item.pages!.to - item.pages!.from + 1).toBe(pagesOf.get(item.sha256));
    }
    const { PDFDocument } = await import('pdf-lib');
    const pdf = new PizZip(zip).file('case-file.pdf')!.asUint8Array();
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(
      docxItems.reduce((n, i) => n + pagesOf.get(i.sha256)!, 0),
    );
    for (const r of renderings) expect(await h.deps.blobs.size(r.pdf_sha256)).toBe(r.pdf_size);

    const rendered = () =>
      db.selectFrom('audit_events').select('id').where('kind', '=', 'documents.rendered').execute();
    const before = await rendered();
    const subject = await resolveSubject(h.database.db, caseNumber);
    const again = await exportCaseFileNow(
      h.deps,
      { verifierKeys: [h.verifierKey], origin: DOCS_ORIGIN, integrate: () => h.integrate() },
      subject,
    );
    expect(await rendered()).toHaveLength(before.length);
    expect(manifestOf(again).pdf!.sha256).toBe(manifest.pdf!.sha256);
    expect(verifyCaseFileZip(again, [h.verifierKey]).ok).toBe(true);
  });

  it('keeps one rendering of a document that two exports render at once', async () => {
    const { findSoffice } = await import('../../src/documents/pdf.ts');
    if (!(await findSoffice())) return;
    const { renderingsFor } = await import('../../src/case-file/case-file-renderings.service.ts');
    const subject = { subjectType: 'inspection', subjectId: 'JC-2026-RENDER' };
    const issued = await officer.send('POST', '/api/v1/documents', {
      type: 'on_site_record',
      ...subject,
      data: recordData,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    await h.integrate();
    const { sealPendingDocuments } = await import('../../src/documents/document-seal.service.ts');
    await sealPendingDocuments(h.deps);
    const db = h.database.db.withoutPlugins();
    const doc = await db
      .selectFrom('issued_documents')
      .select(['agency_id', 'sha256'])
      .where('subject_id', '=', subject.subjectId)
      .executeTakeFirstOrThrow();
    const docs = [{ sha256: doc.sha256! }];
    const [a, b] = await Promise.all([
      renderingsFor(h.deps, doc.agency_id, docs),
      renderingsFor(h.deps, doc.agency_id, docs),
    ]);
    const kept = await db
      .selectFrom('document_renderings')
      .selectAll()
      .where('docx_sha256', '=', doc.sha256!)
      .execute();
    expect(kept).toHaveLength(1);
    expect(a!.get(doc.sha256!)!.pdf_sha256).toBe(kept[0]!.pdf_sha256);
    expect(b!.get(doc.sha256!)!.pdf_sha256).toBe(kept[0]!.pdf_sha256);
    expect(await h.deps.blobs.size(kept[0]!.pdf_sha256)).toBe(kept[0]!.pdf_size);
  });

  it('exports again without reassembling while nothing changed', async () => {
    const before = await h.database.db.withoutPlugins().selectFrom('issued_documents').select('id').execute();
    const subject = await resolveSubject(h.database.db, caseNumber);
    const again = await exportCaseFileNow(
      h.deps,
      { verifierKeys: [h.verifierKey], origin: DOCS_ORIGIN, integrate: () => h.integrate() },
      subject,
    );
    expect(
      await h.database.db.withoutPlugins().selectFrom('issued_documents').select('id').execute(),
    ).toHaveLength(before.length);
    expect(verifyCaseFileZip(again, [h.verifierKey]).ok).toBe(true);
  });
});

describe('sanxiang case-file export and verify-file, as commands', () => {
  it('exports from the configured database and verifies with the key `sanxiang log key` prints', async () => {
    const { openPGlite } = await import('../../src/platform/db/database.ts');
    const { migrateToLatest } = await import('../../src/platform/db/migrate.ts');
    const { loadDemo } = await import('../../src/demo/load-demo.ts');
    const { runCommand } = await import('../../src/platform/audit/command.ts');
    const { issueDocument } = await import('../../src/documents/document-issue.service.ts');
    const { systemClock } = await import('../../src/platform/clock.ts');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-case-file-cli-'));
    try {
      const database = await openPGlite({ dataDir: path.join(dir, 'pgdata') });
      await migrateToLatest(database.db);
      await loadDemo({ db: database.db, clock: systemClock, staging: testStagingKey });
      const agency = await database.db
        .withoutPlugins()
        .selectFrom('agencies')
        .select('id')
        .where('short_name', '=', '衡县市监')
        .executeTakeFirstOrThrow();
      const actor = { personId: null, agencyId: agency.id, via: 'cli' as const, ip: null };
      // A free-text subject (no case behind it): documents other than a decision (issue 10 item 3).
      const given = {
        case_source: {
          source: '投诉举报',
          receivedOn: '2026年11月20日',
          summary: '群众举报售卖过期食品',
          opinion: '建议立案调查。',
        },
        penalty_notice: { ...noticeFields, contact: '承办人：张伟、黄磊。' },
      };
      for (const type of ['case_source', 'penalty_notice'] as const) {
        await runCommand({ db: database.db, clock: systemClock, staging: testStagingKey }, actor, (ctx) =>
          issueDocument(ctx, {
            agencyId: agency.id,
            type,
            subjectType: 'case',
            subjectId: 'CLI-1',
            data: { parties: [{ kind: 'person', name: '王某' }], amountFen: 20_000, fields: given[type] },
          }),
        );
      }
      await database.close();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...testStagingKeyEnv,
        DATA_DIR: dir,
        NODE_ENV: 'development',
      };
      delete env.DATABASE_URL;
      const out = path.join(dir, 'file.zip');
      await run(process.execPath, [bin, 'case-file', 'export', '--case', 'CLI-1', '--out', out], { env });
      const { stdout: key } = await run(process.execPath, [bin, 'log', 'key'], { env });
      const ok = await verifyFileCli(out, key.trim().split('\n')[0]);
      expect(ok.code, ok.out).toBe(0);
      const manifest = JSON.parse(
        new PizZip(fs.readFileSync(out)).file('manifest.json')!.asText(),
      ) as Manifest;
      expect(manifest.items.map((i) => i.section)).toEqual([
        'cover',
        'index',
        'document',
        'document',
        'evidence_list',
        'notes',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
