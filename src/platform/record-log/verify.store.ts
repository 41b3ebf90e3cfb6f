import { sql } from 'kysely';
import { unscoped } from '../db/agency-scope.ts';
import type { Db } from '../db/database.ts';
import { fromBase64 } from '../db/sql-bytes.ts';

/**
 * The SQL of `sanxiang verify` (issue 11). Verify compares every agency's rows with the log that every
 * agency shares, so it reads the whole instance by nature: each function here is `…Unscoped`. The one
 * agency's run from the workbench (verify-runs.service.ts) runs the same instance-wide check and keeps the
 * problems of its own agency (verify-scope.ts).
 */

export type Row = Record<string, unknown> & { id: string };

/** Events whose staged entry was refused: not records of anything (verify ignores them). */
const notRefused = sql<boolean>`not exists (
  select 1 from log_entry_refusals r where r.event_id = audit_events.id)`;

/** A page of any compared table's rows by id, after `last`: verify reads every agency's rows. */
export async function tableRowsAfterUnscoped(
  db: Db,
  table: string,
  last: string | null,
  page: number,
): Promise<Row[]> {
  const after = last === null ? sql`` : sql`where id > ${last}`;
  const result = await sql<Row>`select * /* sanxiang:unscoped */ from ${sql.table(table)} ${after}
    order by id limit ${page}`.execute(db);
  return result.rows;
}

export interface SubjectEvent {
  id: string;
  kind: string;
  agency_id: string | null;
  subject_id: string | null;
  actor_id: string | null;
  at: Date;
  record: string | null;
}

/** The (not refused) events about the given subjects, in log order: verify reads every agency's. */
export async function subjectEventsUnscoped(
  db: Db,
  type: string,
  ids: readonly string[],
): Promise<Map<string, SubjectEvent[]>> {
  if (ids.length === 0) return new Map();
  const events = await db
    .selectFrom('audit_events')
    .select(['id', 'kind', 'agency_id', 'subject_id', 'actor_id', 'at', 'record'])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', ids)
    .where(notRefused)
    .orderBy('seq')
    .$call(unscoped)
    .execute();
  return bySubject(events);
}

/** Every (not refused) event about subjects of a type, in log order: verify reads every agency's. */
export async function subjectTypeEventsUnscoped(db: Db, type: string): Promise<Map<string, SubjectEvent[]>> {
  const events = await db
    .selectFrom('audit_events')
    .select(['id', 'kind', 'agency_id', 'subject_id', 'actor_id', 'at', 'record'])
    .where('subject_type', '=', type)
    .where('subject_id', 'is not', null)
    .where(notRefused)
    .orderBy('seq')
    .$call(unscoped)
    .execute();
  return bySubject(events);
}

function bySubject(events: readonly SubjectEvent[]): Map<string, SubjectEvent[]> {
  const map = new Map<string, SubjectEvent[]>();
  for (const event of events) {
    const key = event.subject_id ?? '';
    map.set(key, [...(map.get(key) ?? []), event]);
  }
  return map;
}

/** Subjects of a type that events name but `table` no longer holds (at most 100): across every agency. */
export async function missingSubjectRowsUnscoped(db: Db, type: string, table: string): Promise<string[]> {
  const result = await sql<{ subject_id: string }>`
    select distinct a.subject_id /* sanxiang:unscoped */ from audit_events a
    where a.subject_type = ${type} and a.subject_id is not null
      and not exists (select 1 from ${sql.table(table)} t where t.id = a.subject_id)
    order by a.subject_id limit 100`.execute(db);
  return result.rows.map((r) => r.subject_id);
}

/** Every account's security state (verify-accounts.ts): verify reads every agency's accounts. */
export const accountRowsUnscoped = (db: Db) =>
  db
    .selectFrom('accounts')
    .select(['id', 'person_id', 'username', 'password_hash', 'totp_secret', 'totp_enabled', 'disabled'])
    .orderBy('id')
    .$call(unscoped)
    .execute();

