import ExcelJS from 'exceljs';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { agenciesScope } from '../platform/db/agency-scope.ts';
import { creditSources } from './credit-export.queries.ts';
import { creditColumns, creditRow, csvText, type CreditExportKind } from './credit-export.rules.ts';
import { publicationsPolicy } from './publications.policy.ts';

/**
 * Export of publications in the 双公示 layout for the provincial credit platform (issue 14 item 5): the
 * rows of credit-export.rules.ts as one Excel sheet or as CSV. Read like the publication list: what the
 * caller may read (publications.policy.ts `read`), an agency chosen among them or all of them.
 */
export interface CreditExportQuery {
  kind: CreditExportKind;
  agencyId?: string;
  decidedFrom?: string;
  decidedTo?: string;
}

export const creditSheetNames: Record<CreditExportKind, string> = {
  penalty: '行政处罚',
  licensing: '行政许可',
};

export async function creditRows(
  deps: CommandDeps,
  principal: Principal,
  query: CreditExportQuery,
): Promise<string[][]> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, publicationsPolicy.read);
  for (const id of agencies) authorize(principal, publicationsPolicy.read, id);
  const sources = agencies.length ? await creditSources(deps.db, agenciesScope(agencies), query) : [];
  return [[...creditColumns(query.kind)], ...sources.map((s) => creditRow(s))];
}

export async function creditWorkbook(rows: string[][], kind: CreditExportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(creditSheetNames[kind]);
  // Every cell is text: a credit code or a 万元 amount must reach the platform as typed (no number format).
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(12, (rows[0]?.[i]?.length ?? 6) * 2 + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const creditCsv = (rows: string[][]): Buffer => Buffer.from(csvText(rows), 'utf8');
