import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath, blobRootOf } from '../../src/records/blob-store.ts';
import { choose, newPage, signInThroughPage, startSite, type Site } from './browser.ts';

/** A 1×1 PNG: the photo taken at the interview, linked to the record as its AV evidence. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Signs on a signature pad with the mouse: a pressed stroke across the canvas. */
async function signWithMouse(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 15, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 2 });
  }
  await page.mouse.up();
  await expect.poll(() => pad.getAttribute('data-signed')).toBe('true');
}

/** Signs with a finger: the pointer events a touch screen sends (pointerType touch). */
async function signWithTouch(pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (i: number) => ({
    pointerId: 7,
    pointerType: 'touch',
    isPrimary: true,
    button: 0,
    buttons: i < 0 ? 0 : 1,
    pressure: 0.6,
    bubbles: true,
    clientX: box.x + 30 + Math.abs(i) * 12,
    clientY: box.y + 40 + (Math.abs(i) % 3) * 20,
  });
  await pad.dispatchEvent('pointerdown', at(0));
  for (let i = 1; i <= 10; i++) await pad.dispatchEvent('pointermove', at(i));
  await pad.dispatchEvent('pointerup', at(-11));
  await expect.poll(() => pad.getAttribute('data-signed')).toBe('true');
}

/** Types both ends of an antd RangePicker with time, each confirmed with Enter. */
async function pickPeriod(page: Page, dialog: Locator, start: string, end: string): Promise<void> {
  const from = dialog.getByPlaceholder('开始时间');
  const to = dialog.getByPlaceholder('结束时间');
  await from.click();
  await page.locator('.ant-picker-dropdown:visible').first().waitFor();
  await from.fill(start);
  await from.press('Enter');
  await to.fill(end);
  await to.press('Enter');
  await expect.poll(() => from.inputValue()).toBe(start);
  await expect.poll(() => to.inputValue()).toBe(end);
  await page.keyboard.press('Escape').catch(() => undefined);
}

interface StoredRecord {
  type: string;
  data: {
    officers: { name: string; certificateNumber: string }[];
    fields: Record<string, string>;
    rows: Record<string, string>[];
    evidenceIds: string[];
    signatures: { party: { sha256: string } | { refused: true; reason: string } | null; officers: string[] };
  };
}

/**
 * 制作笔录 in the workbench (issue 12 item 6): an officer opens the demo's case under investigation, takes an
 * interview record with two questions and answers, the photo of the case linked, the party signing with a
 * finger and both officers with the mouse on the screen; then an on-site record the party refuses to sign.
 * Each issued record is listed with the case's documents, and stored with its signatures.
 */