/** Every role grant still in force: verify reads every agency's. */
export const activeGrantsUnscoped = (db: Db) =>
  db
    .selectFrom('role_grants')
    .select(['id', 'person_id', 'role'])
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .$call(unscoped)
    .execute();

/** Every API token: verify reads every agency's. */
export const tokenRowsUnscoped = (db: Db) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'name', 'token_hash', 'scopes', 'expires_at', 'revoked_at'])
    .orderBy('id')
    .$call(unscoped)
    .execute();

/** Every session (its account, agency and whether it ended), without its secrets: verify reads all. */
export const sessionRowsUnscoped = (db: Db) =>
  db
    .selectFrom('sessions')
    .select(['id', 'agency_id', 'account_id', 'stage', 'ended_at'])
    .orderBy('id')
    .$call(unscoped)
    .execute();

/** Every power list review event with its version's item and number: verify reads every agency's. */
export const powerReviewEventRowsUnscoped = (db: Db) =>
  db
    .selectFrom('power_review_events as e')
    .innerJoin('power_item_versions as v', (j) =>
      j.onRef('v.id', '=', 'e.version_id').onRef('v.agency_id', '=', 'e.agency_id'),
    )
    .select([
      'e.id',
      'e.agency_id',
      'e.version_id',
      'e.action',
      'e.note',
      'e.actor_id',
      'e.at',
      'v.item_id',
      'v.version',
    ])
    .orderBy('e.id')
    .$call(unscoped)
    .execute();

/** Audit rows with no staged entry, and the seq of the first one logged: verify reads every agency's. */
export async function unloggedAuditRowsUnscoped(db: Db) {
  const rows = await sql<{ id: string; seq: number; salt: Uint8Array | null; first: number | null }>`
    select a.id, a.seq, a.salt, /* sanxiang:unscoped */
      (select min(b.seq) from audit_events b join log_entries e on e.event_id = b.id) as first
    from audit_events a
    where not exists (select 1 from log_entries e where e.event_id = a.id)
    order by a.seq`.execute(db);
  return rows.rows;
}

export interface EntryRow {
  seq: number;
  log_index: number | null;
  /** RFC 6962 leaf hash of the staged entry, computed by the database (the entry itself is not read). */
  leaf: Uint8Array;
  id: string;
  kind: string;
  at: Date;
  agency_id: string | null;
  actor_id: string | null;
  via: string;
  ip: string | null;
  subject_type: string;
  subject_id: string | null;
  changes: string[];
  salt: Uint8Array | null;
  record: string | null;
  file_sha256: string | null;
}

type RawEntryRow = Omit<EntryRow, 'leaf' | 'salt'> & { leaf: string; salt: string | null };

/**
 * The staged entries and their audit rows: those with log index in [from, to), or the pending ones — of
 * every agency (the log is one for all). The audit row is joined LATERAL with LIMIT 1 so the plan is
 * always one index lookup per entry: a plain join lets the planner hash all of `audit_events` for every
 * page, which grows with the square of the log.
 */
export async function entryRowsUnscoped(
  db: Db,
  range: { from: number; to: number } | 'pending',
): Promise<EntryRow[]> {
  const where =
    range === 'pending'
      ? sql`e.log_index is null
          and not exists (select 1 from log_entry_refusals r where r.seq = e.seq) order by e.seq`
      : sql`e.log_index >= ${range.from} and e.log_index < ${range.to} order by e.log_index`;
  const result = await sql<RawEntryRow>`
    select /* sanxiang:unscoped */ e.seq, e.log_index,
      encode(sha256('\\x00'::bytea || e.entry), 'base64') as leaf,
      a.id, a.kind, a.at, a.agency_id, a.actor_id, a.via, a.ip, a.subject_type, a.subject_id, a.changes,
      encode(a.salt, 'base64') as salt, a.record, a.file_sha256
    from log_entries e
    cross join lateral (select * from audit_events a where a.id = e.event_id limit 1) a
    where ${where}`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    log_index: r.log_index === null ? null : Number(r.log_index),
    leaf: fromBase64(r.leaf),
    salt: r.salt === null ? null : fromBase64(r.salt),
  }));
}

