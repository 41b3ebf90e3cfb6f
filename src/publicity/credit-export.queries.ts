import { inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { CreditExportKind, CreditSource } from './credit-export.rules.ts';

/**
 * The publications the 双公示 export writes (credit-export.service.ts): published (or published and since
 * ended) decisions of the kind, decided in the range, with the deciding agency's name and credit code.
 * Withdrawn ones are left out: the platform is told of a withdrawal by its own record (docs/exchange.md).
 */
export async function creditSources(
  db: Db,
  scope: AgencyScope,
  query: { kind: CreditExportKind; decidedFrom?: string; decidedTo?: string },
): Promise<CreditSource[]> {
  let q = db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where(inScope('p.agency_id', scope))
    .where('p.kind', '=', query.kind)
    .where('p.status', 'in', ['published', 'ended']);
  if (query.decidedFrom) q = q.where('p.decided_on', '>=', query.decidedFrom);
  if (query.decidedTo) q = q.where('p.decided_on', '<=', query.decidedTo);
  const rows = await q
    .select([
      'p.kind',
      'p.party_kind',
      'p.party_name',
      'p.party_credit_code',
      'p.personal_records',
      'p.document_number',
      'p.title',
      'p.summary',
      'p.sanctions',
      'p.decided_on',
      'p.period_ends_on',
      'a.name as agency_name',
      'a.credit_code as agency_credit_code',
    ])
    .orderBy('p.decided_on')
    .orderBy('p.document_number')
    .execute();
  return rows.map((r) => ({
    kind: query.kind,
    partyKind: r.party_kind,
    partyName: r.party_name,
    partyCreditCode: r.party_credit_code,
    hasIdNumber: r.personal_records.naturalPersons.some((n) => Boolean(n.idNumber)),
    documentNumber: r.document_number,
    title: r.title,
    summary: r.summary,
    sanctions: r.sanctions,
    decidedOn: r.decided_on,
    periodEndsOn: r.period_ends_on,
    agencyName: r.agency_name,
    agencyCreditCode: r.agency_credit_code,
  }));
}
