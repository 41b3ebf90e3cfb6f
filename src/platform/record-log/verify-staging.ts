import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { fromBase64 } from './sql-bytes.ts';
import type { StagingKey } from './staging-key.ts';
import type { Problem } from './verify-rows.ts';

/**
 * What `sanxiang verify` says of staging (staging-key.ts): every entry the integrator refused (it was
 * written into the database by something other than a command), and, when verify has the staging key,
 * every pending entry whose MAC does not verify (the integrator will refuse it).
 */
const reasons = { missing_mac: '没有暂存校验码', invalid_mac: '暂存校验码不符' } as const;

export async function verifyStaging(db: Db, staging: StagingKey | null): Promise<Problem[]> {
  const problems: Problem[] = [];
  const refusals = await sql<{
    id: string;
    seq: number;
    event_id: string;
    reason: string;
    kind: string | null;
  }>`
    select r.id, r.seq, r.event_id, r.reason, a.kind
    from log_entry_refusals r left join audit_events a on a.id = r.event_id
    order by r.seq`.execute(db);
  for (const r of refusals.rows) {
    problems.push({
      table: 'log_entry_refusals',
      id: r.id,
      message:
        `暂存的日志条目 seq=${r.seq}（audit_events ${r.event_id}，${r.kind ?? '?'}）` +
        `${reasons[r.reason as keyof typeof reasons] ?? r.reason}，已拒绝并入记录日志：它不是由本系统的命令写入的`,
    });
  }
  if (!staging) return problems;
  const pending = await sql<{ seq: number; event_id: string; entry: string; mac: string | null }>`
    select e.seq, e.event_id, encode(e.entry, 'base64') as entry, encode(e.mac, 'base64') as mac
    from log_entries e
    where e.log_index is null
      and not exists (select 1 from log_entry_refusals r where r.seq = e.seq)
      and not exists (select 1 from log_entries_before_mac b where b.seq = e.seq)
    order by e.seq`.execute(db);
  for (const e of pending.rows) {
    const mac = e.mac === null ? null : fromBase64(e.mac);
    if (staging.verify(e.event_id, fromBase64(e.entry), mac)) continue;
    problems.push({
      table: 'log_entries',
      id: `seq=${e.seq}`,
      message: `待并入的条目（audit_events ${e.event_id}）${mac === null ? '没有暂存校验码' : '暂存校验码不符'}：它不是由本系统的命令写入的，将被拒绝并入`,
    });
  }
  return problems;
}

/** Events whose staged entry was refused: not records of anything (verify-subjects.ts ignores them). */
export const notRefused = sql<boolean>`not exists (
  select 1 from log_entry_refusals r where r.event_id = audit_events.id)`;