/** Staged entries with log index ≥ size (at most 10): the log itself, no agency's row. */
export const entriesBeyond = (db: Db, size: number) =>
  db
    .selectFrom('log_entries')
    .select(['seq', 'log_index'])
    .where('log_index', '>=', size)
    .orderBy('log_index')
    .limit(10)
    .execute();

/** Every entry the integrator refused, with its event's kind: verify reads every agency's. */
export async function refusalsUnscoped(db: Db) {
  const refusals = await sql<{
    id: string;
    seq: number;
    event_id: string;
    reason: string;
    kind: string | null;
  }>`
    select r.id, r.seq, r.event_id, r.reason, a.kind /* sanxiang:unscoped */
    from log_entry_refusals r left join audit_events a on a.id = r.event_id
    order by r.seq`.execute(db);
  return refusals.rows;
}

/** Pending entries (not refused, staged after MACs began) with their MACs, of every agency. */
export async function pendingEntriesWithMacUnscoped(db: Db) {
  const pending = await sql<{ seq: number; event_id: string; entry: string; mac: string | null }>`
    select e.seq, e.event_id, encode(e.entry, 'base64') as entry, encode(e.mac, 'base64') as mac
    from log_entries e /* sanxiang:unscoped */
    where e.log_index is null
      and not exists (select 1 from log_entry_refusals r where r.seq = e.seq)
      and not exists (select 1 from log_entries_before_mac b where b.seq = e.seq)
    order by e.seq`.execute(db);
  return pending.rows;
}

type AgencyRow = { agency_id: string | null };
const firstAgency = (result: { rows: AgencyRow[] }) => result.rows[0]?.agency_id ?? null;

/** The agency of an audit row found by a problem: it is what the lookup finds out. */
export const auditRowAgencyUnscoped = async (db: Db, id: string) =>
  firstAgency(
    await sql<AgencyRow>`select agency_id::text as agency_id /* sanxiang:unscoped */ from audit_events
      where id = ${id}::uuid`.execute(db),
  );

/** The agency of a staged entry's audit row, by seq or log index: it is what the lookup finds out. */
export const entryAgencyUnscoped = async (db: Db, by: 'seq' | 'log_index', value: number) =>
  firstAgency(
    await sql<AgencyRow>`select a.agency_id::text as agency_id /* sanxiang:unscoped */
      from log_entries e join audit_events a on a.id = e.event_id
      where ${by === 'seq' ? sql.ref('e.seq') : sql.ref('e.log_index')} = ${value}`.execute(db),
  );

/** The agency of a business row by id: it is what the lookup finds out. */
export const rowAgencyUnscoped = async (db: Db, table: string, id: string) =>
  firstAgency(
    await sql<AgencyRow>`select agency_id::text as agency_id /* sanxiang:unscoped */ from ${sql.table(table)}
      where id = ${id}::uuid`.execute(db),
  );

/** The agency the latest record about a (deleted) subject was written for: what the lookup finds out. */
export const lastRecordedAgencyUnscoped = async (db: Db, subjectId: string) =>
  firstAgency(
    await sql<AgencyRow>`select agency_id::text as agency_id /* sanxiang:unscoped */ from audit_events
      where subject_id = ${subjectId} order by seq desc limit 1`.execute(db),
  );

/**
 * A page of the records the county platform received (county_records: keyed by agency and sequence, no
 * id), after the given key: instance-wide, the platform's own.
 */
export async function countyRecordsAfterUnscoped(
  db: Db,
  after: { agency: string; sequence: number } | null,
  page: number,
): Promise<Row[]> {
  const where =
    after === null ? sql`` : sql`where (county_agency_id, sequence) > (${after.agency}, ${after.sequence})`;
  const result = await sql<Row>`select * /* sanxiang:unscoped */ from county_records ${where}
    order by county_agency_id, sequence limit ${page}`.execute(db);
  return result.rows;
}
