import ExcelJS from 'exceljs';
import { byLabel, cellText, splitList } from '../platform/excel/cells.ts';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { instanceRoles, roleLabels, type Role } from '../platform/auth/roles.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { unitRows } from './agencies.store.ts';
import { certificateStatusLabels, enforcementFields, type EnforcementField } from './certificate.rules.ts';
import { orgPolicy } from './org.policy.ts';
import { personInput, type Certificate, type Person, type PersonInput } from './org.schema.ts';
import { insertPerson, personInputProblems, takenValues } from './people.service.ts';

/**
 * Excel import and export of people and their certificates. An import is checked whole first: every
 * row's problems are listed, and nothing is imported while any row is bad (one transaction for all).
 */

const columns = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'unit', header: '所属机构', width: 18 },
  { key: 'post', header: '职务', width: 12 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'roles', header: '角色', width: 20 },
  { key: 'username', header: '用户名', width: 12 },
  { key: 'password', header: '初始密码', width: 14 },
  { key: 'number', header: '执法证号', width: 16 },
  { key: 'fields', header: '执法领域', width: 24 },
  { key: 'issuer', header: '发证机关', width: 20 },
  { key: 'validFrom', header: '有效期起', width: 12 },
  { key: 'validTo', header: '有效期止', width: 12 },
  { key: 'examDate', header: '考试日期', width: 12 },
] as const;
type ColumnKey = (typeof columns)[number]['key'];

/** Which column a schema path points at, so a clerk sees 「执法证号」 rather than `certificates.0.number`. */
const columnOfPath: Record<string, ColumnKey> = {
  name: 'name',
  unitId: 'unit',
  post: 'post',
  phone: 'phone',
  roles: 'roles',
  'account.username': 'username',
  'account.password': 'password',
  'certificates.0.number': 'number',
  'certificates.0.fields': 'fields',
  'certificates.0.issuer': 'issuer',
  'certificates.0.validFrom': 'validFrom',
  'certificates.0.validTo': 'validTo',
  'certificates.0.examDate': 'examDate',
};
const headerOf = (key: ColumnKey): string => columns.find((c) => c.key === key)?.header ?? key;

