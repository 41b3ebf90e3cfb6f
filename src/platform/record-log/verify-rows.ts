import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { bytesEqual } from './bytes.ts';
import { canonicalRecord, encodeEntry, saltedDigests } from './entry.ts';
import type { RecordFields } from './entry.ts';
import { leafHash } from './merkle.ts';
import { fromBase64 } from './sql-bytes.ts';

/**
 * The private audit row behind each log entry, as `sanxiang verify` reads it, and the check that it still
 * hashes to its entry: rebuild the canonical record from the row (entry.ts), recompute both salted digests,
 * rebuild the entry, and compare its leaf hash with the staged entry's.
 */

/** A problem `sanxiang verify` found: the row (table and id) and what is wrong with it. */
export interface Problem {
  readonly table: string;
  readonly id: string;
  readonly message: string;
  /** The log index it concerns, when it concerns one (problems are reported in log order). */
  readonly index?: number;
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
 * The staged entries and their audit rows: those with log index in [from, to), or the pending ones. The
 * audit row is joined LATERAL with LIMIT 1 so the plan is always one index lookup per entry: a plain join
 * lets the planner hash all of `audit_events` for every page, which grows with the square of the log.
 */
export async function readEntryRows(
  db: Db,
  range: { from: number; to: number } | 'pending',
): Promise<EntryRow[]> {
  const where =
    range === 'pending'
      ? sql`e.log_index is null
          and not exists (select 1 from log_entry_refusals r where r.seq = e.seq) order by e.seq`
      : sql`e.log_index >= ${range.from} and e.log_index < ${range.to} order by e.log_index`;
  const result = await sql<RawEntryRow>`
    select e.seq, e.log_index, encode(sha256('\\x00'::bytea || e.entry), 'base64') as leaf,
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

function fieldsOf(row: EntryRow): RecordFields {
  return {
    id: row.id,
    kind: row.kind,
    time: row.at,
    agency: row.agency_id,
    actor: row.actor_id,
    via: row.via,
    ip: row.ip,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    changes: row.changes,
    fileSha256: row.file_sha256,
  };
}

/** Why the audit row no longer matches its staged entry, or null when it does. */
export function auditRowProblem(row: EntryRow): string | null {
  if (row.salt === null || row.record === null) return '没有盐值或记录内容，不是经记录日志写入的';
  try {
    const fields = fieldsOf(row);
    const digests = saltedDigests(row.salt, canonicalRecord(fields, row.record));
    if (bytesEqual(leafHash(encodeEntry(fields, digests)), row.leaf)) return null;
    return '重算不出它的日志条目：该行（或其记录内容、加盐摘要）被改动';
  } catch (err) {
    return `无法重算：${err instanceof Error ? err.message : String(err)}`;
  }
}
