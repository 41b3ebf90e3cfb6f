import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, signInThroughPage, startSite, type Site } from './browser.ts';

describe('record log in the workbench (browser)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('shows each audit event with its log index and a check mark the browser verified itself', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'admin');
    await site.integrate();
    await page.goto(`${site.url}/app/audit-events`);
    const verified = page.getByText('✓ 已核验').first();
    await verified.waitFor({ timeout: 15_000 });
    expect(await page.getByText('✗ 未通过').count()).toBe(0);
    await page.context().close();
  });

  it('lets an administrator run the full verification now, and lists the recorded run', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'admin');
    await site.integrate();
    await page.goto(`${site.url}/app/log`);
    await page.getByText('最新检查点（浏览器已读取）').waitFor();
    await page.getByRole('button', { name: /立即核验/ }).click();
    await page.getByText(/核验完成：\d+ 条日志与业务记录一致/).waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: '一致' }).first().waitFor();
    await page.context().close();
  });
});
