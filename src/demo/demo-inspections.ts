import type { CommandDeps } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { creditCodeCheckCharacter } from '../org/credit-code.rules.ts';
import { takeStep } from '../cases/case-step.take.ts';
import { stepInput } from '../cases/cases.schema.ts';
import { commitTask, enterBeacon, makeDraw } from '../inspections/draws.service.ts';
import { addTask, approvePlan, createPlan, publishPlan } from '../inspections/plans.service.ts';
import { listAssignments, publishResult, recordResult } from '../inspections/results.service.ts';
import { addTarget } from '../inspections/targets.service.ts';
import { daysAgo } from './demo-clock.ts';
import { principal } from './demo-principal.ts';
import { caseVersion, itemIdByName } from './demo.store.ts';

/**
 * Demo random inspection (issue 15 item 7) of 衡阳县市场监督管理局, through the same services as the
 * workbench: a directory of food businesses with risk grades, the year's plan with one task approved and
 * published before it starts, its commitment (with one recusal) and, a day later, its beacons and draw;
 * of the drawn inspections one is done and its result published, one inspected and recorded, the rest
 * still to do. Dates count back from today. Every name and code is invented, and the beacon values are
 * examples (示例值), not values any county platform or drand round published.
 */

const creditCode = (n: number) => {
  const first17 = `92430421MA4R${String(n).padStart(5, '0')}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
};

/** The food businesses of the directory and their grades (A lowest risk, D highest). */
const shops: { name: string; address: string; grade: 'A' | 'B' | 'C' | 'D' }[] = [
  { name: '衡阳县城关镇惠民副食店', address: '衡阳县西渡镇蒸阳北路 12 号', grade: 'A' },
  { name: '衡阳县西渡镇好邻居便利店', address: '衡阳县西渡镇演示路 3 号', grade: 'A' },
  { name: '衡阳县台源镇新鲜果蔬超市', address: '衡阳县台源镇台源街 21 号', grade: 'A' },
  { name: '衡阳县井头镇乡味小吃店', address: '衡阳县井头镇井头街 5 号', grade: 'B' },
  { name: '衡阳县金溪镇惠客餐馆', address: '衡阳县金溪镇金溪路 8 号', grade: 'B' },
  { name: '衡阳县演陂镇粮油批发部', address: '衡阳县演陂镇演陂街 17 号', grade: 'B' },
  { name: '衡阳县渣江镇放心肉食店', address: '衡阳县渣江镇渣江路 9 号', grade: 'B' },
  { name: '衡阳县界牌镇农家豆制品坊', address: '衡阳县界牌镇界牌街 2 号', grade: 'C' },
  { name: '衡阳县三湖镇湘味卤菜店', address: '衡阳县三湖镇三湖路 6 号', grade: 'C' },
  { name: '衡阳县关市镇学校食堂承包部', address: '衡阳县关市镇关市街 1 号', grade: 'D' },
  { name: '衡阳县洪市镇冷冻食品批发部', address: '衡阳县洪市镇洪市路 14 号', grade: 'D' },
];

/** Example beacon values of the demo draw (示例值): a checkpoint root and a drand randomness. */
export const demoBeacons = [
  {
    value: 'c2FueGlhbmctZGVtby1jb3VudHktY2hlY2twb2ludC0=',
    source: '示例值：衡阳县行政执法监督平台记录日志，树大小 1024',
  },
  {
    value: '5d8a0f3c6e2b9a7d41c0e8f5b3a6d9c27e1f4b8a0d3c6e9f2a5b8c1d4e7f0a3b',
    source: '示例值：drand quicknet 第 24000000 轮',
  },
];

export async function loadDemoInspections(deps: CommandDeps): Promise<void> {
  const zhangwei = await principal(deps, '张伟');
  const head = await principal(deps, '刘建国');
  const on = (n: number) => chinaDate(daysAgo(deps, n).clock.now());

  for (const [i, s] of shops.entries()) {
    await addTarget(daysAgo(deps, 14), zhangwei, {
      creditCode: creditCode(i + 1),
      name: s.name,
      address: s.address,
      field: 'food',
      riskGrade: s.grade,
    });
  }

  const startsOn = on(5);
  const year = Number(startsOn.slice(0, 4));
  const lastDay = `${year}-12-31`;
  const endsOn = on(-25) < lastDay ? on(-25) : lastDay;
  const plan = await createPlan(daysAgo(deps, 10), zhangwei, {
    year,
    title: '食品经营者“双随机、一公开”抽查计划',
  });
  const itemId = await itemIdByName(deps.db, ownAgency(zhangwei.agencyId), '食品经营者食品安全监督检查');
  const planned = await addTask(daysAgo(deps, 10, 10), zhangwei, plan.id, {
    powerItemId: itemId,
    title: `${year} 年食品经营者第一批抽查`,
    field: 'food',
    scope: '全县食品销售、餐饮服务经营者',
    quotas: { A: { percent: 30 }, B: { count: 2 }, C: { count: 1 }, D: { percent: 100 } },
    startsOn,
    endsOn,
    jointAgencies: [],
  });
  await approvePlan(daysAgo(deps, 9), head, plan.id, undefined);
  await publishPlan(daysAgo(deps, 8), zhangwei, plan.id);

  const taskId = planned.tasks[0]!.id;
  // 黄磊 declared that his relative runs the 学校食堂承包部: he is recused for it.
  const commitment = await commitTask(daysAgo(deps, 7), zhangwei, taskId, {
    recusals: [{ creditCode: creditCode(10), certificateNumber: '43042100000004' }],
    beacons: [
      { kind: 'county-checkpoint', description: '衡阳县行政执法监督平台记录日志在承诺后的第一个检查点' },
      { kind: 'drand', description: 'drand quicknet 在承诺 24 小时后的第一个轮次' },
    ],
  });
  for (const [position, b] of demoBeacons.entries()) {
    await enterBeacon(daysAgo(deps, 6, 10), zhangwei, commitment.id, { position, ...b });
  }
  await makeDraw(daysAgo(deps, 6, 11), zhangwei, commitment.id);

  // The first drawn inspection done and published; the second inspected and recorded; the rest to do.
  const [first, second] = await listAssignments(deps, zhangwei, { mine: 'false' });
  const steps = async (caseId: string, names: string[], n: number) => {
    for (const step of names) {
      await takeStep(
        daysAgo(deps, n, 15),
        zhangwei,
        caseId,
        step,
        stepInput.parse({ version: await caseVersion(deps.db, ownAgency(zhangwei.agencyId), caseId) }),
      );
    }
  };
  if (first?.caseId) {
    await steps(first.caseId, ['inspect', 'record', 'conclude'], 4);
    await recordResult(daysAgo(deps, 4, 16), zhangwei, first.id, {
      result: 'passed',
      summary: '许可证件在有效期内，进货查验记录完整，从业人员健康证明齐全，未发现问题',
    });
    await publishResult(daysAgo(deps, 3), zhangwei, first.id);
  }
  if (second?.caseId) await steps(second.caseId, ['inspect', 'record'], 3);
}
