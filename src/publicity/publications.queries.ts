import { sql, type ExpressionBuilder } from 'kysely';
import type { CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { workingCalendar } from '../platform/calendar/calendar.service.ts';
import { deadlineStatus, type WorkingCalendar } from '../platform/calendar/working-days.rules.ts';
import { chinaDate } from '../platform/clock.ts';
import { agenciesScope, inScope, ownAgency, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { reachScopeOf } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { leafHash } from '../platform/record-log/merkle.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { base64Of, fromBase64 } from '../platform/record-log/sql-bytes.ts';
import { formatVerificationCode } from '../platform/record-log/verification-code.ts';
import { personalDataKindLabels } from './personal-data.rules.ts';
import { publicationsPolicy } from './publications.policy.ts';
import {
  describeFinding,
  publishedOnTime,
  shownStatus,
  type PublicationStatus,
} from './publications.rules.ts';
import type { PublicationDetail, PublicationsQuery, PublicationSummary } from './publications.schema.ts';
import { correctionOf, correctionsOfPublication } from './correction-requests.queries.ts';
import { rowFindings } from './publication-masking.ts';
import { publicationAgency } from './publications.store.ts';

/** Reads of publications (公示): the workbench's lists with deadlines, the portal's search, feeds, codes. */

type PubRow = Row<'publications'> & { agency_name: string; open_corrections: number | null };
type Deadline = PublicationSummary['publication'];

/** The countdown to a due day: from today while unpublished, frozen at the publication day once published. */
export function deadlineOf(
  cal: WorkingCalendar,
  dueOn: string,
  stored: Deadline['warnings'],
  doneOn: string | null,
  today: string,
): Deadline {
  const status = deadlineStatus(dueOn, doneOn ?? today, cal);
  const years = new Set(stored.map((w) => w.year));
  return {
    dueOn,
    daysLeft: status.daysLeft,
    overdue: status.overdue,
    warnings: [...stored, ...status.warnings.filter((w) => !years.has(w.year))],
  };
}

function summaryOf(r: PubRow, cal: WorkingCalendar, today: string): PublicationSummary {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    unitId: r.unit_id,
    kind: r.kind,
    status: r.status,
    shownStatus: shownStatus(r.status, r.period_ends_on, today),
    partyKind: r.party_kind,
    partyName: r.party_name,
    partyCreditCode: r.party_credit_code,
    documentNumber: r.document_number,
    decidedOn: r.decided_on,
    title: r.title,
    publication: deadlineOf(cal, r.due_on, r.due_warnings, r.published_on, today),
    publishedOn: r.published_on,
    publishedOnTime: r.published_on ? publishedOnTime(r.due_on, r.published_on) : null,
    periodEndsOn: r.period_ends_on,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawalReason: r.withdrawal_reason,
    openCorrections: Number(r.open_corrections ?? 0),
    createdAt: r.created_at.toISOString(),
  };
}

function rowsQuery(db: Db, scope: AgencyScope) {
  return db
    .selectFrom('publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .where(inScope('p.agency_id', scope))
    .selectAll('p')
    .select('a.name as agency_name')
    .select((eb) =>
      eb
        .selectFrom('correction_requests as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.publication_id', '=', 'p.id')
        .whereRef('c.agency_id', '=', 'p.agency_id')
        .where('c.status', '=', 'open')
        .as('open_corrections'),
    );
}

type PubExpr = ExpressionBuilder<DB & { p: DB['publications'] }, 'p'>;

/** The shown status in SQL: a published row past its last day is ended. */
function whereShown(status: PublicationStatus, today: string) {
  return (eb: PubExpr) => {
    if (status === 'ended')
      return eb.or([
        eb('p.status', '=', 'ended'),
        eb.and([eb('p.status', '=', 'published'), eb('p.period_ends_on', '<', today)]),
      ]);
    if (status === 'published')
      return eb.and([
        eb('p.status', '=', 'published'),
        eb.or([eb('p.period_ends_on', 'is', null), eb('p.period_ends_on', '>=', today)]),
      ]);
    return eb('p.status', '=', status);
  };
}

export async function listPublications(
  deps: CommandDeps,
  principal: Principal,
  query: PublicationsQuery,
): Promise<{ items: PublicationSummary[]; total: number }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, publicationsPolicy.read);
  for (const id of agencies) authorize(principal, publicationsPolicy.read, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  const scope = agenciesScope(agencies);
  const today = chinaDate(deps.clock.now());
  let q = deps.db.selectFrom('publications as p').where(inScope('p.agency_id', scope));
  if (query.status) q = q.where(whereShown(query.status, today));
  if (query.kind) q = q.where('p.kind', '=', query.kind);
  if (query.decidedFrom) q = q.where('p.decided_on', '>=', query.decidedFrom);
  if (query.decidedTo) q = q.where('p.decided_on', '<=', query.decidedTo);
  if (query.overdue === 'true')
    q = q.where('p.status', 'in', ['draft', 'in_review']).where('p.due_on', '<', today);
  if (query.q) {
    const like = `%${escapeLike(query.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([
        eb('p.party_name', 'like', like),
        eb('p.document_number', 'like', like),
        // The trigram index publications_text_trgm covers this expression (0006).
        eb(sql<string>`(p.title || ' ' || p.summary)`, 'like', like),
        eb('p.party_credit_code', '=', query.q!.trim().toUpperCase()),
      ]),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await q
    .select('p.id')
    .orderBy('p.decided_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await summaries(
      deps.db,
      scope,
      ids.map((r) => r.id),
      today,
    ),
    total: Number(total),
  };
}

async function summaries(
  db: Db,
  scope: AgencyScope,
  ids: string[],
  today: string,
): Promise<PublicationSummary[]> {
  if (ids.length === 0) return [];
  const [rows, cal] = await Promise.all([
    rowsQuery(db, scope).where('p.id', 'in', ids).execute(),
    workingCalendar(db),
  ]);
  return ids.flatMap((id) => {
    const r = rows.find((x) => x.id === id);
    return r ? [summaryOf(r, cal, today)] : [];
  });
}

/** `%` and `_` typed by the public are characters, not wildcards. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The verification code (核验码) of the publication's publishing event, once the record log has it under a
 * signed checkpoint; null before (the integrator runs every few seconds).
 */
export async function publicationCode(db: Db, scope: AgencyScope, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_events as e')
    .innerJoin('log_entries as l', 'l.event_id', 'e.id')
    .select(['l.log_index', base64Of('l.entry').as('entry')])
    .where(inScope('e.agency_id', scope))
    .where('e.subject_type', '=', 'publication')
    .where('e.subject_id', '=', id)
    .where('e.kind', '=', 'publicity.publication_published')
    .orderBy('e.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.log_index === null) return null;
  const latest = await latestCheckpoint(db);
  if (!latest || Number(row.log_index) >= latest.size) return null;
  return formatVerificationCode(Number(row.log_index), leafHash(fromBase64(row.entry)));
}

export async function getPublication(
  deps: CommandDeps,
  principal: Principal,
  id: string,
): Promise<PublicationDetail> {
  const agencyId = await publicationAgency(deps.db, reachScopeOf(principal, publicationsPolicy.read), id);
  authorize(principal, publicationsPolicy.read, agencyId);
  const detail = await publicationDetail(deps.db, agencyId, id, chinaDate(deps.clock.now()));
  if (!detail) throw new AppError('NOT_FOUND');
  return detail;
}

/**
 * The publication of the agency as its page shows it, read with `db` (a command's transaction too: the
 * county outbox builds its record so), or undefined.
 */
export async function publicationDetail(
  db: Db,
  agencyId: string,
  id: string,
  today: string,
): Promise<PublicationDetail | undefined> {
  const scope = ownAgency(agencyId);
  const [row, cal] = await Promise.all([
    rowsQuery(db, scope).where('p.id', '=', id).executeTakeFirst(),
    workingCalendar(db),
  ]);
  if (!row) return undefined;
  const [events, corrections, code] = await Promise.all([
    db
      .selectFrom('publication_events as e')
      .leftJoin('people', (j) =>
        j.onRef('people.id', '=', 'e.actor_id').onRef('people.agency_id', '=', 'e.agency_id'),
      )
      .select(['e.id', 'e.action', 'e.note', 'e.at', 'people.name as actor_name'])
      .where(inScope('e.agency_id', scope))
      .where('e.publication_id', '=', id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
    correctionsOfPublication(db, scope, id),
    publicationCode(db, scope, id),
  ]);
  return {
    ...summaryOf(row, cal, today),
    summary: row.summary,
    documentText: row.document_text,
    sanctions: row.sanctions,
    facts: { ...row.facts },
    personalRecords: row.personal_records,
    caseId: row.case_id,
    authorId: row.author_id,
    reviewNote: row.review_note,
    periodRule: row.period_rule,
    withdrawal:
      row.withdrawal_due_on && row.withdrawal_occurred_on
        ? deadlineOf(
            cal,
            row.withdrawal_due_on,
            [],
            row.withdrawn_at ? chinaDate(row.withdrawn_at) : null,
            today,
          )
        : null,
    endReason: row.end_reason,
    guard: rowFindings(row).map((f) => ({
      ...f,
      message: describeFinding(f, personalDataKindLabels[f.kind]),
    })),
    verificationCode: code,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      note: e.note,
      actorName: e.actor_name,
      at: e.at.toISOString(),
    })),
    corrections: corrections.map((c) => correctionOf(c, cal, today)),
  };
}
