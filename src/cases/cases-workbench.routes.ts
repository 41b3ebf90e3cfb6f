import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { deadlineStatus } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { exportCases } from './cases-excel.service.ts';
import { casesPolicy } from './cases.policy.ts';
import {
  dueDeadlines,
  partyMatches,
  partyNames,
  readableCase,
  toCaseView,
  type CaseListItem,
  type DueItem,
} from './cases.queries.ts';
import { casesQuery, deadlinesQuery, idParams } from './cases.schema.ts';

/**
 * Reads for the officer's workbench (issue 5 item 10) that the cases routes do not offer: the running
 * periods with a countdown in working days (the calendar's holidays and make-up days counted), and the
 * case list with the filters the workbench keeps in its address (dates of discovery, overdue only).
 * Read-only; the cases area's own routes stay the place for every write.
 */

const isoDate = z.iso.date('日期应为有效的 YYYY-MM-DD');

/** The most cases one export holds. */
const CASES_EXPORT_MAX = 100_000;

export const workbenchCasesQuery = casesQuery.extend({
  /** Cases with a running period past its last day. */
  overdue: z.enum(['true', 'false']).optional(),
  /** The day the lead was discovered (the application received, the inspection planned), from and to. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type WorkbenchCasesQuery = z.infer<typeof workbenchCasesQuery>;

export interface WorkbenchDueItem extends DueItem {
  /** Working days left after today up to the last day (negative once overdue). */
  workingDaysLeft: number;
}

function agenciesOf(principal: Principal, agencyId: string | undefined): string[] {
  if (agencyId) {
    authorize(principal, casesPolicy.read, agencyId);
    return [agencyId];
  }
  return readableAgencies(principal, casesPolicy.read);
}

export async function workbenchDeadlines(
  deps: CommandDeps,
  principal: Principal,
  query: z.infer<typeof deadlinesQuery>,
): Promise<WorkbenchDueItem[]> {
  const [items, calendar] = await Promise.all([
    dueDeadlines(deps, principal, query),
    workingCalendar(deps.db),
  ]);
  const today = chinaDate(deps.clock.now());
  return items.map((d) => ({ ...d, workingDaysLeft: deadlineStatus(d.dueOn, today, calendar).daysLeft }));
}

export async function workbenchCases(
  deps: CommandDeps,
  principal: Principal,
  query: WorkbenchCasesQuery,
): Promise<{ items: CaseListItem[]; total: number }> {
  const agencies = agenciesOf(principal, query.agencyId);
  if (agencies.length === 0) return { items: [], total: 0 };
  const today = chinaDate(deps.clock.now());
  let q = deps.db.selectFrom('cases as c').where('c.agency_id', 'in', agencies);
  if (query.state) q = q.where('c.state', '=', query.state);
  if (query.kind) q = q.where('c.kind', '=', query.kind);
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('c.case_number', 'like', like), eb('c.title', 'like', like)]));
  }
  if (query.from) q = q.where('c.discovered_on', '>=', query.from);
  if (query.to) q = q.where('c.discovered_on', '<=', query.to);
  if (query.party) q = q.where(partyMatches(query.party, principal.agencyId));
  if (query.officerId) {
    const officerId = query.officerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_officers as o')
          .select('o.id')
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.person_id', '=', officerId)
          .where('o.recused_at', 'is', null),
      ),
    );
  }
  if (query.overdue) {
    const overdueCases = deps.db
      .selectFrom('case_deadlines as d')
      .select('d.case_id')
      .where('d.met_on', 'is', null)
      .where('d.due_on', '<', today);
    q =
      query.overdue === 'true'
        ? q.where('c.id', 'in', overdueCases)
        : q.where('c.id', 'not in', overdueCases);
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const names = await partyNames(
    deps.db,
    rows.map((r) => r.id),
    principal.agencyId,
  );
  return {
    items: rows.map((r) => ({ ...toCaseView(r), partyNames: names.get(r.id) ?? [] })),
    total: Number(total),
  };
}

/** A case's running periods with working days left (the case page's countdowns). */
export async function caseCountdowns(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<{ id: string; code: string; dueOn: string; workingDaysLeft: number }[]> {
  const kase = await readableCase(deps, principal, id);
  const [rows, calendar] = await Promise.all([
    deps.db
      .selectFrom('case_deadlines')
      .select(['id', 'code', 'due_on'])
      .where('case_id', '=', kase.id)
      .where('met_on', 'is', null)
      .execute(),
    workingCalendar(deps.db),
  ]);
  const today = chinaDate(deps.clock.now());
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    dueOn: r.due_on,
    workingDaysLeft: deadlineStatus(r.due_on, today, calendar).daysLeft,
  }));
}

/** Under /api/v1/cases/workbench; registered before `/cases/:id` takes the path. */
export function casesWorkbenchRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['案件办理'];
    app.get(
      '/cases/workbench/deadlines',
      {
        schema: {
          tags,
          summary: '临期和逾期的法定期限，附工作日倒计时（工作台）',
          querystring: deadlinesQuery,
        },
      },
      async (req) => ({ items: await workbenchDeadlines(deps, principalOf(req), req.query) }),
    );
    app.get(
      '/cases/workbench/cases',
      {
        schema: {
          tags,
          summary: '案件列表（工作台：另可按发现日期、是否逾期筛选）',
          querystring: workbenchCasesQuery,
        },
      },
      async (req) => ({
        ...(await workbenchCases(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/cases/workbench/cases/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出案件 Excel（按当前筛选条件）',
          querystring: workbenchCasesQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const all = { ...req.query, page: 1, pageSize: CASES_EXPORT_MAX };
        const { items } = await workbenchCases(deps, principalOf(req), all);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('案件.xlsx'))
          .send(await exportCases(items));
      },
    );
    app.get(
      '/cases/workbench/cases/:id/countdowns',
      { schema: { tags, summary: '案件未届满期限的工作日倒计时', params: idParams } },
      async (req) => ({ items: await caseCountdowns(deps, principalOf(req), req.params.id) }),
    );
  };
}
