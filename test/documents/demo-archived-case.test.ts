import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTypes, isDocumentType } from '../../src/documents/document-types.ts';
import { findSoffice } from '../../src/documents/pdf.ts';
import { buffer as readAll } from 'node:stream/consumers';
import { startDocumentsHarness, type DocumentsHarness } from './documents-harness.ts';

/**
 * Issue 12's first test of done: the demo's complete penalty case, archived as `npm start` leaves it, read
 * document by document from the sealed .docx files (their document.xml), as a court, a reviewer or a
 * case-file evaluator would read them: each holds what 行政处罚法 §59 and the 2021 SAMR format require,
 * with the demo's values.
 */
const TITLE = '未取得食品经营许可经营预包装食品案';

/** The words of a .docx as printed: runs joined, paragraphs and breaks as newlines. */
function textOf(docx: Buffer): string {
  const xml = new PizZip(docx).file('word/document.xml')!.asText();
  return xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

describe('the demo’s archived penalty case, read document by document', () => {
  let h: DocumentsHarness;
  const text = new Map<string, string>();
  let certificates: string[] = [];
  let state = '';
  let caseId = '';

  beforeAll(async () => {
    h = await startDocumentsHarness('pglite', { archivedDemo: true });
    const db = h.database.db.withoutPlugins();
    const kase = await db
      .selectFrom('cases')
      .select(['id', 'state'])
      .where('title', '=', TITLE)
      .executeTakeFirstOrThrow();
    state = kase.state;
    caseId = kase.id;
    const docs = await db
      .selectFrom('issued_documents')
      .select(['type', 'sha256'])
      .where('subject_id', '=', kase.id)
      .orderBy('issued_at')
      .execute();
    for (const d of docs) {
      expect(d.sha256, `${d.type} is sealed`).not.toBeNull();
      text.set(d.type, textOf(await readAll(h.deps.blobs.read(d.sha256!))));
    }
    const certs = await db
      .selectFrom('certificates as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['p.name', 'c.number'])
      .where('p.name', 'in', ['张伟', '黄磊'])
      .orderBy('p.name')
      .execute();
    certificates = certs.map((c) => `${c.name}（执法证号：${c.number}）`);
  });
  afterAll(() => h.close());

  const of = (type: string) => {
    const t = text.get(type);
    if (t === undefined) throw new Error(`the case has no ${type}`);
    return t;
  };

  it('is archived, with its case file assembled: cover, index, evidence list, notes', () => {
    expect(state).toBe('archived');
    for (const type of ['case_file_cover', 'case_file_index', 'evidence_list', 'case_file_notes'])
      expect(text.has(type), type).toBe(true);
    for (const [type, t] of text) expect(t, type).not.toMatch(/\{[#/]?[a-zA-Z_]+\}/);
  });

  it('the decision has every element of 行政处罚法 §59, in the order of the 2021 format', () => {
    const d = of('penalty_decision');
    const inOrder = [
      '行政处罚决定书',
      // §59 (一): the party, by name, credit code, representative and address
      '名称：衡阳县演示副食品批发部，统一社会信用代码：91430421MA4PDEM01',
      '法定代表人（负责人）：孙某某',
      '住所：衡阳县西渡镇演示街 8 号',
      // the source and course of the investigation
      '依法立案调查',
      // §59 (二): the facts and the evidence
      '经查，当事人衡阳县演示副食品批发部未取得食品经营许可',
      '上述事实，主要有以下证据证明',
      '现场笔录（衡县市监现笔',
      '询问笔录（衡县市监询笔',
      '照片 3 张',
      // the statement and defence, and how they were taken
      '送达了《行政处罚告知书》',
      '书面表示放弃陈述、申辩的权利',
      // §59 (三): the bases and the sanctions, with the amount in capitals and figures
      '违反了《中华人民共和国食品安全法》第三十五条第一款的规定',
      '依据《中华人民共和国食品安全法》第一百二十二条第一款的规定',
      '罚款人民币柒万元整（¥70,000.00）',
      // §59 (四): how and by when: 15 days, where, 3% a day late (§67, §72)
      '收到本决定书之日起十五日内',
      '中国农业银行股份有限公司衡阳县支行',
      '每日按罚款数额的百分之三加处罚款',
      // §59 (五): the remedies and their limits (行政复议法 §20, 行政诉讼法 §46)
      '六十日内向衡阳县人民政府申请行政复议',
      '六个月内直接向衡阳县人民法院提起行政诉讼',
      // 公示规定 §8: the party is told the decision will be published
      '通过国家企业信用信息公示系统向社会公示本行政处罚决定信息',
      // §59 (六): the agency and the date
      '衡阳县市场监督管理局',
      '二〇二六年',
    ];
    let at = 0;
    for (const part of inOrder) {
      const found = d.indexOf(part, at);
      expect(found, `「${part}」 after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found;
    }
  });

  it('the notice states the facts, the bases, the proposed penalty and the rights with their limit', () => {
    const n = of('penalty_notice');
    expect(n).toContain('经查，当事人衡阳县演示副食品批发部未取得食品经营许可');
    expect(n).toContain('第一百二十二条第一款');
    expect(n).toContain('本局拟对你（单位）作出如下行政处罚');
    expect(n).toContain('罚款人民币柒万元整（¥70,000.00）');
    expect(n).toContain('五个工作日内');
    expect(n).toContain('陈述、申辩');
  });

  it('the written records name both officers with their certificates, the times, the notice of rights, the signatures', () => {
    for (const type of ['on_site_record', 'interview_record']) {
      const r = of(type);
      for (const c of certificates) expect(r, `${type}: ${c}`).toContain(c);
      expect(r).toMatch(/开始时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}时\d{2}分/);
      expect(r).toMatch(/结束时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}时\d{2}分/);
      expect(r).toContain('申请回避');
      expect(r).toContain('当事人（签名）');
      expect(r).toContain('执法人员（签名）');
    }
    expect(of('interview_record')).toContain('你单位经营预包装食品，是否取得了食品经营许可证？');
    expect(of('on_site_record')).toContain('音像记录：1. 照片 现场检查-货架全景.png');
  });

  it('the approvals, the report, the service certificate and the closing say what the case did', () => {
    expect(of('filing_approval')).toContain('同意立案');
    expect(of('filing_approval')).toContain(TITLE);
    const report = of('investigation_report');
    expect(report).toContain('当事人对上述事实无异议');
    expect(report).toContain('一般处罚情形');
    const service = of('proof_of_service');
    expect(service).toContain('《行政处罚决定书》（衡县市监处罚');
    expect(service).toContain('直接送达');
    expect(of('closing_approval')).toContain('行政处罚决定已履行完毕');
    const summary = of('penalty_info_summary');
    expect(summary).toContain('行政处罚决定书文号：衡县市监处罚');
    expect(summary).toContain('罚款人民币柒万元整');
  });

  it('the cover names the 案由 and the retention period', () => {
    const cover = of('case_file_cover');
    expect(cover).toContain(`案由：${TITLE}`);
    expect(cover).toContain('保管期限：长期');
  });

  it('a one-page form prints on one page (its code beside the date, not alone on page 2)', async () => {
    if (!(await findSoffice())) return;
    const db = h.database.db.withoutPlugins();
    const rows = await db
      .selectFrom('issued_documents as d')
      .innerJoin('document_renderings as r', (j) =>
        j.onRef('r.docx_sha256', '=', 'd.sha256').onRef('r.agency_id', '=', 'd.agency_id'),
      )
      .select(['d.type', 'r.pages'])
      .where('d.subject_id', '=', caseId)
      .execute();
    const onePage = rows.filter((r) => isDocumentType(r.type) && 'onePage' in documentTypes[r.type]);
    expect(onePage.length).toBeGreaterThan(3);
    for (const r of onePage) expect(r.pages, r.type).toBe(1);
  });
});
