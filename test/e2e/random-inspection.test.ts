import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { takeStep } from '../../src/cases/case-step.take.ts';
import { stepInput } from '../../src/cases/cases.schema.ts';
import { commitTask } from '../../src/inspections/draws.service.ts';
import { addCalendarDays } from '../../src/platform/calendar/working-days.rules.ts';
import { chinaDate, systemClock } from '../../src/platform/clock.ts';
import { chinaDateTime } from '../../src/platform/china-date.ts';
import { rerunDraw, type DrawFile } from '../../src/inspections/draw.rules.ts';
import { planInput, taskInput } from '../../src/inspections/plans.schema.ts';
import {
  addTask,
  approvePlan,
  createPlan,
  listPlans,
  publishPlan,
} from '../../src/inspections/plans.service.ts';
import { creditCodeCheckCharacter } from '../../src/org/credit-code.rules.ts';
import { testStagingKey } from '../test-env.ts';
import { choose, newPage, pickDate, signInThroughPage, startSite, type Site } from './browser.ts';
import { demoPrincipal } from '../demo-principal.ts';

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
  { n: 5, name: '井头小吃店', grade: 'D' },
];

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('检查对象名录');
  sheet.addRow(['统一社会信用代码', '名称', '地址', '监管领域', '风险等级']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const notice = (page: Page, text: RegExp | string) =>
  page.locator('.ant-message-notice', { hasText: text }).first().waitFor();

/**
 * 双随机、一公开 in the workbench (issue 15 item 6): the unit head imports the directory from Excel (a bad
 * file shows each row's errors and imports nothing), drafts a plan with a task, the agency head approves
 * it, it is published; the commitment shows its digest and the China time after which the draw is allowed;
 * each beacon is entered once; the draw shows the selection with its inspectors and inspection cases and
 * the public draw file. The site runs on the real clock, so the commitment drawn here is made through the
 * service 25 hours earlier; a second task is committed in the browser to show the 24-hour wait.
 */
describe('random inspection in the workbench (browser)', { timeout: 180_000 }, () => {
  let site: Site;
  let page: Page;
  const tomorrow = addCalendarDays(chinaDate(new Date()), 1);
  const year = tomorrow.slice(0, 4);
  const taskTitle = '第四季度食品经营者双随机抽查';
  let caseIds: string[] = [];
  let inspectorOfFirst = '';
  let inspector = '';
  let firstCode = '';

  beforeAll(async () => {
    site = await startSite();
    page = await newPage(site);
  });
  afterAll(() => site?.close());

  it('imports the target directory from Excel after a dry run that names the bad cells', async () => {
    await signInThroughPage(site, page, 'zhangwei');
    await page.getByRole('menuitem', { name: '检查对象名录' }).click();
    await page.waitForURL('**/app/inspections/targets');
    await page.getByRole('button', { name: '导入 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: /导入检查对象/ });
    const file = dialog.locator('input[type=file]');
    const bad = await workbook([
      [code(1), '城关副食店', '城关镇', '食品安全', 'A'],
      ['91430421000000019X', '错码商店', '', '食品安全', 'E'],
    ]);
    await file.setInputFiles({
      name: '名录（有误）.xlsx',
      mimeType: 'application/octet-stream',
      buffer: bad,
    });
    await dialog.getByText('其中 1 行有错误').waitFor();
    expect(await dialog.getByRole('row', { name: /错码商店/ }).innerText()).toContain('风险等级：');
    await expect.poll(() => dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

    const good = await workbook(
      shops.map((s) => [code(s.n), s.name, `衡阳县${s.name}`, '食品安全', s.grade]),
    );
    await file.setInputFiles({ name: '名录.xlsx', mimeType: 'application/octet-stream', buffer: good });
    await dialog.getByText('全部校验通过：将新增 5 户').waitFor();
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await notice(page, '已导入：新增 5 户');
    await page.getByRole('cell', { name: code(5) }).waitFor();
  });

  it('records a change of a target with its reason in the history', async () => {
    await page
      .getByRole('row', { name: /台源餐馆/ })
      .getByRole('button', { name: '变更', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: /变更检查对象/ });
    await choose(page, dialog.getByLabel('风险等级'), 'D 级（高风险）');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.locator('.ant-form-item', { hasText: '变更原因' }).getByText('请填写变更原因').waitFor();
    await dialog.getByLabel('变更原因').fill('投诉举报增多');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await notice(page, '已变更「台源餐馆」');
    await page
      .getByRole('row', { name: /台源餐馆/ })
      .getByRole('button', { name: '变更记录' })
      .click();
    const events = page.locator('.ant-drawer').getByTestId('target-event');
    await expect.poll(() => events.count()).toBe(2);
    expect(await events.nth(1).innerText()).toContain('风险等级：B → D');
    expect(await events.nth(1).innerText()).toContain('原因：投诉举报增多');
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  });

  it('drafts a plan with a task by grade quotas; the agency head approves it and it is published', async () => {
    await page.getByRole('menuitem', { name: '抽查计划' }).click();
    await page.waitForURL('**/app/inspections/plans');
    await page.getByRole('button', { name: '新建计划' }).click();
    let dialog = page.getByRole('dialog', { name: '新建抽查计划' });
    await dialog.getByLabel('年度').fill(year);
    await dialog.getByLabel('计划名称').fill('食品经营者双随机抽查计划');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await notice(page, '已新建计划');

    await page.getByRole('button', { name: '增加任务' }).click();
    dialog = page.getByRole('dialog', { name: /增加抽查任务/ });
    await choose(page, dialog.getByLabel('随机抽查事项'), '食品经营者食品安全监督检查');
    await dialog.getByLabel('任务名称').fill(taskTitle);
    await choose(page, dialog.getByLabel('监管领域'), '食品安全');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('请至少为一个风险等级设定抽取户数或比例').waitFor();
    await choose(page, dialog.getByLabel('A 级（低风险）：抽取方式'), '按户数');
    await dialog.getByLabel('A 级抽取户数').fill('1');
    await choose(page, dialog.getByLabel('B 级：抽取方式'), '按比例（%）');
    await dialog.getByLabel('B 级抽取比例（%）').fill('50');
    await choose(page, dialog.getByLabel('D 级（高风险）：抽取方式'), '按户数');
    await dialog.getByLabel('D 级抽取户数').fill('1');
    await pickDate(page, dialog.getByLabel('开始日期'), tomorrow);
    await pickDate(page, dialog.getByLabel('结束日期'), tomorrow);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await notice(page, `已增加任务「${taskTitle}」`);
    expect(await page.getByRole('row', { name: new RegExp(taskTitle) }).innerText()).toContain(
      'A 级 1 户，B 级 50%，D 级 1 户',
    );
    // the unit head may not approve
    expect(await page.getByRole('button', { name: '批准计划' }).count()).toBe(0);

    const head = await newPage(site);
    await signInThroughPage(site, head, 'juzhang');
    await head.goto(`${site.url}/app/inspections/plans`);
    await head.getByRole('button', { name: '批准计划' }).click();
    await head
      .getByRole('dialog', { name: /批准抽查计划/ })
      .getByRole('button', { name: /批\s*准/ })
      .click();
    await notice(head, '已批准');
    await head.context().close();

    await page.reload();
    await page.getByRole('button', { name: '公示计划' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /公\s*示/ })
      .click();
    await notice(page, '已公示');
    const portal = await page.request.get(`${site.url}/inspections`);
    expect(await portal.text()).toContain(taskTitle);
  });

  it('commits a task in the browser: its digest, and the China time after which the draw is allowed', async () => {
    // A second plan, made and published through the services, to commit here on the real clock.
    const deps = { db: site.database.db, clock: systemClock, staging: testStagingKey };
    const head = await demoPrincipal(site.database.db, 'juzhang');
    const unitHead = await demoPrincipal(site.database.db, 'zhangwei');
    const [first] = (await listPlans(site.database.db, unitHead, new Date()))[0]!.tasks;
    const plan = await createPlan(
      deps,
      unitHead,
      planInput.parse({ year: Number(year), title: '补充抽查计划' }),
    );
    const withTask = await addTask(
      deps,
      unitHead,
      plan.id,
      taskInput.parse({
        powerItemId: first!.powerItemId,
        title: '补充抽查',
        field: 'food',
        quotas: { A: { count: 1 } },
        startsOn: tomorrow,
        endsOn: tomorrow,
      }),
    );
    await approvePlan(deps, head, plan.id, undefined);
    await publishPlan(deps, unitHead, plan.id);

    await page.goto(`${site.url}/app/inspections/draws?task=${withTask.tasks[0]!.id}`);
    await page.getByRole('button', { name: '作出抽取承诺' }).click();
    const dialog = page.getByRole('dialog', { name: /作出抽取承诺/ });
    await dialog.getByRole('button', { name: /作出承诺/ }).click();
    await dialog
      .locator('.ant-form-item', { hasText: '随机数 1：来源说明' })
      .getByText('请填写公开随机数的来源说明')
      .waitFor();
    await dialog.getByLabel('随机数 1：来源说明').fill('衡阳县行政执法监督平台记录日志明日的第一个检查点');
    await dialog.getByRole('button', { name: /作出承诺/ }).click();
    await notice(page, '已作出抽取承诺');
    const shown = await page.getByTestId('commitment-sha256').innerText();
    const answer = await page.request.get(
      `${site.url}/api/v1/inspections/tasks/${withTask.tasks[0]!.id}/commitment`,
    );
    const { commitment } = (await answer.json()) as {
      commitment: { commitmentSha256: string; drawNotBefore: string };
    };
    expect(shown).toBe(commitment.commitmentSha256);
    expect(await page.getByTestId('draw-not-before').innerText()).toBe(
      `${chinaDateTime(new Date(commitment.drawNotBefore))}（北京时间）`,
    );
    await page.getByText('承诺作出 24 小时后方可抽取').waitFor();
    expect(await page.getByRole('button', { name: /^抽\s*取$/ }).isDisabled()).toBe(true);
  });

  it('enters each beacon once and draws; the selection names its inspectors and cases and is published', async () => {
    // The site runs on the real clock: the commitment drawn here was made 25 hours ago.
    const earlier = { now: () => new Date(Date.now() - 25 * 60 * 60 * 1000) };
    const unitHead = await demoPrincipal(site.database.db, 'zhangwei');
    const task = (await listPlans(site.database.db, unitHead, new Date()))
      .flatMap((p) => p.tasks)
      .find((t) => t.title === taskTitle)!;
    await commitTask({ db: site.database.db, clock: earlier, staging: testStagingKey }, unitHead, task.id, {
      recusals: [],
      beacons: [
        { kind: 'county-checkpoint', description: '衡阳县行政执法监督平台记录日志次日的第一个检查点' },
        { kind: 'drand', description: 'drand quicknet 次日 10:00 的轮次' },
      ],
    });

    await page.goto(`${site.url}/app/inspections/draws?task=${task.id}`);
    await page
      .getByRole('row', { name: /检查点/ })
      .getByRole('button', { name: /^录\s*入$/ })
      .click();
    let dialog = page.getByRole('dialog', { name: /录入公开随机数 1/ });
    await dialog.getByLabel('取值', { exact: true }).fill('not base64');
    await dialog.getByLabel('取值的出处').fill('hengyang-county.example/log，树大小 1024');
    await dialog.getByRole('button', { name: /录\s*入/ }).click();
    await dialog
      .locator('.ant-form-item', { hasText: '取值' })
      .getByText(/检查点根哈希应为 32 字节的 base64/)
      .waitFor();
    await dialog.getByLabel('取值', { exact: true }).fill(Buffer.alloc(32, 7).toString('base64'));
    await dialog.getByRole('button', { name: /录\s*入/ }).click();
    await notice(page, '已录入公开随机数 1');
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /检查点/ })
          .getByRole('button', { name: /^录\s*入$/ })
          .count(),
      )
      .toBe(0);

    await page
      .getByRole('row', { name: /drand/ })
      .getByRole('button', { name: /^录\s*入$/ })
      .click();
    dialog = page.getByRole('dialog', { name: /录入公开随机数 2/ });
    await dialog.getByLabel('取值', { exact: true }).fill('ab'.repeat(32));
    await dialog.getByLabel('取值的出处').fill('drand quicknet 第 1234567 轮');
    await dialog.getByRole('button', { name: /录\s*入/ }).click();
    await notice(page, '已录入公开随机数 2');

    await page.getByRole('button', { name: /^抽\s*取$/ }).click();
    await page
      .getByRole('dialog', { name: /抽取？/ })
      .getByRole('button', { name: /^抽\s*取$/ })
      .click();
    await notice(page, '已抽取');
    const result = page.getByTestId('draw-selection');
    const rows = result.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const links = result.getByRole('link', { name: '打开案件' });
    caseIds = await Promise.all(
      (await links.all()).map(async (l) => (await l.getAttribute('href'))!.replace(/.*case=/, '')),
    );
    const file = await result.getByRole('link', { name: /公开抽取文件/ }).getAttribute('href');
    const published = (await (await page.request.get(`${site.url}${file}`)).json()) as DrawFile;
    expect(rerunDraw(published).differences).toEqual([]);
    const drawn = Object.values(published.commitment.counts).reduce((a, b) => a + (b ?? 0), 0);
    expect(await rows.count()).toBe(drawn);
    expect(await links.count()).toBe(drawn);
    for (const [i, s] of published.selection.entries()) {
      expect(await rows.nth(i).innerText()).toContain(s.creditCode);
      for (const number of s.inspectors) expect(await rows.nth(i).innerText()).toContain(number);
    }
    inspectorOfFirst = published.selection[0]!.inspectors[0]!;
    firstCode = published.selection[0]!.creditCode;
  });

  it('an inspector takes the drawn inspection case to 出具检查结果 on the case page', async () => {
    const db = site.database.db.withoutPlugins();
    const { username } = await db
      .selectFrom('certificates')
      .innerJoin('accounts', 'accounts.person_id', 'certificates.person_id')
      .select('accounts.username')
      .where('certificates.number', '=', inspectorOfFirst)
      .executeTakeFirstOrThrow();
    inspector = username;
    // The on-site inspection and its record go through the services the case page calls.
    const deps = { db: site.database.db, clock: systemClock, staging: testStagingKey };
    const who = await demoPrincipal(site.database.db, username);
    const version = async () =>
      (await db.selectFrom('cases').select('version').where('id', '=', caseIds[0]!).executeTakeFirstOrThrow())
        .version;
    for (const step of ['inspect', 'record'])
      await takeStep(deps, who, caseIds[0]!, step, stepInput.parse({ version: await version() }));

    const officer = await newPage(site);
    await signInThroughPage(site, officer, username);
    await officer.goto(`${site.url}/app/cases?case=${caseIds[0]}`);
    await officer.getByRole('button', { name: '办理：出具检查结果', exact: true }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByRole('button', { name: /^提\s*交$/ }).click();
    await expect.poll(() => officer.getByTestId('case-state').innerText()).toBe('已出具结果');
    await officer.context().close();
  });

  it('the inspector records the result, it is published within 20 working days, and the portal shows it', async () => {
    const officer = await newPage(site);
    await signInThroughPage(site, officer, inspector);
    await officer.getByRole('menuitem', { name: '我的检查' }).click();
    await officer.waitForURL('**/app/inspections/mine');
    const row = officer.getByRole('row', { name: new RegExp(firstCode) });
    await row.getByRole('button', { name: '记录结果' }).click();
    const dialog = officer.getByRole('dialog', { name: /记录检查结果/ });
    await dialog.getByRole('button', { name: /记\s*录/ }).click();
    await dialog.locator('.ant-form-item', { hasText: '检查结果' }).getByText('请选择检查结果').waitFor();
    await choose(officer, dialog.getByLabel('检查结果'), '合格（未发现问题）');
    await dialog.getByLabel('结果说明').fill('现场检查未发现问题，许可证照齐全，进货查验记录完整');
    await dialog.getByRole('button', { name: /记\s*录/ }).click();
    await notice(officer, '的检查结果');
    await expect.poll(() => row.innerText()).toContain('合格（未发现问题）');
    expect(await row.innerText()).toContain('剩余 20 个工作日');
    await officer.context().close();

    // The unit head publishes it from 检查结果 (an officer records, a head or publisher publishes).
    await page.getByRole('menuitem', { name: '检查结果' }).click();
    await page.waitForURL('**/app/inspections/results');
    const listed = page.getByRole('row', { name: new RegExp(firstCode) });
    await listed.getByRole('button', { name: '公示结果' }).click();
    await page
      .getByRole('dialog', { name: /公示.*检查结果/ })
      .getByRole('button', { name: /公\s*示/ })
      .click();
    await notice(page, /已公示「.*」的检查结果/);
    await expect.poll(() => listed.innerText()).toContain('已公示');

    const portal = await (await page.request.get(`${site.url}/inspections`)).text();
    expect(portal).toContain(firstCode);
    expect(portal).toContain('现场检查未发现问题，许可证照齐全，进货查验记录完整');
  });
});
