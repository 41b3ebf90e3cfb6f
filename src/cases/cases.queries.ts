import { sql } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope, inScope, unscoped, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { partyMatches, partyNames } from './case-parties.store.ts';
import { toCaseView, type CaseListItem } from './case-view.ts';
import { casesPolicy } from './cases.policy.ts';
import type { CaseListQuery } from './cases.schema.ts';
import { lifecycles } from './lifecycles/index.ts';

/**
 * The case list — the one query behind the cases route and the workbench, with every filter either
 * gives — and the case numbers of the command line.
 */

/** The agencies a list covers: the one asked for (checked), else every one the principal may read. */
export function listScopeOf(principal: Principal, agencyId: string | undefined): AgencyScope {
  if (agencyId) {
    authorize(principal, casesPolicy.read, agencyId);
    return agenciesScope([agencyId]);
  }
  return agenciesScope(readableAgencies(principal, casesPolicy.read));
}

/** Every `kind:state` pair that is final. */
export function finalStates(): string[] {
  return Object.values(lifecycles).flatMap((lc) =>
    lc.states.filter((s) => s.final).map((s) => `${lc.kind}:${s.id}`),
  );
}

/**
 * The case list with filters: state, kind, a text (case number or title), a party, an officer, open
 * (办理中) or final cases, the day of discovery from and to, and cases with (or without) a period past
 * its last day.
 */
export async function listCases(
  deps: CommandDeps,
  principal: Principal,
  query: CaseListQuery,
): Promise<{ items: CaseListItem[]; total: number }> {
  const scope = listScopeOf(principal, query.agencyId);
  if (scope.agencyIds.length === 0) return { items: [], total: 0 };
  let q = deps.db.selectFrom('cases as c').where(inScope('c.agency_id', scope));
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
          .whereRef('o.agency_id', '=', 'c.agency_id')
          .where('o.person_id', '=', officerId)
          .where('o.recused_at', 'is', null),
      ),
    );
  }
  if (query.open) {
    const finals = finalStates();
    q =
      query.open === 'true'
        ? q.where((eb) => eb.not(eb(sql<string>`c.kind || ':' || c.state`, 'in', finals)))
        : q.where(sql<string>`c.kind || ':' || c.state`, 'in', finals);
  }
  if (query.overdue) {
    const today = chinaDate(deps.clock.now());
    const overdueCases = deps.db
      .selectFrom('case_deadlines as d')
      .select('d.case_id')
      .where(inScope('d.agency_id', scope))
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
    scope,
    rows.map((r) => r.id),
    principal.agencyId,
  );
  return {
    items: rows.map((r) => ({ ...toCaseView(r), partyNames: names.get(r.id) ?? [] })),
    total: Number(total),
  };
}

/**
 * Case numbers for the CLI (`sanxiang case list`), oldest first. Unscoped: the command line runs as the
 * instance's operator, who is no agency's principal, and lists every agency's cases.
 */
export async function caseNumbersUnscoped(db: Db, state: string | undefined): Promise<string[]> {
  let q = db.selectFrom('cases').select('case_number');
  if (state) q = q.where('state', '=', state);
  const rows = await q.orderBy('created_at').orderBy('id').$call(unscoped).execute();
  return rows.map((r) => r.case_number);
}