function columnForPath(path: string): string {
  const bare = path.replace(/^body\./, '');
  const match = Object.keys(columnOfPath).find((p) => bare === p || bare.startsWith(`${p}.`));
  return match ? headerOf(columnOfPath[match] as ColumnKey) : bare;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

const labelOfRole = (r: string) => (roleLabels as Record<string, string>)[r] ?? r;
const labelOfField = (f: string) => (enforcementFields as Record<string, string>)[f] ?? f;

export async function exportPeople(people: Person[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '人员');
  for (const p of people) {
    const certs = p.certificates.length > 0 ? p.certificates : [null];
    for (const c of certs) {
      sheet.addRow({
        name: p.name,
        unit: p.unitName ?? '',
        post: p.post,
        phone: p.phone ?? '',
        roles: p.roles.map(labelOfRole).join('、'),
        username: p.username ?? '',
        password: '',
        number: c?.number ?? '',
        fields: c?.fields.map(labelOfField).join('、') ?? '',
        issuer: c?.issuer ?? '',
        validFrom: c?.validFrom ?? '',
        validTo: c?.validTo ?? '',
        examDate: c?.examDate ?? '',
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportCertificates(certs: Certificate[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('执法证', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '执法证号', key: 'number', width: 16 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '所属机构', key: 'unit', width: 18 },
    { header: '执法领域', key: 'fields', width: 24 },
    { header: '发证机关', key: 'issuer', width: 20 },
    { header: '有效期起', key: 'validFrom', width: 12 },
    { header: '有效期止', key: 'validTo', width: 12 },
    { header: '状态', key: 'status', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  const statusLabels: Record<string, string> = { ...certificateStatusLabels, expired: '已过期' };
  for (const c of certs) {
    sheet.addRow({
      number: c.number,
      name: c.personName,
      unit: c.unitName ?? '',
      fields: c.fields.map(labelOfField).join('、'),
      issuer: c.issuer,
      validFrom: c.validFrom,
      validTo: c.validTo,
      status: statusLabels[c.displayStatus] ?? c.displayStatus,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetOf(workbook, '人员');
  sheet.addRow({
    name: '张三',
    unit: '综合执法大队',
    post: '队员',
    roles: '执法人员',
    username: 'zhangsan',
    password: 'Change2026now',
    number: '43000000000001',
    fields: '食品安全、产品质量',
    issuer: '湖南省人民政府',
    validFrom: '2025-01-01',
    validTo: '2030-12-31',
  });
  const help = workbook.addWorksheet('说明');
  help.addRow(['角色可填：', Object.values(roleLabels).join('、')]);
  help.addRow(['执法领域可填：', Object.values(enforcementFields).join('、')]);
  help.addRow(['日期格式：', 'YYYY-MM-DD；多个角色或领域用顿号分隔；一行一名人员，执法证可空。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ImportRowResult {
  row: number;
  name: string;
  errors: { column: string; message: string }[];
}

export async function importPeople(
  deps: CommandDeps,
  principal: Principal,
  file: Buffer,
  dryRun: boolean,
): Promise<{ valid: boolean; imported: number; rows: ImportRowResult[] }> {
  authorize(principal, orgPolicy.managePeople, principal.agencyId);
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
  const missing = columns.filter((c) => c.key === 'name' && !headerIndex.has(c.header));
  if (missing.length > 0) throw new AppError('BAD_REQUEST', { detail: '缺少表头「姓名」，请使用导入模板' });

  const units = await unitRows(deps.db, ownScopeOf(principal));
  const parsed: { row: number; input: PersonInput | null; result: ImportRowResult }[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (key: ColumnKey) => {
      const col = headerIndex.get(headerOf(key));
      return col ? cellText(row.getCell(col).value) : '';
    };
    if (columns.every((c) => get(c.key) === '')) continue;
    const result: ImportRowResult = { row: r, name: get('name'), errors: [] };
    const unitName = get('unit');
    const unit = units.find((u) => u.name === unitName);
    if (unitName && !unit)
      result.errors.push({ column: '所属机构', message: `本机关没有名为「${unitName}」的内设机构` });
    const raw = {
      name: get('name'),
      unitId: unit?.id ?? null,
      post: get('post'),
      phone: get('phone') || null,
      roles: splitList(get('roles')).map((t) => byLabel(roleLabels, t) as Role),
      ...(get('username') ? { account: { username: get('username'), password: get('password') } } : {}),
      certificates: get('number')
        ? [
            {
              number: get('number'),
              fields: splitList(get('fields')).map((t) => byLabel(enforcementFields, t) as EnforcementField),
              issuer: get('issuer'),
              validFrom: get('validFrom'),
              validTo: get('validTo'),
              examDate: get('examDate') || null,
            },
          ]
        : [],
    };
    const check = personInput.safeParse(raw);
    if (!check.success) {
      for (const issue of check.error.issues) {
        result.errors.push({ column: columnForPath(issue.path.join('.')), message: issue.message });
      }
      parsed.push({ row: r, input: null, result });
      continue;
    }
    const problems = [...personInputProblems(check.data), ...(await takenValues(deps.db, check.data))];
    for (const p of problems) result.errors.push({ column: columnForPath(p.path), message: p.message });
    if (check.data.roles.some((role) => instanceRoles.has(role) && !principal.roles.has(role))) {
      result.errors.push({ column: '角色', message: '只有平台管理员可以授予平台管理员角色' });
    }
    parsed.push({ row: r, input: check.data, result });
  }
  markRepeats(parsed, (i) => i.certificates[0]?.number, '执法证号', '与第 {row} 行的执法证号重复');
  markRepeats(parsed, (i) => i.account?.username, '用户名', '与第 {row} 行的用户名重复');

  const rows = parsed.map((p) => p.result);
  const valid = rows.length > 0 && rows.every((r) => r.errors.length === 0);
  if (rows.length === 0) throw new AppError('BAD_REQUEST', { detail: 'Excel 文件中没有数据行' });
  if (dryRun) return { valid, imported: 0, rows };
  if (!valid) throw new AppError('IMPORT_REJECTED', { extra: { rows } });
  const hashes = await Promise.all(
    parsed.map((p) => (p.input?.account ? hashPassword(p.input.account.password) : Promise.resolve(null))),
  );
  await runCommand(deps, actorOf(principal), async (ctx) => {
    for (const [i, p] of parsed.entries()) {
      if (p.input) await insertPerson(ctx, principal.agencyId, p.input, hashes[i] ?? null);
    }
  });
  return { valid, imported: parsed.length, rows };
}

function markRepeats(
  parsed: { row: number; input: PersonInput | null; result: ImportRowResult }[],
  key: (input: PersonInput) => string | undefined,
  column: string,
  message: string,
) {
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const value = p.input ? key(p.input) : undefined;
    if (!value) continue;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, p.row);
    else p.result.errors.push({ column, message: message.replace('{row}', String(first)) });
  }
}
