import { createHash, randomBytes } from 'node:crypto';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentView } from '../../src/documents/document-view.rules.ts';
import { qrPng } from '../../src/documents/docx-fill.ts';
import { issueDocument } from '../../src/documents/document-issue.service.ts';
import { shippedTemplate } from '../../src/documents/document-templates.service.ts';
import { documentData } from '../../src/documents/documents.schema.ts';
import { findSoffice } from '../../src/documents/pdf.ts';
import { solidPng } from '../../src/documents/png.ts';
import { runCommand } from '../../src/platform/audit/command.ts';
import { lookupByCode, lookupBySha256 } from '../../src/platform/record-log/lookup.service.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { startDocumentsHarness, type DocumentsHarness } from './documents-harness.ts';

interface Doc {
  id: string;
  number: string;
  sealed: boolean;
  sha256: string | null;
  verificationCode: string | null;
  templateVersion: number;
}

/**
 * The case the documents are about: the demo's closed summary-procedure case, which has none yet. A
 * decision document exists only for a case of the issuing agency that passed the review gate (issue 10
 * item 3), so its id is filled in once the demo is loaded.
 */
const SUBJECT_CASE = '衡县市监简案〔2026〕1号';
const subject = { subjectType: 'case', subjectId: '' };

const decision = {
  type: 'penalty_decision',
  ...subject,
  data: {
    parties: [
      {
        kind: 'organisation',
        name: '衡县某某商贸有限公司',
        creditCode: '91430421MA4L00000X',
        legalRepresentative: '李某',
      },
    ],
    legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条第一款第（五）项' }],
    amountFen: 5_000_000,
    fields: {
      facts: '经查，当事人经营超过保质期的食品。',
      evidence: '上述事实，有现场笔录、现场照片为证。',
      statement: '当事人在规定期限内未提出陈述、申辩意见。',
      reasoning:
        '本局认为，当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，',
      penalty: '本局决定对当事人罚款人民币伍万元整（¥50,000.00）。',
    },
    date: '2026-11-28',
  },
};

/** The fields an order to correct needs beyond what the case fills (what and by when, written by the officer). */
const orderFields = {
  facts: '当事人经营超过保质期的食品。',
  order: '立即下架超过保质期的食品。',
  deadline: '即日',
};

/** A notice of a case not yet notified in the lifecycle: every field given. */
const noticeFields = {
  facts: '衡县某某商贸有限公司：经查，你单位经营超过保质期的食品。',
  evidence: '以上事实，有现场笔录为证。',
  basis: '依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，',
  proposed: '本局拟对你单位罚款人民币伍万元整。',
  rights: '你单位可在收到本告知书之日起五个工作日内提出陈述、申辩。',
};

/** The text of a .docx body, tags stripped. */
const bodyText = (docx: Buffer) =>
  new PizZip(docx)
    .file('word/document.xml')!
    .asText()
    .replace(/<[^>]+>/g, '');

/** The bytes of the picture whose alt text is the slot. */
function slotBytes(docx: Buffer, slot: string): Buffer {
  const zip = new PizZip(docx);
  const xml = zip.file('word/document.xml')!.asText();
  const drawing = [...xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)].find((m) =>
    m[0].includes(`descr="${slot}"`),
  )!;
  const rid = /r:embed="([^"]+)"/.exec(drawing[0])![1]!;
  const rels = zip.file('word/_rels/document.xml.rels')!.asText();
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
  return Buffer.from(zip.file(`word/${target}`)!.asUint8Array());
}

