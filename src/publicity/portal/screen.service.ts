import { actionKinds, type ActionKind } from '../../powers/action-kinds.ts';
import { publishedPowers } from '../../powers/power-list.queries.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { publicAgencies } from './portal.service.ts';
import { searchPublications, type PublicListItem } from './publications-portal.service.ts';

/** What the service hall's large screen shows: public facts only, the same the portal's pages show. */
export interface ScreenData {
  today: string;
  agencies: { id: string; name: string; counts: Record<ActionKind, number>; total: number }[];
  publications: PublicListItem[];
  publicTotal: number;
}

export async function screenData(db: Db, today: string): Promise<ScreenData> {
  const enforcement = (await publicAgencies(db)).filter((a) => a.kind === 'enforcement');
  const agencies = await Promise.all(
    enforcement.map(async (a) => {
      const counts = Object.fromEntries(
        await Promise.all(
          actionKinds.map(
            async (kind) =>
              [
                kind,
                (await publishedPowers(db, ownAgency(a.id), today, { kind, page: 1, pageSize: 1 })).total,
              ] as const,
          ),
        ),
      ) as Record<ActionKind, number>;
      return { id: a.id, name: a.name, counts, total: Object.values(counts).reduce((n, c) => n + c, 0) };
    }),
  );
  const { items, total } = await searchPublications(
    db,
    { q: '', creditCode: '', documentNumber: '', kind: undefined, from: undefined, to: undefined, page: 1 },
    today,
  );
  return { today, agencies, publications: items.slice(0, 12), publicTotal: total };
}
