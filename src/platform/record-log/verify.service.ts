import type { Db } from '../db/database.ts';
import { bytesEqual } from './bytes.ts';
import { openCheckpoint } from './checkpoint.ts';
import { latestCheckpoint } from './log.store.ts';
import { EMPTY_ROOT } from './merkle.ts';
import type { NoteVerifier } from './note.ts';
import type { StagingKey } from './staging-key.ts';
import { subjectTables as defaultSubjectTables } from './subject-tables.ts';
import { verifyAccounts } from './verify-accounts.ts';
import { verifyHistory } from './verify-history.ts';
import { verifyStaging } from './verify-staging.ts';
import { auditRowProblem, type Problem } from './verify-rows.ts';
import {
  entriesBeyond as entryRowsBeyond,
  entryRowsUnscoped,
  unloggedAuditRowsUnscoped,
} from './verify.store.ts';
import { verifySubjects } from './verify-subjects.ts';
import { verifyTree, type TreeTarget } from './verify-tree.ts';

/**
 * `sanxiang verify` (issue 3 item 4): everything the database holds, checked against the log and the log
 * against its signatures.
 *   1. The latest checkpoint verifies with the log's key and origin (C2SP signed-note, tlog-checkpoint).
 *   2. Every entry, in index order: its audit row rebuilds it (salted SHA-256 and SM3 of the canonical
 *      record), it is in its level-0 tile and entry bundle, and the tree rebuilt from all entries gives
 *      every stored tile, every stored checkpoint's root, the signed root and, with `--checkpoint FILE`,
 *      the older checkpoint's root (so the log is consistent with it: RFC 9162 §2.1.4's claim, checked
 *      directly).
 *   3. Entries still waiting for integration against their audit rows; no audit row without an entry.
 *   4. The business rows of `subject-tables.ts` against what was last recorded of them; accounts, role
 *      grants, API tokens and sessions against their events (verify-accounts.ts); history rows
 *      (certificate and publication events, power list versions and their review events) against the
 *      records that wrote them (verify-history.ts). Which tables that covers, and why the others are not
 *      compared, is verify-coverage.ts (a test holds every table of the schema to one of the two).
 *   5. Staged entries the integrator refused, and, with the staging key, pending entries without a valid
 *      MAC (verify-staging.ts).
 * Problems come back in log order, so the first names the first bad row.
 */

export interface VerifyOptions {
  /** The log's verifier keys, and the origin its checkpoints must carry. */
  readonly verifiers: readonly NoteVerifier[];
  readonly origin: string;
  /** An older signed checkpoint (e.g. one a witness holds), and its keys and origin if they differ. */
  readonly older?: {
    readonly note: string;
    readonly verifiers?: readonly NoteVerifier[];
    readonly origin?: string;
  };
  readonly subjectTables?: Readonly<Record<string, string>>;
  /** The staging key, to check pending entries' MACs (null: not available here; refusals are still read). */
  readonly staging?: StagingKey | null;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VerifyReport {
  /** The size of the latest checkpoint, and how many entries wait for integration. */
  readonly size: number;
  readonly pending: number;
  /** Audit rows from before the record log, outside it. */
  readonly legacy: number;
  /** Business rows compared with their records. */
  readonly subjects: number;
  readonly problems: Problem[];
}

async function target(db: Db, options: VerifyOptions, problems: Problem[]): Promise<TreeTarget> {
  const latest = await latestCheckpoint(db);
  let older: TreeTarget['older'];
  if (options.older) {
    try {
      const { checkpoint } = openCheckpoint(
        options.older.note,
        options.older.verifiers ?? options.verifiers,
        options.older.origin ?? options.origin,
      );
      older = { size: checkpoint.size, root: checkpoint.root };
    } catch (err) {
      problems.push({
        table: 'checkpoint',
        id: '--checkpoint',
        index: -1,
        message: `给定的旧检查点无效：${String(err)}`,
      });
    }
  }
  if (!latest) return { size: 0, root: EMPTY_ROOT, ...(older ? { older } : {}) };
  const id = `size=${latest.size}`;
  try {
    const { checkpoint } = openCheckpoint(latest.note, options.verifiers, options.origin);
    if (checkpoint.size !== latest.size || !bytesEqual(checkpoint.root, latest.root)) {
      problems.push({
        table: 'log_checkpoints',
        id,
        index: -1,
        message: '大小或树根与签名的检查点文本不一致',
      });
    }
    return { size: checkpoint.size, root: checkpoint.root, ...(older ? { older } : {}) };
  } catch (err) {
    problems.push({
      table: 'log_checkpoints',
      id,
      index: -1,
      message: `最新检查点的签名或来源无效：${String(err)}`,
    });
    return { size: latest.size, root: latest.root, ...(older ? { older } : {}) };
  }
}

/** Audit rows with no staged entry: before the record log (no salt, before the first entry) or a problem. */
async function unloggedAuditRows(db: Db): Promise<{ legacy: number; problems: Problem[] }> {
  const rows = await unloggedAuditRowsUnscoped(db);
  let legacy = 0;
  const problems: Problem[] = [];
  for (const row of rows) {
    if (row.salt === null && (row.first === null || Number(row.seq) < Number(row.first))) legacy++;
    else problems.push({ table: 'audit_events', id: row.id, message: '没有对应的日志条目（条目被删除？）' });
  }
  return { legacy, problems };
}

async function entriesBeyond(db: Db, size: number): Promise<Problem[]> {
  const rows = await entryRowsBeyond(db, size);
  return rows.map((r) => ({
    table: 'log_entries',
    id: `seq=${r.seq}`,
    index: Number(r.log_index),
    message: `有日志索引 ${r.log_index}，但最新检查点的大小只有 ${size}`,
  }));
}

export async function verifyRecordLog(db: Db, options: VerifyOptions): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const tree = await target(db, options, problems);
  const pendingRows = await entryRowsUnscoped(db, 'pending');
  const total = tree.size + pendingRows.length;
  const progress = (done: number) => options.onProgress?.(done, total);
  problems.push(...(await verifyTree(db, tree, progress)));
  for (const row of pendingRows) {
    const problem = auditRowProblem(row);
    if (problem) problems.push({ table: 'audit_events', id: row.id, message: problem });
  }
  progress(total);
  problems.push(...(await entriesBeyond(db, tree.size)));
  const unlogged = await unloggedAuditRows(db);
  problems.push(...unlogged.problems);
  const subjects = await verifySubjects(db, options.subjectTables ?? defaultSubjectTables);
  problems.push(...subjects.problems);
  const accounts = await verifyAccounts(db);
  problems.push(...accounts.problems);
  const history = await verifyHistory(db);
  problems.push(...history.problems);
  problems.push(...(await verifyStaging(db, options.staging ?? null)));
  const order = (p: Problem) => p.index ?? Number.MAX_SAFE_INTEGER;
  problems.sort((a, b) => order(a) - order(b));
  return {
    size: tree.size,
    pending: pendingRows.length,
    legacy: unlogged.legacy,
    subjects: subjects.checked + accounts.checked + history.checked,
    problems,
  };
}
