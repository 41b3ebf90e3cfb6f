import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, newPage, signInThroughPage, startSite, type Site } from './browser.ts';

describe('the audit log page speaks Chinese (browser)', () => {
  let site: Site;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-e2e-audit-'));
    site = await startSite({ dataDir });
  });
  afterAll(async () => {
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an administrator filters the audit log by event and exports what the filter shows', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'admin');
    await page.goto(`${site.url}/app/audit-events`);
    await page.getByRole('cell', { name: '登录' }).first().waitFor();

    const form = page.locator('form#audit-filters');
    await choose(page, form.getByLabel('事件'), '登记案件');
    const filtered = page.waitForResponse((r) => r.url().includes('kind=cases.case_created') && r.ok());
    await form.getByRole('button', { name: /查\s*询/ }).click();
    const total = (await (await filtered).json()) as { total: number };
    expect(total.total).toBeGreaterThan(0);
    await page.getByText(`共 ${total.total} 条`).waitFor();
    const kinds = await page.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['登记案件']));
    // The case is named by its number, not its id.
    expect(await page.locator('tbody tr.ant-table-row td:nth-child(7)').first().innerText()).toMatch(
      /案件 .+〔\d{4}〕\d+号/,
    );

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('事件');
    expect(sheet.rowCount).toBe(1 + total.total);
    const exportedKinds = new Set(sheet.getColumn(3).values.slice(2));
    expect(exportedKinds).toEqual(new Set(['登记案件']));
  });
});
