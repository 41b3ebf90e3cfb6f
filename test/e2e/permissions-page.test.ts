import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, newPage, signInThroughPage, startSite, type Site } from './browser.ts';

/**
 * The workbench shows what the server says the user may do (issue 11 item 4): an officer sees no
 * administrator's menu, the administrator no 登记案件; and the case list's 办理 filter narrows the list as
 * the one case-list query of the server does (the workbench route once dropped it).
 */
describe('menus, buttons and filters by permission (browser)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());

  const menu = (page: Page) => page.getByRole('navigation', { name: '主菜单' });

  it('an officer sees the case menus and no administrator menu', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'huanglei');
    await page.goto(`${site.url}/app/cases`);
    await menu(page).getByText('案件办理').waitFor();
    await expect.poll(() => menu(page).getByText('登记案件').count()).toBe(1);
    expect(await menu(page).getByText('审计日志').count()).toBe(0);
    expect(await menu(page).getByText('公示设置').count()).toBe(0);
    await page.getByRole('button', { name: /登记案件/ }).waitFor();
  });

  it('the administrator sees the administration menus and no 登记案件', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'admin');
    await page.goto(`${site.url}/app/cases`);
    await menu(page).getByText('审计日志').waitFor();
    expect(await menu(page).getByText('公示设置').count()).toBe(1);
    expect(await menu(page).getByText('登记案件').count()).toBe(0);
    await page.getByText(/共 \d+ 件/).waitFor();
    expect(await page.getByRole('button', { name: /登记案件/ }).count()).toBe(0);
    await page.goto(`${site.url}/app/cases/tasks`);
    await page.getByText('我的待办').first().waitFor();
    expect(await page.getByRole('button', { name: /登记案件/ }).count()).toBe(0);
  });

  it('the 办理 filter shows the cases in hand or the closed ones, as the case list answers', async () => {
    // One closed case: a lead registered and not filed by the head (程序规定 §20) is final.
    const head = await newPage(site);
    await signInThroughPage(site, head, 'juzhang');
    const csrf = ((await (await head.request.get(`${site.url}/api/v1/me`)).json()) as { csrfToken: string })
      .csrfToken;
    const post = async (url: string, data: Record<string, unknown>) => {
      const res = await head.request.post(`${site.url}${url}`, { data, headers: { 'x-csrf-token': csrf } });
      expect(res.ok(), await res.text()).toBe(true);
      return (await res.json()) as { case: { id: string; version: number } };
    };
    const lead = await post('/api/v1/cases', {
      kind: 'penalty_ordinary',
      title: '涉嫌销售过期食品（经核查不予立案）',
      itemId: null,
      field: 'food',
      source: '投诉举报',
      parties: [
        {
          type: 'organisation',
          name: '衡阳县某某副食店',
          creditCode: null,
          legalRepresentative: '王某',
          phone: null,
          address: null,
        },
      ],
      officerIds: [],
    });
    await post(`/api/v1/cases/${lead.case.id}/steps/not_file`, {
      version: lead.case.version,
      reason: '经核查，举报所称过期食品系已下架待退货商品，违法事实不能成立',
    });

    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');
    const expected = async (open: 'true' | 'false') => {
      const res = await page.request.get(`${site.url}/api/v1/cases?open=${open}&pageSize=500`);
      expect(res.ok()).toBe(true);
      const body = (await res.json()) as { items: { caseNumber: string }[] };
      return body.items.map((c) => c.caseNumber).sort();
    };
    const inHand = await expected('true');
    const closed = await expected('false');
    expect(inHand.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);

    await page.goto(`${site.url}/app/cases`);
    const form = page.locator('form#case-filters');
    for (const [label, numbers] of [
      ['已办结', closed],
      ['办理中', inHand],
    ] as const) {
      await choose(page, form.getByLabel('办理'), label);
      const answered = page.waitForResponse((r) => r.url().includes('/cases/workbench/cases?') && r.ok());
      await form.getByRole('button', { name: /查\s*询/ }).click();
      await answered;
      await page.getByText(`共 ${numbers.length} 件`).waitFor();
      const shown = await page.locator('tbody tr.ant-table-row td:nth-child(1)').allInnerTexts();
      expect(shown).toHaveLength(Math.min(numbers.length, 50));
      for (const number of shown) expect(numbers).toContain(number.trim());
    }
  });
});
