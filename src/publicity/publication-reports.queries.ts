import { sql } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { inScope, ownScopeOf } from '../platform/db/agency-scope.ts';
import { publicationsPolicy } from './publications.policy.ts';

/** Timeliness (issue 4 item 8): published on time by unit and month of publication. */
export async function timeliness(
  deps: CommandDeps,
  principal: Principal,
  year: number,
): Promise<
  { unitId: string | null; unitName: string | null; month: string; published: number; onTime: number }[]
> {
  authorize(principal, publicationsPolicy.read, principal.agencyId);
  const rows = await deps.db
    .selectFrom('publications as p')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'p.unit_id').onRef('u.agency_id', '=', 'p.agency_id'))
    .select([
      'p.unit_id',
      'u.name as unit_name',
      sql<string>`to_char(p.published_on, 'YYYY-MM')`.as('month'),
      (eb) => eb.fn.countAll<number>().as('published'),
      sql<number>`count(*) filter (where p.published_on <= p.due_on)`.as('on_time'),
    ])
    .where(inScope('p.agency_id', ownScopeOf(principal)))
    .where('p.published_on', '>=', `${year}-01-01`)
    .where('p.published_on', '<=', `${year}-12-31`)
    .groupBy(['p.unit_id', 'u.name', sql`to_char(p.published_on, 'YYYY-MM')`])
    .orderBy('month')
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    month: r.month,
    published: Number(r.published),
    onTime: Number(r.on_time),
  }));
}
