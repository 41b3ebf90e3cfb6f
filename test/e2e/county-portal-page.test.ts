import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoAgencies, type Seeded } from '../county/county-fixtures.ts';
import { newPage, startSite, type Site } from './browser.ts';

/**
 * The county portal in Chromium (issue 14 item 4): on an instance with registered agencies the home is
 * 全县行政执法公示, lists the agencies and searches across them; a result opens the agency's publication.
 */
describe('county portal home and search (browser)', () => {
  let site: Site;
  let seeded: Seeded;

  beforeAll(async () => {
    site = await startSite();
    seeded = await seedTwoAgencies(site.database);
  });
  afterAll(() => site.close());

  it('shows the agencies and finds a publication of one of them by the party’s name', async () => {
    const page = await newPage(site);
    await page.goto(`${site.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('全县行政执法公示');
    const cards = page.getByTestId('county-agencies');
    await expect.poll(() => cards.getByRole('link', { name: '衡阳县市场监督管理局' }).count()).toBe(1);
    await expect.poll(() => cards.getByText('暂停接收推送').count()).toBe(1);

    await page.getByLabel('检索词').fill('某某食品');
    await page.getByLabel('检索范围').selectOption('publications');
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/\/county-portal\/search\?/);
    await expect.poll(() => page.getByRole('heading', { name: '公示信息（1 条）' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/county-search.png', fullPage: true });

    await page.getByRole('link', { name: '衡阳县某某食品有限公司销售过期食品案' }).click();
    await page.waitForURL(
      new RegExp(`/county-portal/agencies/${seeded.market.id}/publications/${seeded.ids.pub}$`),
    );
    await expect.poll(() => page.getByTestId('verification-code').textContent()).toBe('SX-41-7K3QZD');
  });
});
