import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, newPage, pickDate, signInThroughPage, startSite, type Site } from './browser.ts';

/** A 1×1 PNG: a real image, so the detail page can show it. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('evidence files in the workbench (browser)', () => {
  let site: Site;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-e2e-evidence-'));
    site = await startSite({ dataDir });
  });
  afterAll(async () => {
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an officer registers a recorder, uploads a photo with its metadata, opens it and sees the verified log index', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');

    // 执法记录仪: the device the photo was taken with.
    await page.goto(`${site.url}/app/records/recorders`);
    await page.getByRole('button', { name: /登记设备/ }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('设备编号').fill('DSJ-E2E-01');
    await form.getByLabel('型号').fill('DSJ-V9');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: 'DSJ-E2E-01' }).waitFor();

    // 证据: upload with metadata.
    await page.goto(`${site.url}/app/records/evidence`);
    await page.getByRole('button', { name: /上传证据文件/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO });
    await dialog.getByLabel('对象编号').fill('衡县市监立〔2026〕99号');
    await choose(page, dialog.getByLabel('执法环节'), '现场检查');
    await choose(page, dialog.getByLabel('记录设备'), 'DSJ-E2E-01');
    await dialog.getByLabel('地点').fill('衡县城关镇解放路 12 号');
    const uploaded = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/api/v1/evidence'),
      { timeout: 60_000 },
    );
    await dialog.getByRole('button', { name: /^上\s*传$/ }).click();
    const answer = await uploaded;
    expect(answer.status(), await answer.text()).toBeLessThan(300);

    // The detail page opens on the new file: the photo itself, its digests, its log entry.
    await page.getByRole('heading', { name: '证据文件：现场照片.png' }).waitFor({ timeout: 15_000 });
    const sha256 = createHash('sha256').update(PHOTO).digest('hex');
    const sm3 = createHash('sm3').update(PHOTO).digest('hex');
    expect((await page.getByTestId('evidence-sha256').innerText()).trim()).toBe(sha256);
    expect((await page.getByTestId('evidence-sm3').innerText()).trim()).toBe(sm3);
    await page.getByText('照片').first().waitFor();
    await page.getByText('衡县城关镇解放路 12 号').waitFor();
    await page.getByText('DSJ-E2E-01').waitFor();
    const photo = page.getByRole('img', { name: '现场照片.png' });
    // The image decoded: its natural width is the PNG's (the root tsconfig has no DOM types).
    await expect
      .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(1);
    await page.getByText('待写入').waitFor();

    // Once the entry is in a signed checkpoint, the browser checks its inclusion proof itself.
    await site.integrate();
    await page.reload();
    await page.getByRole('cell', { name: '上传证据文件' }).waitFor();
    await page.getByText('✓ 已核验').first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('✗ 未通过').count()).toBe(0);

    // The list shows it, filtered by the subject.
    await page.getByRole('button', { name: /返回列表/ }).click();
    await page.getByLabel('对象编号').fill('衡县市监立〔2026〕99号');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByRole('link', { name: '现场照片.png' }).waitFor();
    expect(await page.getByText('共 1 个文件').count()).toBe(1);
    await page.context().close();
  });

  it('an officer uploads electronic data: a digest other than the one recorded at extraction is refused at its field', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');
    const chat = Buffer.from('2026-11-20 10:02 当事人：这批货没有检验报告。\n');
    const recorded = createHash('sha256').update(chat).digest('hex');
    await page.goto(`${site.url}/app/records/evidence`);
    await page.getByRole('button', { name: /上传证据文件/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '聊天记录.txt', mimeType: 'text/plain', buffer: chat });
    // A text file is taken for electronic data: its extraction's fields replace the capture's.
    await dialog.getByLabel('原始存储介质').waitFor();
    expect(await dialog.getByLabel('拍摄起止时间').count()).toBe(0);
    await dialog.getByLabel('对象编号').fill('衡县市监立〔2026〕98号');
    await dialog.getByLabel('原始存储介质').fill('当事人手机（微信聊天记录）');
    await choose(page, dialog.getByLabel('提取方式'), '拷贝（复制）');
    await pickDate(page, dialog.getByLabel('提取时间'), '2026-11-27 10:30:00');
    await dialog.getByLabel('提取地点').fill('衡县城关镇解放路 12 号');
    // The digest on the extraction record, mistyped: the server refuses it at the field, keeps nothing.
    const mistyped = `${recorded[0] === '0' ? '1' : '0'}${recorded.slice(1)}`;
    await dialog.getByLabel('提取时记录的 SHA-256').fill(mistyped);
    const upload = () =>
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/evidence'), {
        timeout: 60_000,
      });
    let answered = upload();
    await dialog.getByRole('button', { name: /^上\s*传$/ }).click();
    expect((await answered).status()).toBe(422);
    await dialog.locator('.ant-form-item-explain-error', { hasText: '与提取时记录的摘要不一致' }).waitFor();

    await dialog.getByLabel('提取时记录的 SHA-256').fill(recorded);
    answered = upload();
    await dialog.getByRole('button', { name: /^上\s*传$/ }).click();
    expect((await answered).status()).toBe(201);
    await page.getByRole('heading', { name: '证据文件：聊天记录.txt' }).waitFor({ timeout: 15_000 });
    await page.getByText('当事人手机（微信聊天记录）').waitFor();
    await page.getByText('与文件的 SHA-256 一致').waitFor();
    expect((await page.getByTestId('extraction-sha256').innerText()).trim()).toBe(recorded);
    expect(await page.getByText('电子数据').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