describe('written records on the case page (browser)', () => {
  let site: Site;
  let dataDir: string;
  let caseUrl = '';
  let photoId = '';

  const stored = async (id: string) =>
    (await site.database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .select(['type', 'data'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()) as unknown as StoredRecord;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-e2e-records-'));
    site = await startSite({ dataDir });
    // The demo's penalty case under investigation, with two officers of the bureau.
    const kase = await site.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .innerJoin('agencies', 'agencies.id', 'cases.agency_id')
      .select('cases.id')
      .where('agencies.short_name', '=', '衡县市监')
      .where('cases.kind', '=', 'penalty_ordinary')
      .where('cases.state', '=', 'investigating')
      .orderBy('cases.case_number')
      .executeTakeFirstOrThrow();
    caseUrl = `${site.url}/app/cases?case=${kase.id}`;
  });
  afterAll(async () => {
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an officer takes an interview record, the party signing with a finger and both officers with the mouse', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');
    // The photo of the interview, uploaded through the API as the evidence page would.
    const me = (await (await page.request.get(`${site.url}/api/v1/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': me.csrfToken };
    const recorder = await page.request.post(`${site.url}/api/v1/recorders`, {
      headers,
      data: { serial: 'DSJ-E2E-09', model: 'DSJ-V9' },
    });
    expect(recorder.status(), await recorder.text()).toBe(201);
    const query = new URLSearchParams({
      kind: 'photo',
      subjectType: 'case',
      subjectId: new URL(caseUrl).searchParams.get('case')!,
      recorderId: ((await recorder.json()) as { id: string }).id,
      filename: '询问现场.png',
    });
    const photo = await page.request.post(`${site.url}/api/v1/evidence?${query.toString()}`, {
      headers: { ...headers, 'content-type': 'image/png' },
      data: PHOTO,
    });
    expect(photo.status(), await photo.text()).toBe(201);
    photoId = ((await photo.json()) as { id: string }).id;

    await page.goto(caseUrl);
    await page.getByTestId('case-state').waitFor();
    await page.getByRole('button', { name: '制作笔录' }).click();
    const dialog = page.getByRole('dialog', { name: '制作笔录' });
    await choose(page, dialog.getByLabel('笔录种类'), '询问笔录');
    // The officers present are the case's, with their certificates; the notice of rights is prefilled.
    await dialog
      .getByText(/张伟（\d+）/)
      .first()
      .waitFor();
    const notice = dialog.getByLabel('告知事项');
    await expect.poll(() => notice.inputValue()).toContain('申请回避');
    expect(await notice.inputValue()).toContain('如实回答');
    // …naming the officers with their certificates once these have loaded.
    await expect.poll(() => notice.inputValue()).toMatch(/张伟（执法证号：\d+）/);
    await pickPeriod(page, dialog, '2026-11-27 09:30', '2026-11-27 10:15');
    await dialog.getByLabel('询问地点').fill('衡阳县市场监督管理局询问室');
    await dialog.getByLabel('问 1').fill('你单位是否取得食品经营许可证？');
    await dialog.getByLabel('答 1').fill('还没有取得，正在办理。');
    await dialog.getByRole('button', { name: '添加一问一答' }).click();
    await dialog.getByLabel('问 2').fill('从何时开始经营？');
    await dialog.getByLabel('答 2').fill('今年十月一日开始。');
    // A multiple select: the option chosen shows as a tag in the field.
    const av = dialog.getByLabel('关联的音像记录（本案证据文件）');
    await av.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '询问现场.png' })
      .click();
    await dialog.locator('.ant-select-selection-item', { hasText: '询问现场.png' }).waitFor();
    await av.press('Escape');

    // Unsigned, the form says who must still sign, in Chinese, at the pad; nothing is sent.
    await dialog.getByRole('button', { name: /签发笔录/ }).click();
    await dialog.getByText('请当事人签名，或记录拒签情况').waitFor();
    expect(await dialog.getByText('请执法人员签名').count()).toBe(2);

    await signWithTouch(dialog.getByTestId('signature-party'));
    await signWithMouse(page, dialog.getByTestId('signature-officer-0'));
    await signWithMouse(page, dialog.getByTestId('signature-officer-1'));
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/documents/written-records'),
    );
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/documents/written-records'),
    );
    await dialog.getByRole('button', { name: /签发笔录/ }).click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(201);
    const body = (await sent).postDataJSON() as {
      signatures: { party: { png: string }; officers: string[] };
    };
    const issued = (await answer.json()) as { id: string; number: string };
    await dialog.waitFor({ state: 'detached' });

    // Listed with the case's documents.
    await page.getByRole('cell', { name: issued.number }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(issued.number) });
    expect(await row.getByText('询问笔录').count()).toBe(1);

    // Stored with the party's signature (the PNG drawn on the screen, in the blob store) and both officers'.
    const api = await page.request.get(`${site.url}/api/v1/documents/${issued.id}`);
    expect(((await api.json()) as { type: string }).type).toBe('interview_record');
    const record = await stored(issued.id);
    const partyPng = Buffer.from(body.signatures.party.png, 'base64');
    expect(partyPng.subarray(1, 4).toString()).toBe('PNG');
    expect(record.data.signatures.party).toEqual({ sha256: sha256(partyPng) });
    expect(record.data.signatures.officers).toEqual(
      body.signatures.officers.map((png) => sha256(Buffer.from(png, 'base64'))),
    );
    expect(fs.existsSync(blobPath(blobRootOf(dataDir), sha256(partyPng)))).toBe(true);
    expect(record.data.rows).toEqual([
      { question: '你单位是否取得食品经营许可证？', answer: '还没有取得，正在办理。' },
      { question: '从何时开始经营？', answer: '今年十月一日开始。' },
    ]);
    expect(record.data.evidenceIds).toEqual([photoId]);
    expect(record.data.officers.map((o) => o.name).sort()).toEqual(['张伟', '黄磊'].sort());
    expect(record.data.officers.every((o) => /^\d+$/.test(o.certificateNumber))).toBe(true);
    // The 2021 format's 开始时间 and 结束时间, each in full.
    expect(record.data.fields.time).toBe('2026年11月27日 09时30分');
    expect(record.data.fields.endTime).toBe('2026年11月27日 10时15分');
    expect(record.data.fields.notice).toContain('申请回避');
    expect(record.data.fields.notice).toContain(
      `（执法证号：${record.data.officers[0]!.certificateNumber}）`,
    );
    await page.context().close();
  });

  it('the party refuses to sign an on-site record: the refusal and its circumstances are recorded', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');
    await page.goto(caseUrl);
    await page.getByTestId('case-state').waitFor();
    await page.getByRole('button', { name: '制作笔录' }).click();
    const dialog = page.getByRole('dialog', { name: '制作笔录' });
    await pickPeriod(page, dialog, '2026-11-27 14:00', '2026-11-27 14:40');
    await dialog.getByLabel('检查地点').fill('衡阳县西渡镇演示路 2 号');
    await dialog.getByLabel('在场人员').fill('当事人负责人钱某某');
    await dialog.getByLabel('现场情况').fill('经营场所正在经营餐饮，未悬挂食品经营许可证。');
    await dialog.getByLabel('当事人拒绝签名').check();
    await dialog.getByLabel('拒签情况').fill('当事人称不认可检查结果，拒绝签名，执法人员在场见证。');
    await signWithMouse(page, dialog.getByTestId('signature-officer-0'));
    await signWithMouse(page, dialog.getByTestId('signature-officer-1'));
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/documents/written-records'),
    );
    await dialog.getByRole('button', { name: /签发笔录/ }).click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(201);
    const issued = (await answer.json()) as { id: string; number: string };
    await page.getByRole('cell', { name: issued.number }).waitFor();

    const record = await stored(issued.id);
    expect(record.type).toBe('on_site_record');
    expect(record.data.signatures.party).toEqual({
      refused: true,
      reason: '当事人称不认可检查结果，拒绝签名，执法人员在场见证。',
    });
    expect(record.data.signatures.officers).toHaveLength(2);
    await page.context().close();
  });
});
