import type { CommandDeps } from '../platform/audit/command.ts';
import { readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import type { WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope, inScope, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { publicationsPolicy } from './publications.policy.ts';
import { deadlineOf } from './publications.queries.ts';
import type { Correction } from './publications.schema.ts';

/** Reads of correction requests (更正申请): the publisher's list with its deadlines, and a publication's. */

export function correctionOf(
  r: Row<'correction_requests'> & { document_number: string },
  cal: WorkingCalendar,
  today: string,
): Correction {
  return {
    id: r.id,
    receiptNumber: r.receipt_number,
    publicationId: r.publication_id,
    documentNumber: r.document_number,
    status: r.status,
    requesterName: r.requester_name,
    requesterContact: r.requester_contact,
    content: r.content,
    receivedOn: r.received_on,
    deadline: deadlineOf(cal, r.due_on, [], r.answered_at ? chinaDate(r.answered_at) : null, today),
    answer: r.answer,
    corrected: r.corrected,
    answeredAt: r.answered_at?.toISOString() ?? null,
  };
}

function correctionsQuery(db: Db, scope: AgencyScope) {
  return db
    .selectFrom('correction_requests as c')
    .innerJoin('publications as p', (j) =>
      j.onRef('p.id', '=', 'c.publication_id').onRef('p.agency_id', '=', 'c.agency_id'),
    )
    .where(inScope('c.agency_id', scope))
    .selectAll('c')
    .select('p.document_number');
}

/** The correction requests of the agency's publication, oldest first. */
export async function correctionsOfPublication(db: Db, scope: AgencyScope, publicationId: string) {
  return correctionsQuery(db, scope)
    .where('c.publication_id', '=', publicationId)
    .orderBy('c.created_at')
    .execute();
}

export async function listCorrections(
  deps: CommandDeps,
  principal: Principal,
  query: {
    status?: 'open' | 'answered' | undefined;
    publicationId?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: Correction[]; total: number }> {
  const agencies = readableAgencies(principal, publicationsPolicy.read);
  if (agencies.length === 0) return { items: [], total: 0 };
  let q = correctionsQuery(deps.db, agenciesScope(agencies));
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.publicationId) q = q.where('c.publication_id', '=', query.publicationId);
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const [rows, cal] = await Promise.all([
    q
      .orderBy('c.due_on')
      .orderBy('c.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    workingCalendar(deps.db),
  ]);
  const today = chinaDate(deps.clock.now());
  return { items: rows.map((r) => correctionOf(r, cal, today)), total: Number(total) };
}
