import ExcelJS from 'exceljs';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { byLabel, cellText } from '../platform/excel/cells.ts';
import { enforcementFields, fieldLabel } from '../org/certificate.rules.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { targetInput, type Target, type TargetInput } from './targets.schema.ts';
import { addTargetIn, changeTargetIn } from './targets.service.ts';
import { targetsByCreditCode } from './targets.store.ts';

/**
 * Excel import and export of the inspection-target directory. An import is checked whole first: every
 * row's problems are listed with its column, and nothing is imported while any row is bad (one command for
 * all). A credit code already in the directory updates that target, its changes kept in its history with
 * the import named as their reason.
 */

const columns = [
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'name', header: '名称', width: 28 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'field', header: '监管领域', width: 14 },
  { key: 'riskGrade', header: '风险等级', width: 10 },
] as const;
type ColumnKey = (typeof columns)[number]['key'];
const headerOf = (key: string): string => columns.find((c) => c.key === key)?.header ?? key;

function sheetOf(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('检查对象名录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

export async function exportTargets(targets: readonly Target[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook);
  sheet.getColumn(6).header = '在库';
  sheet.getColumn(6).width = 8;
  for (const t of targets) {
    sheet.addRow([t.creditCode, t.name, t.address, fieldLabel(t.field), t.riskGrade, t.active ? '是' : '否']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function targetsTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook);
  sheet.addRow(['91430421MA4L12345X', '衡阳县城关副食店', '衡阳县城关镇解放路 1 号', '食品安全', 'B']);
  const help = workbook.addWorksheet('说明');
  help.addRow(['监管领域可填：', Object.values(enforcementFields).join('、')]);
  help.addRow(['风险等级可填：', 'A、B、C、D（A 级风险最低，D 级最高）']);
  help.addRow(['已在名录库中的统一社会信用代码：', '按表中内容更新，变更记入该对象的变更记录']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface TargetImportRow {
  row: number;
  creditCode: string;
  name: string;
  action: 'add' | 'update' | 'unchanged';
  errors: { column: string; message: string }[];
}

export async function importTargets(
  deps: CommandDeps,
  principal: Principal,
  file: Buffer,
  dryRun: boolean,
): Promise<{ valid: boolean; added: number; updated: number; rows: TargetImportRow[] }> {
  authorize(principal, inspectionsPolicy.manageTargets, principal.agencyId);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', { detail: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', { detail: 'Excel 文件中没有工作表' });
  const headerIndex = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value), col));
  const missing = columns.filter((c) => c.key !== 'address' && !headerIndex.has(c.header));
  if (missing.length > 0) {
    throw new AppError('BAD_REQUEST', {
      detail: `缺少表头${missing.map((c) => `「${c.header}」`).join('')}，请使用导入模板`,
    });
  }

  const scope = ownScopeOf(principal);
  const parsed: { input: TargetInput | null; result: TargetImportRow }[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (key: ColumnKey) => {
      const col = headerIndex.get(headerOf(key));
      return col ? cellText(row.getCell(col).value) : '';
    };
    if (columns.every((c) => get(c.key) === '')) continue;
    const result: TargetImportRow = {
      row: r,
      creditCode: get('creditCode').toUpperCase(),
      name: get('name'),
      action: 'add',
      errors: [],
    };
    const check = targetInput.safeParse({
      creditCode: get('creditCode'),
      name: get('name'),
      address: get('address'),
      field: byLabel(enforcementFields, get('field')),
      riskGrade: get('riskGrade').toUpperCase(),
    });
    if (!check.success) {
      for (const issue of check.error.issues) {
        result.errors.push({ column: headerOf(String(issue.path[0] ?? '')), message: issue.message });
      }
    }
    const earlier = seen.get(result.creditCode);
    if (earlier !== undefined) {
      result.errors.push({ column: headerOf('creditCode'), message: `与第 ${earlier} 行重复` });
    } else if (result.creditCode) seen.set(result.creditCode, r);
    parsed.push({ input: check.success ? check.data : null, result });
  }
  if (parsed.length === 0) throw new AppError('BAD_REQUEST', { detail: '表中没有要导入的检查对象' });

  const existing = new Map(
    (
      await targetsByCreditCode(
        deps.db,
        scope,
        parsed.flatMap((p) => (p.input ? [p.input.creditCode] : [])),
      )
    ).map((t) => [t.credit_code, t]),
  );
  for (const p of parsed) {
    const before = p.input && existing.get(p.input.creditCode);
    if (!p.input || !before) continue;
    const same =
      before.name === p.input.name &&
      before.address === p.input.address &&
      before.field === p.input.field &&
      before.risk_grade === p.input.riskGrade &&
      before.active;
    p.result.action = same ? 'unchanged' : 'update';
  }
  const rows = parsed.map((p) => p.result);
  const valid = rows.every((r) => r.errors.length === 0);
  const added = rows.filter((r) => r.action === 'add').length;
  const updated = rows.filter((r) => r.action === 'update').length;
  if (!valid) {
    if (dryRun) return { valid, added: 0, updated: 0, rows };
    throw new AppError('IMPORT_REJECTED', {
      detail: `${rows.filter((r) => r.errors.length > 0).length} 行有错误，未导入任何数据`,
      extra: { rows },
    });
  }
  if (dryRun || added + updated === 0) return { valid, added, updated, rows };
  await runCommand(deps, actorOf(principal), async (ctx) => {
    for (const p of parsed) {
      const input = p.input!;
      const path = `file.row${p.result.row}`;
      if (p.result.action === 'add') await addTargetIn(ctx, scope, input, path);
      else if (p.result.action === 'update') {
        const [before] = await targetsByCreditCode(ctx.trx, scope, [input.creditCode]);
        await changeTargetIn(
          ctx,
          scope,
          before!,
          {
            name: input.name,
            address: input.address,
            field: input.field,
            riskGrade: input.riskGrade,
            active: true,
          },
          `Excel 导入（第 ${p.result.row} 行）`,
        );
      }
    }
  });
  return { valid, added, updated, rows };
}
