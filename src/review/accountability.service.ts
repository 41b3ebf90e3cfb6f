import ExcelJS from 'exceljs';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { addCalendarDays } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { decisionsInPeriod, refusalsInPeriod, reviewsInPeriod } from './accountability.store.ts';
import { majorityOfCase } from './gate.service.ts';
import { caseById } from './review.store.ts';
import { reviewPolicy } from './review.policy.ts';
import { gateRefusalMessages, resultLabels, statusLabels, type GateRefusal } from './review.rules.ts';
import type { AccountabilityQuery } from './review.schema.ts';

/**
 * Accountability (S-14): decisions made without a required review (zero by construction: the query shows
 * it), reviews past their period, refused attempts to decide, and return rates by unit and by person, over a
 * period; with an Excel export for the supervisor.
 */

export interface RateRow {
  name: string;
  submitted: number;
  returned: number;
  disapproved: number;
  /** Returned or disapproved, per submission, in percent (one decimal). */
  rate: number;
}

export interface AccountabilityReport {
  agencyId: string;
  from: string;
  to: string;
  decisions: {
    checked: number;
    withoutReview: { caseId: string; caseNumber: string; decidedOn: string; reasons: string[] }[];
  };
  overdue: {
    caseNumber: string;
    round: number;
    status: string;
    reviewerName: string | null;
    dueOn: string;
    decidedOn: string | null;
  }[];
  refusals: {
    total: number;
    byReason: Record<GateRefusal, number>;
    items: {
      caseNumber: string;
      at: string;
      reason: GateRefusal;
      reasonLabel: string;
      channel: string;
      actorName: string | null;
    }[];
  };
  returnRates: { byUnit: RateRow[]; byPerson: RateRow[]; byReviewer: RateRow[] };
}

const DEFAULT_DAYS = 365;
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

function rates(rows: { key: string; status: string }[]): RateRow[] {
  const by = new Map<string, RateRow>();
  for (const r of rows) {
    const row = by.get(r.key) ?? { name: r.key, submitted: 0, returned: 0, disapproved: 0, rate: 0 };
    row.submitted++;
    if (r.status === 'returned') row.returned++;
    if (r.status === 'disapproved') row.disapproved++;
    by.set(r.key, row);
  }
  return [...by.values()]
    .map((r) => ({ ...r, rate: Math.round(((r.returned + r.disapproved) * 1000) / r.submitted) / 10 }))
    .sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name, 'zh-CN'));
}

export async function accountability(
  deps: CommandDeps,
  principal: Principal,
  query: AccountabilityQuery,
): Promise<AccountabilityReport> {
  const agencyId = query.agencyId ?? principal.agencyId;
  authorize(principal, reviewPolicy.accountability, agencyId);
  const today = chinaDate(deps.clock.now());
  const to = query.to ?? today;
  const from = query.from ?? addCalendarDays(to, -DEFAULT_DAYS);
  const [start, end] = [dayStart(from), dayStart(addCalendarDays(to, 1))];
  const db = deps.db;

  const own = ownAgency(agencyId);
  const decided = await decisionsInPeriod(db, own, from, to);
  const withoutReview: AccountabilityReport['decisions']['withoutReview'] = [];
  for (const d of decided.filter((x) => !x.reviewed)) {
    const kase = await caseById(db, own, d.id);
    // Classified as the gate classified it (gate.service.ts `majorityOfCase`), under the catalogue in
    // force on the day of the decision.
    const { major, reasons } = await majorityOfCase(db, kase, d.on_date);
    if (major) {
      withoutReview.push({
        caseId: d.id,
        caseNumber: d.case_number,
        decidedOn: d.on_date,
        reasons: reasons.map((r) => r.label),
      });
    }
  }

  const reviews = await reviewsInPeriod(db, own, start, end);
  const overdue = reviews
    .filter((r) =>
      r.decided_on === null
        ? ['submitted', 'in_review'].includes(r.status) && today > r.due_on
        : r.decided_on > r.due_on,
    )
    .map((r) => ({
      caseNumber: r.case_number,
      round: r.round,
      status: statusLabels[r.status],
      reviewerName: r.reviewer_name,
      dueOn: r.due_on,
      decidedOn: r.decided_on,
    }));
  const concluded = reviews.filter((r) => r.decided_on !== null || r.status === 'void');

  const refusals = await refusalsInPeriod(db, own, start, end);
  const byReason = { no_review: 0, review_open: 0, review_failed: 0, review_void: 0 };
  for (const f of refusals) byReason[f.reason]++;

  return {
    agencyId,
    from,
    to,
    decisions: { checked: decided.length, withoutReview },
    overdue,
    refusals: {
      total: refusals.length,
      byReason,
      items: refusals.map((f) => ({
        caseNumber: f.case_number,
        at: f.at.toISOString(),
        reason: f.reason,
        reasonLabel: gateRefusalMessages[f.reason],
        channel: f.channel,
        actorName: f.actor_name,
      })),
    },
    returnRates: {
      byUnit: rates(concluded.map((r) => ({ key: r.unit_name ?? '（未指定单位）', status: r.status }))),
      byPerson: rates(concluded.map((r) => ({ key: r.submitter_name ?? '（未知）', status: r.status }))),
      byReviewer: rates(
        concluded.filter((r) => r.reviewer_name).map((r) => ({ key: r.reviewer_name!, status: r.status })),
      ),
    },
  };
}

/** The report as an Excel workbook, one sheet per part (Chinese headers). */
export async function accountabilityWorkbook(report: AccountabilityReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 20));
  };
  sheet(
    '概况',
    ['项目', '数值'],
    [
      ['统计期间', `${report.from} 至 ${report.to}`],
      ['作出的决定', report.decisions.checked],
      ['未经法制审核作出的重大决定', report.decisions.withoutReview.length],
      ['逾期审核', report.overdue.length],
      ['被拒绝的决定尝试', report.refusals.total],
    ],
  );
  sheet(
    '未经审核的决定',
    ['案件编号', '决定日期', '重大情形'],
    report.decisions.withoutReview.map((d) => [d.caseNumber, d.decidedOn, d.reasons.join('；')]),
  );
  sheet(
    '逾期审核',
    ['案件编号', '轮次', '状态', '审核人员', '期限', '办结日期'],
    report.overdue.map((o) => [o.caseNumber, o.round, o.status, o.reviewerName, o.dueOn, o.decidedOn]),
  );
  sheet(
    '拒绝记录',
    ['案件编号', '时间', '原因', '途径', '操作人'],
    report.refusals.items.map((f) => [f.caseNumber, f.at, f.reasonLabel, f.channel, f.actorName]),
  );
  const rateRows = (rows: RateRow[]) =>
    rows.map((r) => [r.name, r.submitted, r.returned, r.disapproved, r.rate]);
  const rateHeaders = (who: string) => [who, '审核数', '退回', '不同意', '退回率（%）'];
  sheet('退回率（单位）', rateHeaders('承办单位'), rateRows(report.returnRates.byUnit));
  sheet('退回率（承办人）', rateHeaders('承办人'), rateRows(report.returnRates.byPerson));
  sheet('审核人员', rateHeaders('审核人员'), rateRows(report.returnRates.byReviewer));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Labels of the results, for the workbench. */
export const labels = { results: resultLabels, statuses: statusLabels, refusals: gateRefusalMessages };
