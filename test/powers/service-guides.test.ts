import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySubjects } from '../../src/platform/record-log/verify-subjects.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';

const guide = {
  conditions: '申请人应当具有与经营的食品品种、数量相适应的经营场所。\n有食品安全管理人员。',
  materials: [
    { name: '食品经营许可申请书', form: 'original', copies: 1, note: '' },
    { name: '营业执照', form: 'copy', copies: 1, note: '加盖公章' },
  ],
  place: '衡阳县政务服务中心二楼市场监管窗口',
  hours: '工作日 9:00—12:00，14:30—17:30',
  contact: '0734-6812345',
  onlineUrl: 'https://zwfw.example.gov.cn/item/123',
  note: '',
};

const newItem = {
  code: 'SG-001',
  kind: 'licensing',
  name: '食品经营许可（服务指南测试）',
  legalBases: [
    {
      law: '中华人民共和国食品安全法',
      article: '第三十五条',
      text: '国家对食品生产经营实行许可制度。',
      inForceFrom: '2021-04-29',
    },
  ],
  procedure: '申请—受理—审查—决定',
  timeLimit: { days: 10, dayKind: 'working', note: '' },
  fees: '不收费',
  supervision: '12315',
  remedies: {
    reconsiderationBody: '衡阳县人民政府',
    reconsiderationDays: 60,
    court: '衡阳县人民法院',
    litigationMonths: 6,
  },
  effectiveFrom: '2026-11-28',
  reason: '新增事项',
};

interface Answer {
  itemId: string;
  revisions: number;
  guide: null | { revision: number; place: string; materials: { name: string }[]; authorName: string | null };
}

