import type { ExpressionBuilder } from 'kysely';
import type { CommandContext } from '../platform/audit/command.ts';
import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { maskName } from '../publicity/masking.rules.ts';
import type { CaseRow, Reader } from './cases.store.ts';

/**
 * The parties of a case (case_parties, 当事人). The one home of the case's first party — the party named on
 * its documents, its notice's hearing right, its publication and its review (`firstPartyOf`). Every
 * statement is scoped; the join to the case carries the agency.
 */

export type PartyRow = Row<'case_parties'>;

/** Inserts a party of the case and records it. Personal data goes to its row and the private audit row only. */
export async function insertPartyRow(
  ctx: CommandContext,
  kase: CaseRow,
  values: Omit<NewRow<'case_parties'>, 'id' | 'agency_id' | 'case_id' | 'created_at'>,
  correctedFrom: 'organisation' | null,
): Promise<void> {
  const row = await ctx.trx
    .insertInto('case_parties')
    .values({ id: newId(), agency_id: kase.agency_id, case_id: kase.id, ...values, created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'cases.party_added',
    agencyId: kase.agency_id,
    subjectType: 'case_party',
    subjectId: row.id,
    record: correctedFrom ? { ...row, correctedFrom } : row,
  });
}

/** The parties of the case in the order they were entered. */
export async function partiesOf(db: Reader, scope: AgencyScope, caseId: string): Promise<PartyRow[]> {
  return db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * The case's first party (the one entered first): the party its documents and views name, whose type
 * gives the hearing right (听证办法 §5) and the summary procedure's limits (行政处罚法 §51). Undefined for a
 * case without parties.
 */
export async function firstPartyOf(
  db: Reader,
  scope: AgencyScope,
  caseId: string,
): Promise<PartyRow | undefined> {
  return db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .where(inScope('agency_id', scope))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The case list's party search: a party whose name holds the text (a trigram index, 0015) or whose credit
 * code is the text. A natural person's name is matched only in the reader's own agency: elsewhere it is
 * masked (partyNames), and a search must not reveal what the list hides.
 */
export function partyMatches(text: string, readerAgencyId: string | null) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>) =>
    eb.exists(
      eb
        .selectFrom('case_parties as p')
        .select('p.id')
        .whereRef('p.case_id', '=', 'c.id')
        .whereRef('p.agency_id', '=', 'c.agency_id')
        .where((w) =>
          w.or([
            w('p.credit_code', '=', text.toUpperCase()),
            w.and([
              w('p.name', 'like', like),
              w.or([
                w('p.party_type', 'in', ['organisation', 'individual_business']),
                w('p.agency_id', '=', readerAgencyId ?? ''),
              ]),
            ]),
          ]),
        ),
    );
}

/** Party names per case; a natural person's masked for a reader outside the case's agency. */
export async function partyNames(
  db: Reader,
  scope: AgencyScope,
  caseIds: readonly string[],
  readerAgencyId: string | null,
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (caseIds.length === 0) return map;
  const rows = await db
    .selectFrom('case_parties as p')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'p.case_id').onRef('c.agency_id', '=', 'p.agency_id'),
    )
    .select(['p.case_id', 'p.name', 'p.party_type', 'c.agency_id'])
    .where('p.case_id', 'in', [...caseIds])
    .where(inScope('p.agency_id', scope))
    .orderBy('p.created_at')
    .execute();
  for (const r of rows) {
    const outsider = readerAgencyId !== null && readerAgencyId !== r.agency_id;
    const name = outsider && r.party_type === 'person' ? maskName(r.name) : r.name;
    map.set(r.case_id, [...(map.get(r.case_id) ?? []), name]);
  }
  return map;
}
