import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newPage, startSite, type Site } from './browser.ts';

describe('portal journey: a citizen finds a penalty by credit code, checks it, and asks for a correction', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    await site.integrate(); // the publications' verification codes are in the signed log
  });
  afterAll(() => site.close());

  it('finds the penalty, sees masked text and its verification code, and files a correction', async () => {
    const target = await site.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select(['id', 'party_credit_code', 'title', 'personal_records', 'document_number'])
      .where('kind', '=', 'penalty')
      .where('status', '=', 'published')
      .where('party_kind', '=', 'organisation')
      .where('period_ends_on', '>', sql<string>`current_date + 30`)
      .orderBy('decided_on', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const representative = target.personal_records.naturalPersons?.[0] as { name: string; phone: string };

    const page = await newPage(site);
    await page.goto(`${site.url}/`);
    await page.getByRole('link', { name: '公示信息' }).first().click();
    await page.getByLabel('统一社会信用代码').fill(target.party_credit_code!);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('共 1 条').waitFor();
    await page.getByRole('link', { name: target.title }).click();
    await page.waitForURL(`**/publications/${target.id}`);

    const text = await page.locator('.doc').innerText();
    expect(text).toContain(target.party_credit_code!); // an organisation's credit code stays
    expect(text).not.toContain(representative.phone);
    expect(text).not.toContain(representative.name);
    expect(text).toContain(`${[...representative.name][0]}某某`);
    const code = (await page.getByTestId('verification-code').innerText()).trim();
    expect(code).toMatch(/^SX-\d+-[0-9A-Z]{6}$/);

    await page.getByLabel('您的姓名').fill('钱女士');
    await page.getByLabel('联系方式').fill('qian@example.cn');
    await page.getByLabel('需要更正的内容与理由').fill('决定书中的经营场所门牌号有误，应为 18 号。');
    await page.locator('form[data-robot-check="done"]').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '提交更正申请' }).click();
    await page.getByText('已收到您的更正申请').waitFor();
    const saved = await site.database.db
      .withoutPlugins()
      .selectFrom('correction_requests')
      .select(['status', 'requester_name', 'due_on'])
      .where('publication_id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ status: 'open', requester_name: '钱女士' });
    expect(await page.getByText(`将于 ${saved.due_on} 前答复`).count()).toBe(1);

    // The code checks out on the verification page.
    await page.goto(`${site.url}/verify?code=${code}`);
    await page.locator('.result.ok').first().waitFor();
    await page.context().close();
  });

  it('keeps a publication page under 100 KB with everything it loads', async () => {
    const row = await site.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await newPage(site);
    let bytes = 0;
    page.on('response', (response) => {
      void response.body().then(
        (b) => (bytes += b.length),
        () => undefined,
      );
    });
    await page.goto(`${site.url}/publications/${row.id}`, { waitUntil: 'networkidle' });
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(100 * 1024);
    await page.context().close();
  });
});
