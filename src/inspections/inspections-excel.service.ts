import ExcelJS from 'exceljs';
import type { Principal } from '../platform/auth/principal.ts';
import { authorize } from '../platform/auth/policy.ts';
import { reachScopeOf } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { chinaDateTime } from '../platform/china-date.ts';
import { riskGrades } from './draw.rules.ts';
import { commitmentView } from './draws.queries.ts';
import { drawById } from './draws.store.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import type { Plan } from './plans.schema.ts';
import type { Assignment } from './results.schema.ts';

/**
 * Excel exports of the random-inspection lists the workbench shows (issue 15 item 6): the plans with their
 * tasks, a draw's selection with its inspectors, and the drawn inspections with their results. The target directory's export is
 * targets-excel.service.ts.
 */

interface Column {
  header: string;
  width: number;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

const quotaText = (quotas: Plan['tasks'][number]['quotas']): string =>
  riskGrades
    .flatMap((g) => {
      const q = quotas[g];
      if (!q) return [];
      return ['count' in q ? `${g} 级 ${q.count} 户` : `${g} 级 ${q.percent}%`];
    })
    .join('，');

const when = (iso: string | null): string => (iso ? chinaDateTime(new Date(iso)) : '');

/** One row per task (a plan without tasks: one row of the plan alone). */
export async function exportPlans(plans: readonly Plan[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '抽查计划', [
    { header: '年度', width: 8 },
    { header: '计划名称', width: 30 },
    { header: '计划状态', width: 10 },
    { header: '批准日期', width: 12 },
    { header: '批准人', width: 10 },
    { header: '公示时间', width: 18 },
    { header: '任务名称', width: 30 },
    { header: '抽查事项', width: 30 },
    { header: '监管领域', width: 12 },
    { header: '抽查范围', width: 24 },
    { header: '抽取户数或比例', width: 24 },
    { header: '开始日期', width: 12 },
    { header: '结束日期', width: 12 },
    { header: '联合抽查部门', width: 20 },
    { header: '任务状态', width: 10 },
    { header: '取消原因', width: 24 },
  ]);
  for (const p of plans) {
    const head = [
      p.year,
      p.title,
      p.stateLabel,
      p.approvedOn ?? '',
      p.approvedByName ?? '',
      when(p.publishedAt),
    ];
    if (p.tasks.length === 0) sheet.addRow(head);
    for (const t of p.tasks) {
      sheet.addRow([
        ...head,
        t.title,
        t.itemName ?? '',
        t.fieldLabel,
        t.scope,
        quotaText(t.quotas),
        t.startsOn,
        t.endsOn,
        t.jointAgencies.join('、'),
        t.stateLabel,
        t.cancelledReason ?? '',
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A draw's selection in its order, with the seed and the commitment's digest above the table. */
export async function exportDraw(db: Db, principal: Principal, drawId: string): Promise<Buffer> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const draw = await drawById(db, scope, drawId);
  if (!draw) throw new AppError('NOT_FOUND', { detail: '没有该次抽取' });
  authorize(principal, inspectionsPolicy.read, draw.agency_id);
  const view = await commitmentView(db, principal, draw.commitment_id);
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '抽取结果', [
    { header: '序号', width: 6 },
    { header: '检查对象', width: 28 },
    { header: '统一社会信用代码', width: 22 },
    { header: '地址', width: 30 },
    { header: '检查人员', width: 24 },
    { header: '执法证号', width: 30 },
  ]);
  view.draw?.selection.forEach((s, i) =>
    sheet.addRow([
      i + 1,
      s.name,
      s.creditCode,
      s.address,
      s.inspectors.map((x) => x.name).join('、'),
      s.inspectors.map((x) => x.certificateNumber).join('、'),
    ]),
  );
  const about = workbook.addWorksheet('抽取依据');
  about.columns = [{ width: 20 }, { width: 80 }];
  about.addRow(['算法', view.algorithm]);
  about.addRow(['承诺摘要（SHA-256）', view.commitmentSha256]);
  about.addRow(['承诺时间（北京时间）', when(view.committedAt)]);
  about.addRow(['种子', view.draw?.seed ?? '']);
  about.addRow(['抽取时间（北京时间）', when(view.draw?.drawnAt ?? null)]);
  for (const b of view.beacons) about.addRow([`公开随机数 ${b.position + 1}`, `${b.value}（${b.source}）`]);
  about.addRow(['公开抽取文件', `/inspections/draws/${drawId}.json`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The drawn inspections as the 我的检查 and 检查结果 lists show them, with the publication deadline. */
export async function exportAssignments(items: readonly Assignment[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '检查结果', [
    { header: '抽查任务', width: 28 },
    { header: '检查对象', width: 28 },
    { header: '统一社会信用代码', width: 22 },
    { header: '地址', width: 30 },
    { header: '检查人员', width: 18 },
    { header: '检查案件', width: 22 },
    { header: '案件状态', width: 12 },
    { header: '检查结果', width: 24 },
    { header: '结果日期', width: 12 },
    { header: '结果说明', width: 36 },
    { header: '公示期限', width: 12 },
    { header: '剩余工作日', width: 10 },
    { header: '公示时间', width: 18 },
    { header: '逾期未公示', width: 10 },
  ]);
  for (const a of items) {
    sheet.addRow([
      a.taskTitle,
      a.targetName,
      a.creditCode,
      a.targetAddress,
      a.inspectors.map((i) => i.name).join('、'),
      a.caseNumber ?? '',
      a.caseStateLabel ?? '',
      a.resultLabel ?? '',
      a.resultOn ?? '',
      a.summary ?? '',
      a.publishDueOn ?? '',
      a.workingDaysLeft ?? '',
      when(a.publishedAt),
      a.overdue ? '是' : '否',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
