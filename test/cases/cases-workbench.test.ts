import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../src/platform/calendar/working-days.rules.ts';
import { chinaDate } from '../../src/platform/clock.ts';
import { databaseKinds } from '../databases.ts';
import { startHarness, type Client, type Harness } from '../harness.ts';
import { caseClients, create, openPenaltyCase, organisation, step } from './cases-harness.ts';

interface ListBody {
  items: { id: string; caseNumber: string }[];
  total: number;
}

/**
 * The workbench's reads (src/cases/cases-workbench.routes.ts): the case list filtered by discovery dates and
 * by overdue periods, and countdowns in working days for my tasks and for a case's page.
 */
describe.each(databaseKinds)('case workbench reads on %s', (kind) => {
  let h: Harness;
  let zhangwei: Client;
  let juzhang: Client;
  let officers: string[];
  let old: string;
  let fresh: string;
  let today: string;
  let longAgo: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    ({ zhangwei, juzhang, officers } = await caseClients(h));
    today = chinaDate(h.clock.now());
    longAgo = addCalendarDays(today, -40);
    const base = { kind: 'penalty_ordinary', field: 'food', source: '投诉举报', officerIds: officers };
    // A lead discovered 40 days ago: its 15-working-day verification period has ended.
    old = (await create(zhangwei, { ...base, title: '工作台：逾期案源', discoveredOn: longAgo })).case.id;
    fresh = (await create(zhangwei, { ...base, title: '工作台：新案源', discoveredOn: today })).case.id;
  });
  afterAll(() => h.close());

  /** The workbench's list of this test's cases (their titles hold 工作台), filtered by `query`. */
  const list = async (query: string, text = '工作台') => {
    const res = await zhangwei.get(`/api/v1/cases/workbench/cases?q=${encodeURIComponent(text)}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ListBody>().items.map((i) => i.id);
  };

  it('filters the case list by overdue periods and by the day of discovery', async () => {
    expect(await list('overdue=true')).toEqual([old]);
    expect(await list('overdue=false')).toEqual([fresh]);
    expect(await list(`from=${today}`)).toEqual([fresh]);
    expect(await list(`to=${addCalendarDays(today, -1)}`)).toEqual([old]);
    expect((await list(`from=${longAgo}&to=${today}`)).sort()).toEqual([old, fresh].sort());
  });

  it('honours every filter of the case list: open, state, kind, text, party and officer narrow it', async () => {
    // Three more cases of the same text: one not filed (final), one with a party and 张伟 alone, one inspection.
    const closed = (await openPenaltyCase(zhangwei, officers, { title: '工作台：不予立案' })).case.id;
    await step(juzhang, closed, 'not_file', { reason: '违法事实不能成立' });
    const withParty = (
      await openPenaltyCase(zhangwei, [officers[0]!], {
        title: '工作台：有当事人',
        parties: [organisation('衡阳县工作台测试商行', '钱某')],
      })
    ).case.id;
    const inspection = (
      await create(zhangwei, {
        kind: 'inspection',
        title: '工作台：检查',
        itemId: null,
        field: 'food',
        source: '日常检查',
        parties: [],
        officerIds: officers,
      })
    ).case.id;
    const all = [old, fresh, closed, withParty, inspection].sort();
    expect((await list('')).sort()).toEqual(all);
    // 办理中: the open filter leaves out the case not filed, and the final filter keeps only it
    expect((await list('open=true')).sort()).toEqual(all.filter((id) => id !== closed).sort());
    expect(await list('open=false')).toEqual([closed]);
    expect(await list('state=not_filed')).toEqual([closed]);
    expect(await list('kind=inspection')).toEqual([inspection]);
    expect(await list('', '工作台：有当事人')).toEqual([withParty]);
    expect(await list(`party=${encodeURIComponent('工作台测试商行')}`)).toEqual([withParty]);
    // 黄磊 is an officer of every case but the one 张伟 holds alone
    expect((await list(`officerId=${officers[1]}`)).sort()).toEqual(
      all.filter((id) => id !== withParty).sort(),
    );
    // filters combine: open inspection cases only
    expect(await list('open=true&kind=inspection')).toEqual([inspection]);
  });

  it('refuses a bad filter with the field named, in Chinese', async () => {
    const res = await zhangwei.get('/api/v1/cases/workbench/cases?from=2026-02-30');
    expect(res.statusCode).toBe(400);
    const problem = res.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors[0]).toMatchObject({
      path: 'querystring.from',
      message: '日期应为有效的 YYYY-MM-DD',
    });
  });

  it('counts down in working days: negative once overdue, for my deadlines and for one case', async () => {
    const res = await zhangwei.get('/api/v1/cases/workbench/deadlines?mine=true&status=overdue');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { caseId: string; code: string; workingDaysLeft: number }[] }>().items;
    const overdue = items.find((d) => d.caseId === old && d.code === 'lead_verification');
    expect(overdue?.workingDaysLeft).toBeLessThan(0);
    expect(items.some((d) => d.caseId === fresh)).toBe(false);

    const one = await zhangwei.get(`/api/v1/cases/workbench/cases/${fresh}/countdowns`);
    expect(one.statusCode, one.body).toBe(200);
    const [period] = one.json<{ items: { code: string; workingDaysLeft: number }[] }>().items;
    // 15 working days from today (the starting day not counted), as the calendar counts them.
    expect(period).toMatchObject({ code: 'lead_verification', workingDaysLeft: 15 });
  });
});