/** Service guides (服务指南, S-2.2): written per item in the workbench, shown on the portal. */
describe.each(databaseKinds)('service guides on %s', (kind) => {
  let h: Harness;
  let legal: Client;
  let officer: Client;
  let otherAdmin: Client;
  let agencyId: string;
  let itemId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    legal = await signIn(h, 'wangzg');
    officer = await signIn(h, 'huanglei');
    otherAdmin = await signIn(h, 'nyadmin');
    const publisher = await signIn(h, 'zhaoli');
    // A new licensing item, published today: it has no guide yet.
    const created = await legal.send('POST', '/api/v1/powers', newItem);
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json<{ item: { id: string; agencyId: string } }>().item;
    itemId = detail.id;
    agencyId = detail.agencyId;
    expect((await legal.send('POST', `/api/v1/powers/${itemId}/submit`)).statusCode).toBe(200);
    expect((await publisher.send('POST', `/api/v1/powers/${itemId}/approve`)).statusCode).toBe(200);
  });
  afterAll(() => h.close());

  it('loads demo guides for the bureau: an application lists its materials on the portal', async () => {
    const published = await legal.get('/api/v1/powers/published?kind=licensing');
    const demo = published
      .json<{ items: { itemId: string; agencyId: string; name: string; code: string }[] }>()
      .items.find((i) => i.code !== newItem.code)!;
    const answer = (await officer.get(`/api/v1/powers/${demo.itemId}/service-guide`)).json<Answer>();
    expect(answer.revisions).toBe(1);
    expect(answer.guide!.materials.length).toBeGreaterThan(0);
    const page = await h.app.inject({ url: `/agencies/${demo.agencyId}/powers/${demo.itemId}/guide` });
    expect(page.body).toContain('<h2 id="materials">申请材料</h2>');
    expect(page.body).toContain(`${demo.name}申请书`);
    expect(page.body).toContain('衡阳县政务服务中心');
  });

  it('has no guide at first; the portal page says so and still shows the time limit and fees', async () => {
    const res = await officer.get(`/api/v1/powers/${itemId}/service-guide`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Answer>()).toEqual({ itemId, guide: null, revisions: 0 });
    const page = await h.app.inject({ url: `/agencies/${agencyId}/powers/${itemId}/guide` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('服务指南尚未公布');
    expect(page.body).toContain('<dt>办理时限</dt>');
    expect(page.body).toContain('<dd>10 个工作日</dd>');
    expect(page.body).toContain('<dd>不收费</dd>');
  });

  it('saves revisions, recorded and checked by verify, and the portal shows the newest', async () => {
    const before = await auditCount(h);
    const first = await legal.send('PUT', `/api/v1/powers/${itemId}/service-guide`, guide);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Answer>()).toMatchObject({
      revisions: 1,
      guide: { revision: 1, authorName: '王志刚' },
    });
    const second = await legal.send('PUT', `/api/v1/powers/${itemId}/service-guide`, {
      ...guide,
      place: '衡阳县政务服务中心一楼综合窗口',
    });
    expect(second.json<Answer>()).toMatchObject({
      revisions: 2,
      guide: { revision: 2, place: '衡阳县政务服务中心一楼综合窗口' },
    });
    expect(await auditCount(h)).toBe(before + 2);

    const page = await h.app.inject({ url: `/agencies/${agencyId}/powers/${itemId}/guide` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('衡阳县政务服务中心一楼综合窗口');
    expect(page.body).not.toContain('二楼市场监管窗口');
    expect(page.body).toContain('<th scope="row">营业执照</th>');
    expect(page.body).toContain('<td>复印件</td>');
    expect(page.body).toContain('0734-6812345');
    expect(page.body).toContain('第 2 次修订');
    // The item's page links to its guide and to the flowchart of its kind.
    const itemPage = await h.app.inject({ url: `/agencies/${agencyId}/powers/${itemId}` });
    expect(itemPage.body).toContain(`/agencies/${agencyId}/powers/${itemId}/guide`);
    expect(itemPage.body).toContain('href="/flowcharts/licensing"');

    const clean = await verifySubjects(h.database.db, { service_guide: 'service_guides' });
    expect(clean.problems).toEqual([]);
    expect(clean.checked).toBeGreaterThanOrEqual(32); // the demo's guides and these two
    // A revision changed behind the commands' back is named; the table refuses plain updates, so the
    // trigger is bypassed the way an intruder with the database owner's rights would.
    await sql`alter table service_guides disable trigger service_guides_frozen`.execute(
      h.database.db.withoutPlugins(),
    );
    await sql`update service_guides set contact = '110' where revision = 1 and item_id = ${itemId}`.execute(
      h.database.db.withoutPlugins(),
    );
    await sql`alter table service_guides enable trigger service_guides_frozen`.execute(
      h.database.db.withoutPlugins(),
    );
    const tampered = await verifySubjects(h.database.db, { service_guide: 'service_guides' });
    expect(tampered.problems).toHaveLength(1);
    expect(tampered.problems[0]!.message).toContain('列 contact');
  });

  it('refuses bad input at the field, changing nothing', async () => {
    const before = await auditCount(h);
    const res = await legal.send('PUT', `/api/v1/powers/${itemId}/service-guide`, {
      ...guide,
      place: '  ',
      onlineUrl: 'javascript:alert(1)',
      materials: [{ name: '申请书', form: 'original', copies: 0, note: '' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'body.place', message: '请填写办理地点' },
        { path: 'body.onlineUrl', message: '网上办理地址应以 http:// 或 https:// 开头' },
        { path: 'body.materials.0.copies', message: '份数至少 1 份' },
      ]),
    );
    expect(await auditCount(h)).toBe(before);
  });

  it('lets only those who draft the power list of the agency write guides', async () => {
    const byOfficer = await officer.send('PUT', `/api/v1/powers/${itemId}/service-guide`, guide);
    expect(byOfficer.statusCode).toBe(403);
    const byOtherAgency = await otherAdmin.send('PUT', `/api/v1/powers/${itemId}/service-guide`, guide);
    // Another agency's items are out of reach: not found, as if they did not exist.
    expect(byOtherAgency.statusCode).toBe(404);
    const unknown = await legal.send(
      'PUT',
      '/api/v1/powers/0190a0a0-0000-7000-8000-000000000000/service-guide',
      guide,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('draws each kind of action as a printable SVG flowchart on the portal', async () => {
    const index = await h.app.inject({ url: '/flowcharts' });
    expect(index.statusCode).toBe(200);
    for (const k of [
      'penalty_ordinary',
      'penalty_summary',
      'licensing',
      'coercion',
      'inspection',
      'levy',
      'fee',
    ]) {
      expect(index.body).toContain(`href="/flowcharts/${k}"`);
    }
    const chart = await h.app.inject({ url: '/flowcharts/penalty_ordinary' });
    expect(chart.statusCode).toBe(200);
    expect(chart.body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(chart.body).toContain('<title id="flow-title">行政处罚（普通程序）流程图</title>');
    expect(chart.body).toContain('data-state="lead"');
    expect(chart.body).toContain('<th scope="col">依据</th>');
    expect(chart.body).toContain('@media print');
    expect((await h.app.inject({ url: '/flowcharts/nope' })).statusCode).toBe(404);
  });
});
