import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principal } from '../../src/demo/demo-principal.ts';
import { AppError } from '../../src/platform/errors.ts';
import { blobPath, blobRootOf } from '../../src/records/blob-store.ts';
import { uploadEvidence } from '../../src/records/evidence.service.ts';
import { uploadQuery } from '../../src/records/evidence.schema.ts';
import { startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, type Client } from '../harness.ts';
import { verifyProblems } from './records-harness.ts';

interface EvidenceBody {
  id: string;
  kind: string;
  sha256: string;
  electronicData: {
    originalCarrier: string;
    extractionMethod: string;
    extractionSha256: string;
    extractedAt: string;
    extractionPlace: string;
    extractionDocumentId: string | null;
    extractionDocumentNumber: string | null;
  } | null;
}
interface Problem {
  code: string;
  errors: { path: string; message: string }[];
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Electronic data as evidence (issue 12 item 7; 行政处罚法 §46): the extraction it states, the digest recorded
 * at extraction checked against the bytes, the extraction record an issued 证据提取单 of the same case.
 */
describe.each(databaseKinds)('electronic data as evidence on %s', (kind) => {
  let h: DocumentsHarness;
  let officer: Client; // 张伟
  let otherAgency: Client;
  let caseId = '';
  let recordId = '';
  let recordNumber = '';
  const page = randomBytes(4096); // a screenshot of the party's shop page, say

  const extraction = () => ({
    kind: 'electronic_data',
    subjectType: 'case',
    subjectId: caseId,
    originalCarrier: '当事人网店页面（https://shop.example/item/42）',
    extractionMethod: 'web_capture',
    extractionSha256: sha256(page),
    extractedAt: '2026-11-28T09:10:00+08:00',
    extractionPlace: '衡阳县市场监督管理局电子数据取证室',
    filename: '网店页面截图.png',
  });
  const upload = (client: Client, query: Record<string, string>, payload: Buffer, type = 'image/png') =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams(query).toString()}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': type },
      payload,
    });
  const rows = async () =>
    (await h.database.db.withoutPlugins().selectFrom('evidence_files').select('id').execute()).length;

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    officer = await signIn(h, 'zhangwei');
    otherAgency = await signIn(h, 'penghui');
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
      .select('cases.id')
      .where('agencies.short_name', '=', '衡县市监')
      .where('cases.state', '=', 'investigating')
      .orderBy('cases.case_number')
      .executeTakeFirstOrThrow();
    caseId = kase.id;
    const issued = await officer.send('POST', '/api/v1/documents', {
      type: 'evidence_extraction',
      subjectType: 'case',
      subjectId: caseId,
      data: {
        parties: [{ kind: 'organisation', name: '衡阳县演示餐馆' }],
        fields: {
          evidence: '当事人网店商品页面截图 1 张',
          source: '在取证室以网页截取方式提取，SHA-256 当场计算并记录',
        },
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    ({ id: recordId, number: recordNumber } = issued.json<{ id: string; number: string }>());
  });
  afterAll(() => h.close());

  it('the service stores electronic data whose bytes have the digest recorded at extraction, and records it', async () => {
    const before = await auditCount(h);
    const query = uploadQuery.parse({ ...extraction(), extractionDocumentId: recordId });
    const evidence = await uploadEvidence(h.deps, await principal(h.deps, '张伟'), query, {
      stream: Readable.from([page]),
      mediaType: 'image/png',
      contentLength: page.length,
      contentDigestSha256: undefined,
    });
    expect(evidence.kind).toBe('electronic_data');
    expect(evidence.electronicData).toEqual({
      originalCarrier: '当事人网店页面（https://shop.example/item/42）',
      extractionMethod: 'web_capture',
      extractionSha256: sha256(page),
      extractedAt: '2026-11-28T01:10:00.000Z',
      extractionPlace: '衡阳县市场监督管理局电子数据取证室',
      extractionDocumentId: recordId,
      extractionDocumentNumber: recordNumber,
    });
    expect(await auditCount(h)).toBe(before + 1);
    const row = await h.database.db
      .withoutPlugins()
      .selectFrom('evidence_files')
      .selectAll()
      .where('id', '=', evidence.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ extraction_sha256: row.sha256, extraction_document_id: recordId });
    expect(await verifyProblems(h)).toEqual([]);
  });

  it('the service refuses bytes whose digest differs from the extraction record, naming the field, keeping nothing', async () => {
    const before = { rows: await rows(), audit: await auditCount(h) };
    const changed = Buffer.concat([page, Buffer.from([0])]);
    const query = uploadQuery.parse(extraction());
    const refused = await uploadEvidence(h.deps, await principal(h.deps, '张伟'), query, {
      stream: Readable.from([changed]),
      mediaType: 'image/png',
      contentLength: changed.length,
      contentDigestSha256: undefined,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    const error = refused as AppError;
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.errors).toEqual([
      { path: 'querystring.extractionSha256', message: expect.stringContaining(sha256(changed)) as unknown },
    ]);
    expect({ rows: await rows(), audit: await auditCount(h) }).toEqual(before);
    expect(fs.existsSync(blobPath(blobRootOf(h.dataDir), sha256(changed)))).toBe(false);
  });

  it('over HTTP: names every missing field of electronic data, and refuses extraction facts on a photo', async () => {
    const missing = await upload(
      officer,
      { kind: 'electronic_data', subjectType: 'case', subjectId: caseId },
      page,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().errors.map((e) => e.path)).toEqual([
      'querystring.originalCarrier',
      'querystring.extractionMethod',
      'querystring.extractionSha256',
      'querystring.extractedAt',
      'querystring.extractionPlace',
    ]);
    expect(missing.json<Problem>().errors[0]!.message).toContain('原始存储介质');
    const photo = await upload(officer, { ...extraction(), kind: 'scan' }, page);
    expect(photo.statusCode).toBe(400);
    expect(photo.json<Problem>().errors[0]).toEqual({
      path: 'querystring.originalCarrier',
      message: '只有电子数据有提取信息',
    });
    const badMethod = await upload(officer, { ...extraction(), extractionMethod: 'guess' }, page);
    expect(badMethod.statusCode).toBe(400);
    expect(badMethod.json<Problem>().errors[0]!.path).toBe('querystring.extractionMethod');
  });

  it('over HTTP: the extraction record is a 证据提取单 of the same case of the agency', async () => {
    const source = await officer.send('POST', '/api/v1/documents', {
      type: 'case_source',
      subjectType: 'case',
      subjectId: caseId,
      data: { fields: { source: '投诉举报' } },
    });
    expect(source.statusCode, source.body).toBe(201);
    const wrongType = await upload(
      officer,
      { ...extraction(), extractionDocumentId: source.json<{ id: string }>().id },
      page,
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<Problem>().errors).toEqual([
      { path: 'querystring.extractionDocumentId', message: '提取记录应为证据提取单' },
    ]);
    // Another agency's officer naming this agency's record: as unknown as a record that does not exist.
    const foreign = await upload(
      otherAgency,
      { ...extraction(), subjectId: '另一机关的案件', extractionDocumentId: recordId },
      page,
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<Problem>().errors).toEqual([
      { path: 'querystring.extractionDocumentId', message: '本机关没有这份文书' },
    ]);
  });

  it('over HTTP: a mismatched digest answers 422 naming the field; a matching one is stored and shown', async () => {
    const before = await rows();
    const other = randomBytes(100);
    const mismatch = await upload(officer, extraction(), other);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json<Problem>()).toMatchObject({
      code: 'DIGEST_MISMATCH',
      errors: [{ path: 'querystring.extractionSha256' }],
    });
    expect(await rows()).toBe(before);

    const text = Buffer.from('聊天记录导出：2026-11-20 当事人称“这批货没有检验报告”。\n');
    const ok = await upload(
      officer,
      {
        ...extraction(),
        extractionMethod: 'copy',
        originalCarrier: '当事人手机',
        extractionSha256: sha256(text).toUpperCase(),
        filename: '聊天记录.txt',
      },
      text,
      'text/plain; charset=utf-8',
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const shown = (await officer.get(`/api/v1/evidence/${ok.json<EvidenceBody>().id}`)).json<EvidenceBody>();
    expect(shown).toMatchObject({
      kind: 'electronic_data',
      sha256: sha256(text),
      electronicData: {
        originalCarrier: '当事人手机',
        extractionMethod: 'copy',
        extractionSha256: sha256(text),
        extractionDocumentId: null,
        extractionDocumentNumber: null,
      },
    });
    const list = await officer.get(
      `/api/v1/evidence?kind=electronic_data&subjectType=case&subjectId=${caseId}`,
    );
    expect(list.json<{ total: number }>().total).toBe(2);
    expect(fs.existsSync(path.join(blobRootOf(h.dataDir)))).toBe(true);
  });

  it('the database itself refuses electronic data whose bytes are not those of its extraction record', async () => {
    const db = h.database.db.withoutPlugins();
    const row = await db
      .selectFrom('evidence_files')
      .selectAll()
      .where('kind', '=', 'electronic_data')
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('evidence_files')
        .values({
          ...row,
          id: '00000000-0000-4000-8000-000000000024',
          extraction_sha256: '0'.repeat(64),
          officer_ids: JSON.stringify(row.officer_ids),
          interruptions: JSON.stringify(row.interruptions),
        })
        .execute(),
    ).rejects.toThrow(/evidence_files_extraction_check/);
  });
});
