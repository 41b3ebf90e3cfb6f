import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerunDraw, type DrawFile } from '../../src/inspections/draw.rules.ts';
import { creditCodeCheckCharacter } from '../../src/org/credit-code.rules.ts';
import { XLSX_TYPE } from '../../src/platform/excel/cells.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';
import { step } from '../cases/cases-harness.ts';

/** A unified social credit code with its check character (GB 32100-2015). */
const code = (n: number) => {
  const first17 = `9143042100000${String(n).padStart(4, '0')}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
};

const shops = [
  { n: 1, name: '城关副食店', grade: 'A' },
  { n: 2, name: '解放路超市', grade: 'A' },
  { n: 3, name: '西渡农贸市场', grade: 'B' },
  { n: 4, name: '台源餐馆', grade: 'B' },
  { n: 5, name: '金溪食品厂', grade: 'C' },
  { n: 6, name: '井头小吃店', grade: 'D' },
  { n: 7, name: '演陂粮油店', grade: 'D' },
];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('检查对象名录');
  sheet.addRow(['统一社会信用代码', '名称', '地址', '监管领域', '风险等级']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (h: Harness, c: Client, file: Buffer, dryRun: boolean) =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/inspections/targets/import?dryRun=${dryRun}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': XLSX_TYPE },
    payload: file,
  });

/**
 * Random inspection through the HTTP API (issue 15): the target directory with its Excel import and
 * history, a plan approved and published before it starts, the commitment 24 hours before the draw, the
 * beacons entered once, the draw recorded once with an inspection case per target, and the published draw
 * file that anyone can re-run.
 */
describe.each(databaseKinds)('random inspection on %s', (kind) => {
  let h: Harness;
  let zhangwei: Client;
  let juzhang: Client;
  let huanglei: Client;
  let itemId: string;
  let planId: string;
  let taskId: string;
  let commitmentId: string;
  let drawId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    [zhangwei, juzhang, huanglei] = await Promise.all([
      signIn(h, 'zhangwei'),
      signIn(h, 'juzhang'),
      signIn(h, 'huanglei'),
    ]);
    const powers = await zhangwei.get('/api/v1/powers?kind=inspection&randomInspection=true&pageSize=100');
    const items = powers.json<{ items: { id: string; latest: { name: string } }[] }>().items;
    itemId = items.find((i) => i.latest.name === '产品质量监督抽查')!.id;
  });
  afterAll(() => h.close());

  it('imports the directory from Excel only when every row is right, naming the bad cells', async () => {
    const bad = await upload(
      h,
      zhangwei,
      await workbook([
        [code(1), '城关副食店', '城关镇', '产品质量', 'A'],
        ['91430421000000019X', '错码商店', '', '产品质量', 'E'],
      ]),
      false,
    );
    expect(bad.statusCode).toBe(422);
    const rows = bad.json<{ code: string; rows: { row: number; errors: { column: string }[] }[] }>();
    expect(rows.code).toBe('IMPORT_REJECTED');
    expect(rows.rows[1]!.errors.map((e) => e.column)).toEqual(['统一社会信用代码', '风险等级']);
    expect(
      (await zhangwei.get('/api/v1/inspections/targets?field=quality')).json<{ items: unknown[] }>().items,
    ).toEqual([]);

    const good = await workbook(
      shops.map((s) => [code(s.n), s.name, `衡阳县${s.name}`, '产品质量', s.grade]),
    );
    const dry = await upload(h, zhangwei, good, true);
    expect(dry.json()).toMatchObject({ valid: true, added: 7, updated: 0 });
    expect(
      (await zhangwei.get('/api/v1/inspections/targets?field=quality')).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    const done = await upload(h, zhangwei, good, false);
    expect(done.json()).toMatchObject({ valid: true, added: 7 });
    const list = (await zhangwei.get('/api/v1/inspections/targets?field=quality')).json<{
      items: { creditCode: string }[];
    }>();
    expect(list.items.map((t) => t.creditCode)).toEqual(shops.map((s) => code(s.n)));
  });

  it('keeps each change of a target with its reason', async () => {
    const list = (await zhangwei.get('/api/v1/inspections/targets?field=quality&riskGrade=C')).json<{
      items: { id: string }[];
    }>();
    const id = list.items[0]!.id;
    const noReason = await zhangwei.send('PATCH', `/api/v1/inspections/targets/${id}`, { riskGrade: 'D' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.reason');
    const raised = await zhangwei.send('PATCH', `/api/v1/inspections/targets/${id}`, {
      riskGrade: 'D',
      reason: '投诉举报增多',
    });
    expect(raised.statusCode).toBe(200);
    const detail = raised.json<{
      riskGrade: string;
      history: { action: string; changes: unknown[]; reason: string }[];
    }>();
    expect(detail.riskGrade).toBe('D');
    expect(detail.history.map((e) => e.action)).toEqual(['added', 'edited']);
    expect(detail.history[1]).toMatchObject({
      changes: [{ field: 'riskGrade', from: 'C', to: 'D' }],
      reason: '投诉举报增多',
    });
    const back = await zhangwei.send('PATCH', `/api/v1/inspections/targets/${id}`, {
      riskGrade: 'C',
      reason: '核查后恢复',
    });
    expect(back.statusCode).toBe(200);
  });

  it('plans a task on a published random-inspection item, approved by the head and published before it starts', async () => {
    const created = await zhangwei.send('POST', '/api/v1/inspections/plans', {
      year: 2026,
      title: '产品质量双随机抽查计划',
    });
    expect(created.statusCode).toBe(201);
    planId = created.json<{ id: string }>().id;
    const task = {
      powerItemId: itemId,
      title: '2026 年第四季度产品质量抽查',
      field: 'quality',
      scope: '城关镇、西渡镇、台源镇',
      quotas: { A: { count: 1 }, B: { percent: 50 }, D: { count: 2 } },
      startsOn: '2026-12-10',
      endsOn: '2026-12-31',
      jointAgencies: [],
    };
    const outOfYear = await zhangwei.send('POST', `/api/v1/inspections/plans/${planId}/tasks`, {
      ...task,
      endsOn: '2027-01-15',
    });
    expect(outOfYear.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'body.startsOn',
      message: '任务期间应在计划年度 2026 年内',
    });
    const added = await zhangwei.send('POST', `/api/v1/inspections/plans/${planId}/tasks`, task);
    expect(added.statusCode, added.body).toBe(201);
    taskId = added.json<{ tasks: { id: string }[] }>().tasks[0]!.id;

    const early = await zhangwei.send('POST', `/api/v1/inspections/tasks/${taskId}/commitment`, {
      beacons: [{ kind: 'drand', description: 'drand quicknet 第 1 轮' }],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('INSPECTION_TASK_STATE');

    expect((await zhangwei.send('POST', `/api/v1/inspections/plans/${planId}/approve`, {})).statusCode).toBe(
      403,
    );
    const approved = await juzhang.send('POST', `/api/v1/inspections/plans/${planId}/approve`, {});
    expect(approved.json()).toMatchObject({ state: 'approved', approvedByName: '刘建国' });
    const published = await zhangwei.send('POST', `/api/v1/inspections/plans/${planId}/publish`);
    expect(published.json()).toMatchObject({ state: 'published' });

    const portal = await h.app.inject({ method: 'GET', url: '/inspections' });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('2026 年第四季度产品质量抽查');
    expect(portal.body).toContain('A 级 1 户，B 级 50%，D 级 2 户');
  });

  it('commits the draw, takes each beacon once, and refuses to draw before 24 hours have passed', async () => {
    expect(
      (
        await huanglei.send('POST', `/api/v1/inspections/tasks/${taskId}/commitment`, {
          beacons: [{ kind: 'drand', description: 'x' }],
        })
      ).statusCode,
    ).toBe(403);
    const unknownRecusal = await zhangwei.send('POST', `/api/v1/inspections/tasks/${taskId}/commitment`, {
      recusals: [{ creditCode: code(99), certificateNumber: 'X' }],
      beacons: [{ kind: 'drand', description: 'x' }],
    });
    expect(unknownRecusal.statusCode).toBe(400);
    expect(unknownRecusal.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.recusals.0.creditCode',
      'body.recusals.0.certificateNumber',
    ]);

    const committed = await zhangwei.send('POST', `/api/v1/inspections/tasks/${taskId}/commitment`, {
      recusals: [],
      beacons: [
        {
          kind: 'county-checkpoint',
          description: '衡阳县行政执法监督平台记录日志 2026-11-29 的第一个检查点',
        },
        { kind: 'drand', description: 'drand quicknet 2026-11-29 10:00 的轮次' },
      ],
    });
    expect(committed.statusCode, committed.body).toBe(201);
    const view = committed.json<{
      id: string;
      counts: Record<string, number>;
      eligible: Record<string, number>;
    }>();
    commitmentId = view.id;
    expect(view.counts).toEqual({ A: 1, B: 1, D: 2 });
    expect(view.eligible).toEqual({ A: 2, B: 2, D: 2 });

    const again = await zhangwei.send('POST', `/api/v1/inspections/tasks/${taskId}/commitment`, {
      beacons: [{ kind: 'drand', description: 'x' }],
    });
    expect(again.json<{ code: string }>().code).toBe('INSPECTION_TASK_STATE');

    const missing = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/draw`);
    expect(missing.json<{ code: string }>().code).toBe('INSPECTION_DRAW_TOO_EARLY');

    const badValue = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/beacons`, {
      position: 1,
      value: 'not hex',
      source: 'https://api.drand.sh/',
    });
    expect(badValue.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.value');
    const root = Buffer.alloc(32, 7).toString('base64');
    const first = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/beacons`, {
      position: 0,
      value: root,
      source: 'hengyang-county.example/log，树大小 1024',
    });
    expect(first.statusCode, first.body).toBe(200);
    const changed = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/beacons`, {
      position: 0,
      value: Buffer.alloc(32, 8).toString('base64'),
      source: '另一个检查点',
    });
    expect(changed.json<{ code: string }>().code).toBe('INSPECTION_BEACON_ENTERED');

    h.clock.advance(24 * 60 * 60 * 1000);
    // A day later: new sessions.
    [zhangwei, huanglei] = [await signIn(h, 'zhangwei'), await signIn(h, 'huanglei')];
    const oneMissing = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/draw`);
    expect(oneMissing.json<{ code: string }>().code).toBe('INSPECTION_BEACON_MISSING');
    await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/beacons`, {
      position: 1,
      value: 'ab'.repeat(32),
      source: 'drand quicknet 第 1234567 轮',
    });
  });

  it('draws once, opens an inspection case per target with its two inspectors, and publishes a file anyone can re-run', async () => {
    const drawn = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);
    const view = drawn.json<{
      draw: {
        id: string;
        selection: { creditCode: string; inspectors: { name: string }[]; caseId: string }[];
      };
    }>();
    expect(view.draw.selection).toHaveLength(4);
    drawId = view.draw.id;
    for (const s of view.draw.selection) {
      expect(s.inspectors).toHaveLength(2);
      const kase = await zhangwei.get(`/api/v1/cases/${s.caseId}`);
      expect(kase.json()).toMatchObject({ case: { kind: 'inspection', state: 'planned' } });
    }
    const redo = await zhangwei.send('POST', `/api/v1/inspections/commitments/${commitmentId}/draw`);
    expect(redo.json<{ code: string }>().code).toBe('INSPECTION_ALREADY_DRAWN');

    const list = await h.app.inject({ method: 'GET', url: '/inspections/draws' });
    expect(list.body).toContain(`/inspections/draws/${view.draw.id}.json`);
    const file = await h.app.inject({ method: 'GET', url: `/inspections/draws/${view.draw.id}.json` });
    expect(file.statusCode).toBe(200);
    const published = file.json<DrawFile>();
    expect(published.algorithm).toBe('sanxiang-draw/v1');
    expect(published.selection.map((s) => s.creditCode)).toEqual(
      view.draw.selection.map((s) => s.creditCode),
    );
    expect(rerunDraw(published).differences).toEqual([]);
    const page = await h.app.inject({ method: 'GET', url: `/inspections/draws/${view.draw.id}` });
    expect(page.body).toContain(published.seed);
    const unknown = await h.app.inject({
      method: 'GET',
      url: `/inspections/draws/${'0'.repeat(8)}-0000-0000-0000-000000000000.json`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('records a result once 出具检查结果 is taken, and publishes it with the 20-working-day countdown', async () => {
    const all = (await zhangwei.get(`/api/v1/inspections/assignments?drawId=${drawId}`)).json<{
      items: { id: string; caseId: string; inspectors: { personId: string }[]; targetName: string }[];
    }>().items;
    expect(all).toHaveLength(4);
    const me = (await zhangwei.get('/api/v1/me')).json<{ personId: string }>();
    const mine = (await zhangwei.get(`/api/v1/inspections/assignments?mine=true&drawId=${drawId}`)).json<{
      items: unknown[];
    }>();
    expect(mine.items).toHaveLength(
      all.filter((a) => a.inspectors.some((i) => i.personId === me.personId)).length,
    );

    const a = all[0]!;
    const early = await zhangwei.send('POST', `/api/v1/inspections/assignments/${a.id}/result`, {
      result: 'passed',
      summary: '未发现问题',
    });
    expect(early.json()).toMatchObject({
      code: 'INSPECTION_TASK_STATE',
      detail: '检查案件当前为「已列入计划」：记录「合格（未发现问题）」前，须先在案件中办理「出具检查结果」',
    });
    for (const name of ['inspect', 'record', 'conclude']) await step(zhangwei, a.caseId, name);
    const recorded = await zhangwei.send('POST', `/api/v1/inspections/assignments/${a.id}/result`, {
      result: 'passed',
      summary: '证照齐全，进货查验记录完整，未发现问题',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({
      result: 'passed',
      workingDaysLeft: 20,
      overdue: false,
      publishedAt: null,
    });
    const twice = await zhangwei.send('POST', `/api/v1/inspections/assignments/${a.id}/result`, {
      result: 'problems',
      summary: '改口',
    });
    expect(twice.json<{ code: string }>().code).toBe('CONFLICT');

    expect((await huanglei.send('POST', `/api/v1/inspections/assignments/${a.id}/publish`)).statusCode).toBe(
      403,
    );
    const published = await zhangwei.send('POST', `/api/v1/inspections/assignments/${a.id}/publish`);
    expect(published.json<{ publishedAt: string | null; workingDaysLeft: number | null }>()).toMatchObject({
      workingDaysLeft: null,
    });
    const portal = await h.app.inject({ method: 'GET', url: '/inspections' });
    expect(portal.body).toContain('证照齐全，进货查验记录完整，未发现问题');
    expect(portal.body).toContain(a.targetName);
  });
});
