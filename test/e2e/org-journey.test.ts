import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, newPage, pickDate, signInThroughPage, startSite, type Site } from './browser.ts';

describe('workbench journey: an administrator adds a certified officer; another bureau cannot see them', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('adds a person with a certificate and finds them in the list', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'admin');
    await page.getByRole('menuitem', { name: '人员', exact: true }).click();
    await page.waitForURL('**/app/org/people');
    await page.getByRole('button', { name: /新增人员/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('姓名').fill('欧阳明');
    await choose(page, drawer.getByLabel('内设机构'), '台源市场监管所');
    await drawer.getByLabel('职务').fill('监管员');
    await drawer.getByRole('button', { name: /添加执法证/ }).click();
    const cert = drawer.getByTestId('certificate-0');
    await cert.getByLabel('执法证号').fill('43042177000001');
    await cert.getByLabel('执法领域').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '食品安全' })
      .click();
    await page.keyboard.press('Escape');
    await cert.getByLabel('发证机关').fill('湖南省人民政府');
    await pickDate(page, cert.getByLabel('有效期起'), '2026-01-01');
    await pickDate(page, cert.getByLabel('有效期止'), '2031-12-31');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/people') && r.request().method() === 'POST',
    );
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    // Under load a field the form still refuses keeps the request back: say which, not only "timeout".
    const answer = await created.catch(async (error: unknown) => {
      throw new Error(`保存: ${await drawer.innerText()}`, { cause: error });
    });
    expect(answer.status()).toBe(201);
    await page.getByText('已新增人员').waitFor();

    await page.getByLabel('姓名').fill('欧阳明');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.getByRole('row', { name: /欧阳明/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('43042177000001');
    await page.context().close();
  });

  it('shows an administrator of the other bureau neither the person nor their record', async () => {
    const person = await site.database.db
      .withoutPlugins()
      .selectFrom('people')
      .select('id')
      .where('name', '=', '欧阳明')
      .executeTakeFirstOrThrow();
    const page = await newPage(site);
    await signInThroughPage(site, page, 'nyadmin');
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.status() === 200);
    await page.goto(`${site.url}/app/org/people?q=欧阳明`);
    expect(await (await listed).json()).toMatchObject({ total: 0, items: [] });
    await page.locator('.ant-empty-description').first().waitFor();
    expect(await page.getByRole('cell', { name: '欧阳明' }).count()).toBe(0);
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/people/${id}`)).status, person.id);
    expect(status).toBe(404);
    await page.context().close();
  });
});
