import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, newPage, pickDate, signInThroughPage, startSite, type Site } from './browser.ts';

describe('the deadline calculator in the workbench (browser)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('an officer computes the service of a decision of 2026-09-28: served by 2026-10-13, National Day skipped', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'huanglei');
    await page.goto(`${site.url}/app/calculator`);
    await page.getByRole('heading', { name: '期限计算' }).waitFor();

    const form = page.locator('form#calculator-periods');
    await choose(page, form.getByLabel('期限'), '送达行政处罚决定书');
    await pickDate(page, form.getByLabel('起算日'), '2026-09-28');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/rules/periods'));
    await form.getByRole('button', { name: /计\s*算/ }).click();
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { lastDay: string }).lastDay).toBe('2026-10-13');

    const answer = page.getByTestId('calculator-answer');
    await answer.getByText('期间届满日：2026-10-13').waitFor();
    await answer.getByText('法定节假日，不计入：2026-10-01 至 2026-10-07').waitFor();
    await answer.getByText(/调休上班日，计入：2026-10-10/).waitFor();
    await answer.getByText(/依据：行政处罚法 §61/).waitFor();
  });

  it('shows the API’s field error on its field, and a surcharge with its days late', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'huanglei');
    await page.goto(`${site.url}/app/calculator`);
    await page.getByRole('tab', { name: '加处罚款' }).click();
    const form = page.locator('form#calculator-surcharge');
    await form.getByLabel('罚款数额（元）').fill('200000000000');
    await pickDate(page, form.getByLabel('收到处罚决定书之日'), '2026-09-22');
    await pickDate(page, form.getByLabel('实际缴纳之日'), '2026-10-10');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/rules/surcharge'));
    await form.getByRole('button', { name: /计\s*算/ }).click();
    expect((await refused).status()).toBe(400);
    await form.locator('#calculator-surcharge_fineFen_help').getByText('金额过大').waitFor();

    await form.getByLabel('罚款数额（元）').fill('1000');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/rules/surcharge'));
    await form.getByRole('button', { name: /计\s*算/ }).click();
    expect((await answered).status()).toBe(200);
    // 行政处罚法 §67, §72; 民法典 §203: the last day moves from 10-07 to 10-08, two days late, 60 yuan
    await page.getByTestId('calculator-answer').getByText('逾期 2 日，加处罚款 60.00 元').waitFor();
  });
});
