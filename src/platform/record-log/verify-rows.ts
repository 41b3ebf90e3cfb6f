import { bytesEqual } from './bytes.ts';
import { canonicalRecord, encodeEntry, saltedDigests } from './entry.ts';
import type { RecordFields } from './entry.ts';
import { leafHash } from './merkle.ts';
import type { EntryRow } from './verify.store.ts';

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

export type { EntryRow } from './verify.store.ts';

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
