import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeStep } from '../../src/cases/case-step.take.ts';
import { createCase } from '../../src/cases/case-open.service.ts';
import { caseInput, stepInput } from '../../src/cases/cases.schema.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { isRole, type Role } from '../../src/platform/auth/roles.ts';
import { addCalendarDays } from '../../src/platform/calendar/working-days.rules.ts';
import { chinaDate, systemClock } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { proposal as proposalSchema } from '../../src/review/review.schema.ts';
import { submitReview } from '../../src/review/review.service.ts';
import { choose, newPage, signInThroughPage, startSite, type Site } from './browser.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * Issue 6, done when: an officer submits, the reviewer returns it with a finding, the officer fixes it, the
 * reviewer approves, the decision is made and its publication draft appears. The reviewer works in the
 * browser (review queue, the review beside its pre-checks, the seven points); the officer's submissions and
 * the decision go through the services and the API the workbench's case page calls.
 */

async function principalOf(app: Db, username: string): Promise<Principal> {
  const db = app.withoutPlugins(); // the test's own lookup of a demo person
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
    .where('accounts.username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', row.id)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    accountId: row.account_id,
    personId: row.id,
    agencyId: row.agency_id,
    username,
    name: row.name,
    roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}

describe('legal review in the workbench (browser)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('the reviewer returns a case with a finding, approves it fixed, and the decision is made with its publication draft', async () => {
    const db = site.database.db;
    // The cases service runs the legal-review gate itself before every decision.
    const deps = { db, clock: systemClock, staging: testStagingKey };
    const head = await principalOf(db, 'zhangwei');
    const officer = await principalOf(db, 'huanglei');
    const ago = (n: number) => addCalendarDays(chinaDate(new Date()), -n);
    const item = await db
      .withoutPlugins()
      .selectFrom('power_items')
      .select('id')
      .where('code', '=', 'CF-001')
      .where('agency_id', '=', head.agencyId)
      .executeTakeFirstOrThrow();
    const created = await createCase(
      deps,
      head,
      caseInput.parse({
        kind: 'penalty_ordinary',
        title: '涉嫌未取得食品经营许可经营熟食（审核演练）',
        itemId: item.id,
        field: 'food',
        source: '投诉举报',
        discoveredOn: ago(20),
        parties: [
          { type: 'organisation', name: '衡阳县演练熟食店', creditCode: null, legalRepresentative: '孙某' },
        ],
        officerIds: [head.personId, officer.personId],
      }),
    );
    const caseId = created.case.id;
    const version = async () =>
      (
        await db
          .withoutPlugins()
          .selectFrom('cases')
          .select('version')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).version;
    const step = async (who: Principal, name: string, on: string, extra: Record<string, unknown> = {}) =>
      takeStep(deps, who, caseId, name, stepInput.parse({ version: await version(), on, ...extra }));
    await step(await principalOf(db, 'juzhang'), 'file', ago(19)); // 程序规定 §18
    await step(officer, 'investigate', ago(18), { place: '衡阳县西渡镇' });
    await step(officer, 'conclude_investigation', ago(10));
    const proposal = (facts: string) =>
      proposalSchema.parse({
        facts,
        summary: '没收违法经营的食品，罚款 70,000 元',
        measures: ['fine', 'confiscation'],
        amountFen: 7_000_000,
        confiscationFen: 150_000,
        circumstance: 'general',
        legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
        actEndedOn: ago(20),
        placeRegionCode: '430421',
      });
    // The officer submits (the case page's 提交法制审核 calls the same command).
    await submitReview(deps, officer, caseId, proposal('当事人未取得食品经营许可经营熟食，货值 1,500 元。'));

    const page = await newPage(site);
    await signInThroughPage(site, page, 'wangzg');
    await page.goto(`${site.url}/app/review/queue?status=submitted`);
    await page.getByRole('button', { name: created.case.caseNumber }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('自动预审').waitFor();
    await drawer.getByText('引用的法律条款存在且适用于该行为（从旧兼从轻）').waitFor();
    await drawer.getByText('现在不能作出决定').waitFor();

    // Assign (王志刚 holds the legal professional qualification in the demo), then review.
    await drawer.locator('.ant-select', { hasText: '选择审核人员' }).click();
    await page.locator('.ant-select-item-option', { hasText: '王志刚' }).click();
    await drawer.getByRole('button', { name: /分\s*配/ }).click();
    await drawer.getByText('审核要点（逐项填写）').waitFor();

    // Return with a finding; a note missing where the result is not approve is refused on its field.
    await choose(page, drawer.getByLabel('案件事实是否清楚、证据是否确凿充分'), '存在问题');
    const notes = drawer.getByLabel('意见', { exact: true });
    await notes.nth(2).fill('货值仅有当事人陈述，缺少进货凭证');
    await choose(page, drawer.getByLabel('审核结论'), '退回补充调查');
    await drawer.getByLabel('审核意见').fill('请补充进货凭证，核实货值');
    await drawer.getByRole('button', { name: '作出审核结论' }).click();
    await drawer.getByText(/请填写“执法主体是否合法/).waitFor();
    const count = await notes.count();
    for (let i = 0; i < count; i++) if (i !== 2) await notes.nth(i).fill('已核实');
    await drawer.getByRole('button', { name: '作出审核结论' }).click();
    await drawer.getByText('审核要点与结论：退回补充调查').waitFor();
    await drawer.getByText(/法制审核意见书：.*号/).waitFor();

    // The return sent the case back to investigation (return_review); the officer concludes it again, fixes
    // the facts and submits again: the next round shows what changed.
    await step(officer, 'conclude_investigation', ago(0));
    await submitReview(
      deps,
      officer,
      caseId,
      proposal('当事人未取得食品经营许可经营熟食，进货凭证显示货值 1,500 元。'),
    );
    await page.goto(`${site.url}/app/review/queue?status=submitted`);
    await page.getByRole('button', { name: created.case.caseNumber }).click();
    await drawer.getByText('与上一轮相比的变化').waitFor();
    await drawer.getByText('违法事实', { exact: true }).first().waitFor();
    await drawer.locator('.ant-select', { hasText: '选择审核人员' }).click();
    await page.locator('.ant-select-item-option', { hasText: '王志刚' }).click();
    await drawer.getByRole('button', { name: /分\s*配/ }).click();
    await drawer.getByText('审核要点（逐项填写）').waitFor();
    // A point found 符合 although its automatic pre-check failed carries the reviewer's reason.
    const again = drawer.getByLabel('意见', { exact: true });
    const points = await again.count();
    for (let i = 0; i < points; i++) await again.nth(i).fill('已逐项核实');
    await drawer.getByLabel('审核意见').fill('事实清楚，证据确凿，同意');
    await drawer.getByRole('button', { name: '作出审核结论' }).click();
    await drawer.getByText('审核要点与结论：同意').waitFor();
    await drawer.getByText('现在可以作出决定').waitFor();

    // The review took the case's review steps (submit_review, pass_review); the notice, then the head
    // decides over HTTP.
    await step(officer, 'notify', ago(0), { proposedAmountFen: 7_000_000, rightsWaived: true });
    const login = await fetch(`${site.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'juzhang', password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const decided = await fetch(`${site.url}/api/v1/cases/${caseId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        version: await version(),
        outcome: 'penalty',
        amountFen: 7_000_000,
        circumstance: 'general',
      }),
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    const draft = await db
      .withoutPlugins()
      .selectFrom('publications')
      .select('status')
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    expect(draft?.status).toBe('draft');
  });
});
