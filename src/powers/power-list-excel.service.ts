import ExcelJS from 'exceljs';
import { byLabel, cellText } from '../platform/excel/cells.ts';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { AppError } from '../platform/errors.ts';
import { actionKindLabels } from './action-kinds.ts';
import { circumstanceLabels } from './discretion.rules.ts';
import { contentProblems, effectiveDateProblem } from './power-list.rules.ts';
import { powersPolicy } from './power-list.policy.ts';
import {
  benchmark,
  legalBasis,
  powerInput,
  versionStatusLabels,
  type Benchmark,
  type LegalBasis,
  type PowerInput,
  type PowerItem,
} from './power-list.schema.ts';
import { draftChange, insertPowerItem } from './power-list.service.ts';
import { importBasis } from './power-list.store.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';

/**
 * Excel import and export of the power list: one sheet of items, one of legal bases and one of discretion
 * benchmarks, joined by the item code. An import is checked whole first: every row's problems are listed,
 * and nothing is imported while any row is bad. Imported rows become drafts (a new item, or a new version
 * of an existing one) that still need the publisher's review (S-2.3).
 */

const SHEETS = { items: '权责清单', bases: '法律依据', benchmarks: '裁量基准' } as const;

const itemColumns = [
  { key: 'code', header: '事项编码', width: 16 },
  { key: 'name', header: '事项名称', width: 36 },
  { key: 'kind', header: '事项类别', width: 10 },
  { key: 'unit', header: '实施机构', width: 16 },
  { key: 'procedure', header: '办理流程', width: 40 },
  { key: 'days', header: '办理时限（天）', width: 10 },
  { key: 'dayKind', header: '时限类型', width: 10 },
  { key: 'timeNote', header: '时限说明', width: 24 },
  { key: 'fees', header: '收费标准', width: 16 },
  { key: 'supervision', header: '监督渠道', width: 30 },
  { key: 'reconsiderationBody', header: '行政复议机关', width: 24 },
  { key: 'reconsiderationDays', header: '复议期限（日）', width: 10 },
  { key: 'court', header: '行政诉讼法院', width: 20 },
  { key: 'litigationMonths', header: '起诉期限（月）', width: 10 },
  { key: 'random', header: '纳入随机抽查', width: 10 },
  { key: 'inspectionContent', header: '抽查内容', width: 30 },
  { key: 'inspectionMethod', header: '抽查方式', width: 20 },
  { key: 'inspectionBasis', header: '抽查依据', width: 30 },
  { key: 'effectiveFrom', header: '生效日期', width: 12 },
  { key: 'reason', header: '变更原因', width: 24 },
  { key: 'version', header: '版本（导出用）', width: 8 },
  { key: 'status', header: '状态（导出用）', width: 10 },
] as const;
const basisColumns = [
  { key: 'code', header: '事项编码', width: 16 },
  { key: 'law', header: '法律法规名称', width: 36 },
  { key: 'article', header: '条款', width: 14 },
  { key: 'text', header: '条文内容', width: 60 },
  { key: 'inForceFrom', header: '施行日期', width: 12 },
  { key: 'inForceTo', header: '失效日期', width: 12 },
  { key: 'supersedesLaw', header: '所替代的法律法规名称', width: 30 },
  { key: 'supersedesArticle', header: '所替代的条款', width: 14 },
  { key: 'lighter', header: '新规定较轻（从旧兼从轻）', width: 14 },
] as const;
const benchmarkColumns = [
  { key: 'code', header: '事项编码', width: 16 },
  { key: 'circumstance', header: '裁量情形', width: 10 },
  { key: 'description', header: '适用情形', width: 50 },
  { key: 'minYuan', header: '罚款下限（元）', width: 12 },
  { key: 'maxYuan', header: '罚款上限（元）', width: 12 },
  { key: 'measures', header: '其他处理', width: 30 },
] as const;

type Columns = readonly { key: string; header: string; width: number }[];

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Columns) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2).replace(/\.00$/, ''));
const dayKindLabels = { working: '工作日', calendar: '自然日' } as const;