describe.each(databaseKinds)('documents on %s', (kind) => {
  let h: DocumentsHarness;
  let officer: Client;
  let head: Client;
  let otherAgency: Client;

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    officer = await signIn(h, 'zhangwei');
    head = await signIn(h, 'juzhang');
    otherAgency = await signIn(h, 'penghui');
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', SUBJECT_CASE)
      .executeTakeFirstOrThrow();
    subject.subjectId = kase.id;
    decision.subjectId = kase.id;
  });
  afterAll(() => h.close());

  const issue = async (body: unknown = decision, client = officer) => {
    const res = await client.send('POST', '/api/v1/documents', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Doc>();
  };

  it('numbers by the agency pattern per type and year, and seals the .docx once its issue is in the log', async () => {
    // The year's numbering continues after the decisions the demo numbered (published ones, its cases').
    const { next_serial: next } = await h.database.db
      .withoutPlugins()
      .selectFrom('document_number_sequences as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select('s.next_serial')
      .where('a.short_name', '=', '衡县市监')
      .where('s.type', '=', 'penalty_decision')
      .where('s.year', '=', 2026)
      .executeTakeFirstOrThrow();
    const first = await issue();
    const second = await issue();
    expect(first.number).toBe(`衡县市监处罚〔2026〕${next}号`);
    expect(second.number).toBe(`衡县市监处罚〔2026〕${next + 1}号`);
    expect(first.sealed).toBe(false);
    // Before the issue entry is integrated there is no code to print, so no file yet.
    const early = await officer.get(`/api/v1/documents/${first.id}/content`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('DOCUMENT_NOT_SEALED');

    await h.integrate();
    const res = await officer.get(`/api/v1/documents/${first.id}/content`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const docx = res.rawPayload;
    const sealed = (await officer.get(`/api/v1/documents/${first.id}`)).json<Doc>();
    expect(sealed.sealed).toBe(true);
    expect(createHash('sha256').update(docx).digest('hex')).toBe(sealed.sha256);

    const text = bodyText(docx);
    expect(text).toContain('衡阳县市场监督管理局');
    expect(text).toContain('行政处罚决定书');
    expect(text).toContain(first.number);
    expect(text).toContain('名称：衡县某某商贸有限公司，统一社会信用代码：91430421MA4L00000X');
    expect(text).toContain('《中华人民共和国食品安全法》第一百二十四条第一款第（五）项');
    expect(text).toContain('人民币伍万元整（¥50,000.00）');
    // Filled from the case and the agency's settings: payment within 15 days and where, the remedies.
    expect(text).toContain('十五日内');
    expect(text).toContain('衡阳县人民政府申请行政复议');
    expect(text).toContain('六个月内');
    expect(text).toContain('二〇二六年十一月二十八日');
    expect(text).toContain(`核验码：${sealed.verificationCode!}`);
    expect(text).not.toMatch(/\{[a-zA-Z_]+\}/);
    // The QR picture carries the code.
    expect(slotBytes(docx, 'sx:qr').equals(await qrPng(sealed.verificationCode!))).toBe(true);

    // The printed code finds the issue entry; the file's digest finds the seal entry, once integrated.
    const byCode = await lookupByCode(h.database.db, sealed.verificationCode!);
    expect(byCode.entry.kind).toBe('documents.issued');
    expect(byCode.entry.subject).toEqual({ type: 'issued_document', id: first.id });
    await h.integrate();
    const byFile = await lookupBySha256(h.database.db, sealed.sha256!);
    expect(byFile.entry.kind).toBe('documents.sealed');
    expect(byFile.entry.fileSha256).toBe(sealed.sha256);
  });

  it('gives numbers without gaps or duplicates under concurrent issues, and takes back a rolled-back one', async () => {
    const type = { ...decision, type: 'order_to_correct', data: { ...decision.data, fields: orderFields } };
    const made = await Promise.all(Array.from({ length: 12 }, () => issue(type)));
    const serials = made.map((d) => Number(/〕(\d+)号/.exec(d.number)![1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const agency = await h.database.db
      .withoutPlugins()
      .selectFrom('agencies')
      .select('id')
      .where('short_name', '=', '衡县市监')
      .executeTakeFirstOrThrow();
    const actor = { personId: null, agencyId: agency.id, via: 'system' as const, ip: null };
    await expect(
      runCommand(h.deps, actor, async (ctx) => {
        await issueDocument(ctx, {
          agencyId: agency.id,
          type: 'order_to_correct',
          ...subject,
          data: { fields: orderFields },
        });
        throw new Error('the calling command fails after issuing');
      }),
    ).rejects.toThrow('the calling command fails');
    expect((await issue(type)).number).toBe('衡县市监责改〔2026〕13号');
  });

  it('keeps issued documents immutable: sealed once, never changed or deleted', async () => {
    const db = h.database.db.withoutPlugins(); // the test's own look (and attempts) at the rows
    const row = await db
      .selectFrom('issued_documents')
      .selectAll()
      .where('sha256', 'is not', null)
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('issued_documents').set({ number: 'X' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow();
    await expect(
      db
        .updateTable('issued_documents')
        .set({ sha256: '0'.repeat(64) })
        .where('id', '=', row.id)
        .execute(),
    ).rejects.toThrow();
    await expect(db.deleteFrom('issued_documents').where('id', '=', row.id).execute()).rejects.toThrow();
    const unsealed = await issue();
    await expect(
      db.updateTable('issued_documents').set({ subject_id: 'other' }).where('id', '=', unsealed.id).execute(),
    ).rejects.toThrow();
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const before = await h.database.db.withoutPlugins().selectFrom('issued_documents').select('id').execute();
    const bad = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, amountFen: 12.5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.data.amountFen');
    const unknown = await officer.send('POST', '/api/v1/documents', { ...decision, type: 'no_such_type' });
    expect(unknown.statusCode).toBe(400);
    const missingEvidence = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, evidenceIds: ['0190a0a0-0000-7000-8000-000000000001'] },
    });
    expect(missingEvidence.statusCode).toBe(400);
    expect(missingEvidence.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe(
      'body.data.evidenceIds.0',
    );
    // 行政处罚法 §59: a decision with an empty section is not issued; the error names each one.
    const empty = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, fields: { ...decision.data.fields, evidence: '', statement: ' ' } },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.data.fields.evidence',
      'body.data.fields.statement',
    ]);
    // A negative amount is told to be positive; a text longer than its field is refused, never cut.
    const negative = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, amountFen: -500 },
    });
    expect(negative.json<{ errors: { path: string; message: string }[] }>().errors[0]).toEqual({
      path: 'body.data.amountFen',
      message: '金额必须为正数',
    });
    const long = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, fields: { ...decision.data.fields, publicity: '公'.repeat(1001) } },
    });
    expect(long.statusCode).toBe(400);
    const longError = long.json<{ errors: { path: string; message: string }[] }>().errors[0]!;
    expect(longError.path).toBe('body.data.fields.publicity');
    expect(longError.message).toContain('不能超过 1000 个字符');
    // Dated after today (a pre-signed document) or before the act it follows: refused, the date named.
    const future = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, date: '2026-12-31' },
    });
    expect(future.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.data.date');
    const early = await officer.send('POST', '/api/v1/documents', {
      ...decision,
      data: { ...decision.data, date: '2020-01-01' },
    });
    expect(early.json<{ errors: { path: string; message: string }[] }>().errors[0]!.message).toContain(
      '早于它所依据的',
    );
    expect(
      await h.database.db.withoutPlugins().selectFrom('issued_documents').select('id').execute(),
    ).toHaveLength(before.length);
    // Another agency sees nothing of these documents.
    const first = before[0]!.id;
    expect((await otherAgency.get(`/api/v1/documents/${first}`)).statusCode).toBe(404);
  });

  it('takes agency templates as new versions (old ones kept) and number patterns, recorded', async () => {
    const shipped = shippedTemplate('penalty_notice').bytes;
    const zip = new PizZip(shipped);
    const xml = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', xml.replace('{agencyName}', '{agencyName}（本局自定模板）'));
    const own = zip.generate({ type: 'nodebuffer' });
    const upload = (client: Client, bytes: Buffer, note = '加注本局名称') =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/documents/templates/penalty_notice?note=${encodeURIComponent(note)}`,
        headers: {
          cookie: client.cookie,
          'x-csrf-token': client.csrf,
          'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
        payload: bytes,
      });
    expect((await upload(officer, own)).statusCode).toBe(403);
    const broken = await upload(head, Buffer.from('not a docx'));
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ code: string }>().code).toBe('TEMPLATE_INVALID');
    const res = await upload(head, own);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ version: number }>().version).toBe(1);
    expect((await upload(head, own, '再次上传')).json<{ version: number }>().version).toBe(2);
    const list = (await head.get('/api/v1/documents/templates')).json<
      { type: string; version: number; current: boolean }[]
    >();
    expect(list.filter((t) => t.type === 'penalty_notice').map((t) => [t.version, t.current])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    const old = await head.get('/api/v1/documents/templates/penalty_notice/0');
    expect(old.rawPayload.equals(shipped)).toBe(true);

    const pattern = await head.send('PUT', '/api/v1/documents/number-patterns/penalty_notice', {
      pattern: '衡市监罚告〔{year}〕第{n:3}号',
    });
    expect(pattern.statusCode, pattern.body).toBe(200);
    const badPattern = await head.send('PUT', '/api/v1/documents/number-patterns/penalty_notice', {
      pattern: '无序号',
    });
    expect(badPattern.statusCode).toBe(400);

    const notice = await issue({
      ...decision,
      type: 'penalty_notice',
      data: { ...decision.data, fields: noticeFields },
    });
    expect(notice.number).toBe('衡市监罚告〔2026〕第003号');
    expect(notice.templateVersion).toBe(2);
    await h.integrate();
    const content = await officer.get(`/api/v1/documents/${notice.id}/content`);
    expect(bodyText(content.rawPayload)).toContain('衡阳县市场监督管理局（本局自定模板）');
  });

  it('makes written records with signature images, a recorded refusal to sign, and linked AV evidence', async () => {
    const recorder = await officer.send('POST', '/api/v1/recorders', {
      serial: 'DSJ-DOC-1',
      model: 'DSJ-V9',
    });
    const video = await h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams({
        kind: 'video',
        ...subject,
        step: 'on_site_inspection',
        recorderId: recorder.json<{ id: string }>().id,
        capturedFrom: '2026-11-28T09:00:00+08:00',
        capturedTo: '2026-11-28T09:30:00+08:00',
        filename: '现场检查.mp4',
      }).toString()}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'video/mp4' },
      payload: randomBytes(4096),
    });
    expect(video.statusCode, video.body).toBe(201);
    const evidenceId = video.json<{ id: string }>().id;
    const sign1 = solidPng(40, 16, [10, 10, 10]);
    const sign2 = solidPng(40, 16, [20, 20, 20]);
    const form = {
      type: 'on_site_record',
      ...subject,
      parties: decision.data.parties,
      officers: [
        { name: '张伟', certificateNumber: '43042120230001' },
        { name: '黄磊', certificateNumber: '43042120230002' },
      ],
      fields: {
        time: '2026年11月28日 9时00分',
        endTime: '2026年11月28日 9时30分',
        place: '衡县某某商贸有限公司经营场所',
        present: '当事人负责人李某',
        content: '货架上有超过保质期的食品 12 袋。',
      },
      signatures: {
        party: { refused: true, reason: '当事人称不认可检查结果' },
        officers: [sign1.toString('base64'), sign2.toString('base64')],
      },
      evidenceIds: [evidenceId],
    };
    const oneOfficer = await officer.send('POST', '/api/v1/documents/written-records', {
      ...form,
      officers: form.officers.slice(0, 1),
    });
    expect(oneOfficer.statusCode).toBe(400);
    const notPng = await officer.send('POST', '/api/v1/documents/written-records', {
      ...form,
      signatures: {
        ...form.signatures,
        officers: [Buffer.from('GIF89a').toString('base64'), sign2.toString('base64')],
      },
    });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.signatures.officers.0');

    const res = await officer.send('POST', '/api/v1/documents/written-records', form);
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json<Doc>();
    expect(record.number).toBe('衡县市监现笔〔2026〕2号');
    await h.integrate();
    const docx = (await officer.get(`/api/v1/documents/${record.id}/content`)).rawPayload;
    const text = bodyText(docx);
    expect(text).toContain('现场笔录');
    expect(text).toContain('当事人拒绝签名（当事人称不认可检查结果），执法人员在场注明。');
    expect(text).toContain('张伟（执法证号：43042120230001）、黄磊（执法证号：43042120230002）');
    expect(text).toContain('录像 现场检查.mp4');
    expect(slotBytes(docx, 'sx:sign-officer-1').equals(sign1)).toBe(true);
    expect(slotBytes(docx, 'sx:sign-officer-2').equals(sign2)).toBe(true);
    const row = await h.database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row.data.evidenceIds).toEqual([evidenceId]);
    expect(row.data.signatures?.party).toEqual({ refused: true, reason: '当事人称不认可检查结果' });
  });

  it('the server sealer seals what each integration brings in, one run at a time', async () => {
    const { documentSealer } = await import('../../src/documents/sealer.ts');
    const errors: unknown[] = [];
    let commits = 0;
    const sealer = documentSealer({ ...h.deps, afterCommit: () => void commits++ }, (err) =>
      errors.push(err),
    );
    const docs = [await issue(), await issue()];
    await h.integrate();
    const run = sealer.run();
    // During the run: asks for one more after it, never a second run beside it.
    expect(sealer.run()).toBe(run);
    await run;
    const rows = await h.database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .select('sha256')
      .where(
        'id',
        'in',
        docs.map((d) => d.id),
      )
      .execute();
    expect(rows.map((r) => r.sha256 !== null)).toEqual([true, true]);
    expect(errors).toEqual([]);
    expect(commits).toBeGreaterThan(0);
  });

  it('renders PDF only where LibreOffice is installed', async () => {
    const doc = (await officer.get(`/api/v1/documents?${new URLSearchParams(subject).toString()}`)).json<
      Doc[]
    >()[0]!;
    const res = await officer.get(`/api/v1/documents/${doc.id}/pdf`);
    if (await findSoffice()) {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(res.statusCode).toBe(503);
      expect(res.json<{ code: string }>().code).toBe('PDF_UNAVAILABLE');
    }
  });

  it('leaves every document row equal to what its commands recorded (sanxiang verify)', async () => {
    const report = await verifyRecordLog(h.database.db, { verifiers: [], origin: 'test', subjectTables });
    expect(report.problems.filter((p) => /document/.test(p.table))).toEqual([]);
  });

  it('fills every shipped template without a leftover placeholder', async () => {
    const { fillDocx } = await import('../../src/documents/docx-fill.ts');
    const { documentTypeCodes } = await import('../../src/documents/document-types.ts');
    for (const type of documentTypeCodes) {
      const view = documentView(type, documentData.parse({ rows: [{ seq: '1' }] }), {
        agencyName: '衡县市场监督管理局',
        number: 'N',
        issuedOn: '2026-11-28',
        verificationCode: 'SX-1-ABCDEF',
      });
      const out = fillDocx(shippedTemplate(type).bytes, view, {});
      expect(bodyText(out), type).not.toMatch(/\{[#/]?[a-zA-Z_]+\}/);
    }
  });
});
