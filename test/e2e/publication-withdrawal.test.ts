import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { chinaDate } from '../../src/platform/clock.ts';
import { expectAccessibleBasics } from './accessibility.ts';
import { newPage, signInThroughPage, startSite, type Site, pickDate } from './browser.ts';

/**
 * A revoked decision leaves public view (行政处罚法 §48; 公示规定 §11): the publisher withdraws it in the
 * workbench with a public reason — refused without one — and the portal's page, search and feeds show
 * the withdrawal and its reason instead of the decision text.
 */
describe('workbench journey: the publisher withdraws a revoked penalty decision and the portal shows why', () => {
  let site: Site;
  let target: { id: string; title: string; document_number: string };
  let publicText: string;
  const reason = '该处罚决定已被衡阳县人民政府行政复议决定撤销（衡县政复决字〔2026〕12号），撤回公示。';
  // The decision was revoked the day before (the withdrawal is due within 3 working days of it).
  const revokedOn = chinaDate(new Date(Date.now() - 24 * 3600 * 1000));

  beforeAll(async () => {
    site = await startSite();
    await site.integrate();
    target = await site.database.db
      .withoutPlugins()
      .selectFrom('publications as p')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['p.id', 'p.title', 'p.document_number'])
      .where('a.name', '=', '衡阳县市场监督管理局') // 赵丽 publishes for this bureau
      .where('p.kind', '=', 'penalty')
      .where('p.status', '=', 'published')
      .where('p.period_ends_on', '>', sql<string>`current_date + 30`)
      .orderBy('p.published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  });
  afterAll(() => site.close());

  it('shows the decision on the portal before the withdrawal', async () => {
    const page = await newPage(site);
    await page.goto(`${site.url}/publications/${target.id}`);
    publicText = (await page.locator('.doc').innerText()).trim();
    expect(publicText.length).toBeGreaterThan(50);
    await expectAccessibleBasics(page);
    await page.context().close();
  });

  it('the publisher finds it in 公示中 and withdraws it, refused first without a reason', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhaoli');
    await page.getByRole('menuitem', { name: '公示中' }).click();
    await page.waitForURL('**/app/publications/published');
    const search = page.getByLabel('当事人、文号、标题或统一社会信用代码');
    await search.fill(target.document_number);
    await search.press('Enter');
    // The list is the search's answer (not the unfiltered first page, where the same row also shows).
    await page.waitForURL(/[?&]q=/);
    await page.getByText('共 1 条').waitFor();
    await page.getByRole('button', { name: target.document_number }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('button', { name: '撤回公示' }).click();

    const dialog = page.getByRole('dialog', { name: /撤回公示：/ });
    await pickDate(page, dialog.getByLabel('决定被变更、撤销或确认违法之日'), revokedOn);
    // No reason: refused at the field, and nothing changes.
    await dialog.getByRole('button', { name: '撤回公示' }).click();
    await dialog
      .locator('.ant-form-item', { hasText: '撤回理由（将在门户公开）' })
      .getByText('请填写撤回理由')
      .waitFor();
    // Spaces alone are no reason either.
    await dialog.getByLabel('撤回理由（将在门户公开）').fill('   ');
    await dialog.getByRole('button', { name: '撤回公示' }).click();
    await dialog
      .locator('.ant-form-item', { hasText: '撤回理由（将在门户公开）' })
      .getByText('请填写撤回理由')
      .waitFor();
    const untouched = await site.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select(['status', 'withdrawal_reason'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: 'published', withdrawal_reason: null });

    await dialog.getByLabel('撤回理由（将在门户公开）').fill(reason);
    await dialog.getByRole('button', { name: '撤回公示' }).click();
    await page.locator('.ant-message-notice', { hasText: `${target.document_number} 已撤回` }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await drawer.getByText(reason).waitFor();
    expect(await drawer.getByRole('button', { name: '撤回公示' }).count()).toBe(0);

    const saved = await site.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select(['status', 'withdrawal_reason', 'withdrawal_occurred_on', 'withdrawn_at'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      status: 'withdrawn',
      withdrawal_reason: reason,
      withdrawal_occurred_on: revokedOn,
    });
    expect(saved.withdrawn_at).not.toBeNull();
    const events = await site.database.db
      .withoutPlugins()
      .selectFrom('publication_events')
      .select('action')
      .where('publication_id', '=', target.id)
      .execute();
    expect(events.map((e) => e.action)).toContain('withdrawn');

    // It has left 公示中 and is listed under 已撤回 with its reason.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.ant-table-placeholder').waitFor(); // 公示中 has nothing left under its number
    await page.getByRole('menuitem', { name: '已撤回' }).click();
    await page.waitForURL('**/app/publications/withdrawals');
    await page
      .getByRole('row', { name: new RegExp(target.document_number) })
      .getByText(reason)
      .waitFor();
    await page.context().close();
  });

  it('the portal shows it as withdrawn, with the public reason and without the decision text', async () => {
    const page = await newPage(site);
    await page.goto(`${site.url}/publications?documentNumber=${encodeURIComponent(target.document_number)}`);
    await page.getByText('共 1 条').waitFor();
    const row = page.getByRole('row', { name: new RegExp(target.title) });
    expect(await row.innerText()).toContain('已撤回');
    await expectAccessibleBasics(page);
    await row.getByRole('link', { name: target.title }).click();
    await page.waitForURL(`**/publications/${target.id}`);

    const notice = page.locator('.result.bad[role=status]');
    expect(await notice.innerText()).toContain('该决定信息已撤回');
    expect(await notice.innerText()).toContain(`撤回理由：${reason}`);
    expect(await page.locator('.doc').count()).toBe(0);
    expect(await page.locator('#correction-form').count()).toBe(0);
    const body = await page.locator('main').innerText();
    expect(body).not.toContain(publicText.slice(0, 40));
    expect(body).toContain(target.document_number);
    await expectAccessibleBasics(page);

    const atom = await page.request.get(`${site.url}/publications/feed.atom`);
    expect(atom.headers()['content-type']).toContain('atom');
    const xml = await atom.text();
    const entry = xml.split('<entry>').find((e) => e.includes(`/publications/${target.id}#withdrawn`));
    expect(entry).toBeDefined();
    expect(entry).toContain(`【撤回】${target.title}`);
    expect(entry).toContain('<category term="withdrawn"/>');
    expect(entry).toContain(reason);

    const json = (await (await page.request.get(`${site.url}/publications/feed.json`)).json()) as {
      items: { id: string; _sanxiang: { type: string; withdrawalReason: string | null } }[];
    };
    const item = json.items.find((i) => i.id.endsWith(`/publications/${target.id}#withdrawn`));
    expect(item?._sanxiang).toMatchObject({ type: 'withdrawn', withdrawalReason: reason });
    await page.context().close();
  });
});