export async function exportPowers(items: PowerItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const main = addSheet(workbook, SHEETS.items, itemColumns);
  const bases = addSheet(workbook, SHEETS.bases, basisColumns);
  const benchmarks = addSheet(workbook, SHEETS.benchmarks, benchmarkColumns);
  for (const { code, kind, latest: v } of items) {
    main.addRow({
      code,
      name: v.name,
      kind: actionKindLabels[kind],
      unit: v.unitName ?? '',
      procedure: v.procedure,
      days: v.timeLimit.days ?? '',
      dayKind: dayKindLabels[v.timeLimit.dayKind],
      timeNote: v.timeLimit.note,
      fees: v.fees,
      supervision: v.supervision,
      reconsiderationBody: v.remedies.reconsiderationBody,
      reconsiderationDays: v.remedies.reconsiderationDays,
      court: v.remedies.court,
      litigationMonths: v.remedies.litigationMonths,
      random: v.randomInspection ? '是' : '否',
      inspectionContent: v.randomInspection?.content ?? '',
      inspectionMethod: v.randomInspection?.method ?? '',
      inspectionBasis: v.randomInspection?.basis ?? '',
      effectiveFrom: v.effectiveFrom,
      reason: v.reason,
      version: v.version,
      status: v.withdrawn ? '已撤销' : versionStatusLabels[v.status],
    });
    for (const { supersedes, lighter, ...b } of v.legalBases) {
      bases.addRow({
        code,
        ...b,
        inForceTo: b.inForceTo ?? '',
        supersedesLaw: supersedes?.law ?? '',
        supersedesArticle: supersedes?.article ?? '',
        lighter: lighter ? '是' : '否',
      });
    }
    for (const b of v.benchmarks) {
      benchmarks.addRow({
        code,
        circumstance: circumstanceLabels[b.circumstance],
        description: b.description,
        minYuan: yuan(b.minFen),
        maxYuan: yuan(b.maxFen),
        measures: b.measures,
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ImportRowResult {
  sheet: string;
  row: number;
  code: string;
  errors: { column: string; message: string }[];
}

/** The rows of a sheet as header → text, skipping empty rows. */
function rowsOf(workbook: ExcelJS.Workbook, name: string, columns: Columns) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return [];
  const headerIndex = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value), col));
  const rows: { row: number; get: (key: string) => string }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (key: string) => {
      const header = columns.find((c) => c.key === key)?.header ?? key;
      const col = headerIndex.get(header);
      return col ? cellText(row.getCell(col).value) : '';
    };
    if (columns.every((c) => get(c.key) === '')) continue;
    rows.push({ row: r, get });
  }
  return rows;
}

