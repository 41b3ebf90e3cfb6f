import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/platform/clock.ts';
import { newPage, signInThroughPage, startSite, type Site, pickDate } from './browser.ts';

/**
 * The power list from the workbench to the portal (S-2.3): a change is drafted and submitted in the
 * workbench, the publisher reviews and publishes it there — never their own draft — and the portal shows
 * the new version the same day.
 */
describe('workbench journey: a power-list change is published by the publisher and appears on the portal', () => {
  let site: Site;
  let item: { id: string; code: string; agencyId: string; name: string };
  const today = chinaDate(new Date());

  beforeAll(async () => {
    site = await startSite();
    // An item in force with no change pending: its newest version is the published one.
    const rows = await site.database.db
      .withoutPlugins()
      .selectFrom('power_items as i')
      .innerJoin('power_item_versions as v', 'v.item_id', 'i.id')
      .select(['i.id', 'i.code', 'i.agency_id', 'v.name', 'v.version', 'v.status', 'v.withdrawn'])
      .where('i.kind', '=', 'licensing')
      .orderBy('i.code')
      .orderBy('v.version', 'desc')
      .execute();
    const latest = rows.filter((r, i) => i === 0 || rows[i - 1]!.id !== r.id);
    const chosen = latest.find((r) => r.status === 'published' && !r.withdrawn)!;
    item = { id: chosen.id, code: chosen.code, agencyId: chosen.agency_id, name: chosen.name };
  });
  afterAll(() => site.close());

  const newName = () => `${item.name}（${today} 修订）`;

  it('drafts a new version in the workbench and submits it for review', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'wangzg');
    await page.getByRole('menuitem', { name: '权责事项' }).click();
    await page.waitForURL('**/app/powers');
    await page.getByLabel('按事项名称或编码搜索').fill(item.code);
    await page.getByLabel('按事项名称或编码搜索').press('Enter');
    await page.getByRole('button', { name: item.name }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '修改事项' }).click();
    const form = page.getByRole('dialog', { name: /修改事项/ });
    await form.getByLabel('事项名称').fill(newName());
    await form.getByLabel('变更原因').fill('按新修订的审批规定调整事项名称');
    // A date before the version in force: the server refuses, and says so at the field.
    await pickDate(page, form.getByLabel('生效日期'), '2001-01-01');
    await form.getByRole('button', { name: '保存为草稿' }).click();
    await form
      .locator('.ant-form-item', { hasText: '生效日期' })
      .getByText(/生效日期不能早于已发布版本的生效日期/)
      .waitFor();
    await pickDate(page, form.getByLabel('生效日期'), today);
    await form.getByRole('button', { name: '保存为草稿' }).click();
    await page.locator('.ant-message-notice', { hasText: /已新建第 \d+ 版草稿/ }).waitFor();
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await page.locator('.ant-message-notice', { hasText: /已提交审核/ }).waitFor();
    await drawer.getByRole('tab', { name: /版本历史/ }).click();
    expect(await drawer.getByRole('row', { name: /待审核/ }).innerText()).toContain(
      '按新修订的审批规定调整事项名称',
    );
    // The portal still shows the version in force until the publisher publishes.
    const portal = await page.request.get(`${site.url}/agencies/${item.agencyId}/powers/${item.id}`);
    expect(await portal.text()).not.toContain(newName());
    await page.context().close();
  });

  it('the publisher publishes it from the review list, and the portal shows it', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhaoli');
    await page.getByRole('menuitem', { name: '待审核事项' }).click();
    await page.waitForURL('**/app/powers/review');
    await page.getByRole('button', { name: newName() }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '审核发布' }).click();
    const review = page.getByRole('dialog', { name: /审核发布/ });
    await review.getByLabel(/审核意见/).fill('符合规定，同意发布');
    await review.getByRole('button', { name: '审核通过并发布' }).click();
    await page.locator('.ant-message-notice', { hasText: /第 \d+ 版已发布/ }).waitFor();
    await drawer.getByRole('tab', { name: '审核记录' }).click();
    await drawer.getByText('符合规定，同意发布').waitFor();

    await page.goto(`${site.url}/agencies/${item.agencyId}/powers?q=${encodeURIComponent(item.code)}`);
    const link = page.getByRole('link', { name: newName() });
    await link.click();
    await page.getByRole('heading', { level: 1, name: newName() }).waitFor();
    expect(await page.locator('dl.facts').innerText()).toContain(`${today}（第`);
    expect(await page.locator('dl.facts').innerText()).toContain('按新修订的审批规定调整事项名称');
    await page.context().close();
  });
});