/** Yuan as typed in a cell (up to 2 decimals) to integer fen, exactly; null when empty, NaN when bad. */
export function fenOfYuan(text: string): number | null {
  if (text === '') return null;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const intOrText = (text: string): number | string =>
  /^\d+$/.test(text) ? Number(text) : text === '' ? Number.NaN : text;

const itemColumnOf: Record<string, string> = {
  code: '事项编码',
  name: '事项名称',
  kind: '事项类别',
  unitId: '实施机构',
  procedure: '办理流程',
  'timeLimit.days': '办理时限（天）',
  'timeLimit.dayKind': '时限类型',
  'timeLimit.note': '时限说明',
  fees: '收费标准',
  supervision: '监督渠道',
  'remedies.reconsiderationBody': '行政复议机关',
  'remedies.reconsiderationDays': '复议期限（日）',
  'remedies.court': '行政诉讼法院',
  'remedies.litigationMonths': '起诉期限（月）',
  'randomInspection.content': '抽查内容',
  'randomInspection.method': '抽查方式',
  'randomInspection.basis': '抽查依据',
  effectiveFrom: '生效日期',
  reason: '变更原因',
  legalBases: `「${SHEETS.bases}」表`,
  benchmarks: `「${SHEETS.benchmarks}」表`,
};
const columnFor = (path: string) =>
  itemColumnOf[path] ??
  itemColumnOf[path.split('.').slice(0, 2).join('.')] ??
  itemColumnOf[path.split('.')[0] ?? ''] ??
  path;
const headerOf = (columns: Columns, key: string) => columns.find((c) => c.key === key)?.header ?? key;

interface ParsedItem {
  result: ImportRowResult;
  input: PowerInput | null;
  existingId: string | null;
}

export async function importPowers(
  deps: CommandDeps,
  principal: Principal,
  file: Buffer,
  dryRun: boolean,
): Promise<{ valid: boolean; imported: number; rows: ImportRowResult[] }> {
  const agencyId = principal.agencyId;
  authorize(principal, powersPolicy.draft, agencyId);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', { detail: '无法读取该文件，请上传 .xlsx 格式的 Excel 文件' });
  }
  if (!workbook.getWorksheet(SHEETS.items)) {
    throw new AppError('BAD_REQUEST', { detail: `缺少工作表「${SHEETS.items}」，请使用导出的文件作为模板` });
  }
  const { units, items: existing, versions } = await importBasis(deps.db, ownAgency(agencyId));

  // Legal bases and benchmarks first, each row checked on its own and reported on its own sheet.
  const results: ImportRowResult[] = [];
  const basesByCode = new Map<string, LegalBasis[]>();
  for (const r of rowsOf(workbook, SHEETS.bases, basisColumns)) {
    const result: ImportRowResult = { sheet: SHEETS.bases, row: r.row, code: r.get('code'), errors: [] };
    results.push(result);
    const check = legalBasis.safeParse({
      law: r.get('law'),
      article: r.get('article'),
      text: r.get('text'),
      inForceFrom: r.get('inForceFrom'),
      inForceTo: r.get('inForceTo') || null,
      supersedes:
        r.get('supersedesLaw') || r.get('supersedesArticle')
          ? { law: r.get('supersedesLaw'), article: r.get('supersedesArticle') }
          : null,
      lighter: r.get('lighter') === '是',
    });
    if (!check.success) {
      for (const i of check.error.issues) {
        const key =
          i.path[0] === 'supersedes'
            ? i.path[1] === 'article'
              ? 'supersedesArticle'
              : 'supersedesLaw'
            : String(i.path[0] ?? '');
        result.errors.push({ column: headerOf(basisColumns, key), message: i.message });
      }
    } else basesByCode.set(result.code, [...(basesByCode.get(result.code) ?? []), check.data]);
  }
  const benchmarksByCode = new Map<string, Benchmark[]>();
  for (const r of rowsOf(workbook, SHEETS.benchmarks, benchmarkColumns)) {
    const result: ImportRowResult = { sheet: SHEETS.benchmarks, row: r.row, code: r.get('code'), errors: [] };
    results.push(result);
    const minFen = fenOfYuan(r.get('minYuan'));
    const maxFen = fenOfYuan(r.get('maxYuan'));
    const check = benchmark.safeParse({
      circumstance: byLabel(circumstanceLabels, r.get('circumstance')),
      description: r.get('description'),
      minFen,
      maxFen,
      measures: r.get('measures'),
    });
    if (!check.success) {
      for (const i of check.error.issues) {
        const key = { minFen: 'minYuan', maxFen: 'maxYuan' }[String(i.path[0])] ?? String(i.path[0] ?? '');
        const message = Number.isNaN(key === 'minYuan' ? minFen : maxFen)
          ? '金额应为数字，最多两位小数'
          : i.message;
        result.errors.push({ column: headerOf(benchmarkColumns, key), message });
      }
    } else benchmarksByCode.set(result.code, [...(benchmarksByCode.get(result.code) ?? []), check.data]);
  }

  const parsed: ParsedItem[] = [];
  const seen = new Map<string, number>();
  for (const r of rowsOf(workbook, SHEETS.items, itemColumns)) {
    const code = r.get('code');
    const result: ImportRowResult = { sheet: SHEETS.items, row: r.row, code, errors: [] };
    const item: ParsedItem = { result, input: null, existingId: null };
    parsed.push(item);
    const first = seen.get(code);
    if (code && first !== undefined)
      result.errors.push({ column: '事项编码', message: `与第 ${first} 行的事项编码重复` });
    seen.set(code, r.row);
    const unitName = r.get('unit');
    const unit = units.find((u) => u.name === unitName);
    if (unitName && !unit)
      result.errors.push({ column: '实施机构', message: `本机关没有名为「${unitName}」的内设机构` });
    const random = r.get('random');
    const days = r.get('days');
    const check = powerInput.safeParse({
      code,
      kind: byLabel(actionKindLabels, r.get('kind')),
      name: r.get('name'),
      legalBases: basesByCode.get(code) ?? [],
      unitId: unit?.id ?? null,
      procedure: r.get('procedure'),
      timeLimit: {
        days: days === '' ? null : intOrText(days),
        dayKind: byLabel(dayKindLabels, r.get('dayKind') || '工作日'),
        note: r.get('timeNote'),
      },
      fees: r.get('fees'),
      supervision: r.get('supervision'),
      remedies: {
        reconsiderationBody: r.get('reconsiderationBody'),
        reconsiderationDays: intOrText(r.get('reconsiderationDays')),
        court: r.get('court'),
        litigationMonths: intOrText(r.get('litigationMonths')),
      },
      randomInspection:
        random === '是'
          ? {
              content: r.get('inspectionContent'),
              method: r.get('inspectionMethod'),
              basis: r.get('inspectionBasis'),
            }
          : null,
      benchmarks: benchmarksByCode.get(code) ?? [],
      effectiveFrom: r.get('effectiveFrom'),
      reason: r.get('reason'),
    });
    if (random !== '' && random !== '是' && random !== '否') {
      result.errors.push({ column: '纳入随机抽查', message: '请填写「是」或「否」' });
    }
    if (!check.success) {
      for (const i of check.error.issues) {
        result.errors.push({ column: columnFor(i.path.join('.')), message: i.message });
      }
      continue;
    }
    const input = check.data;
    item.input = input;
    for (const p of contentProblems(input.kind, input, input.effectiveFrom)) {
      result.errors.push({ column: columnFor(p.path), message: p.message });
    }
    const found = existing.find((e) => e.code === code);
    if (found) {
      item.existingId = found.id;
      const own = versions.filter((v) => v.item_id === found.id);
      if (found.kind !== input.kind)
        result.errors.push({ column: '事项类别', message: '已有事项的类别不能更改' });
      if (own.some((v) => v.status === 'draft' || v.status === 'submitted')) {
        result.errors.push({ column: '事项编码', message: '该事项已有未发布的修改，请先审核或退回' });
      }
      const dated = own.map((v) => ({ ...v, effectiveFrom: v.effective_from }));
      const dateProblem = effectiveDateProblem(input.effectiveFrom, dated);
      if (dateProblem) result.errors.push({ column: '生效日期', message: dateProblem });
    }
  }
  for (const r of results) {
    if (r.code && !seen.has(r.code)) {
      r.errors.push({ column: '事项编码', message: `「${SHEETS.items}」表中没有编码为「${r.code}」的事项` });
    }
  }

  const rows = [...parsed.map((p) => p.result), ...results];
  if (parsed.length === 0) throw new AppError('BAD_REQUEST', { detail: `「${SHEETS.items}」表中没有数据行` });
  const valid = rows.every((r) => r.errors.length === 0);
  if (dryRun) return { valid, imported: 0, rows };
  if (!valid) throw new AppError('IMPORT_REJECTED', { extra: { rows } });
  await runCommand(deps, actorOf(principal), async (ctx) => {
    for (const p of parsed) {
      if (!p.input) continue;
      if (p.existingId) {
        const { code: _c, kind: _k, ...edit } = p.input;
        await draftChange(ctx, ownAgency(agencyId), p.existingId, edit, false);
      } else await insertPowerItem(ctx, agencyId, p.input);
    }
  });
  return { valid, imported: parsed.length, rows };
}
