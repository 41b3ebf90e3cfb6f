import type { Db } from '../db/database.ts';
import { fromBase64 } from '../db/sql-bytes.ts';
import type { StagingKey } from './staging-key.ts';
import type { Problem } from './verify-rows.ts';
import { pendingEntriesWithMacUnscoped, refusalsUnscoped } from './verify.store.ts';

/**
 * What `sanxiang verify` says of staging (staging-key.ts): every entry the integrator refused (it was
 * written into the database by something other than a command), and, when verify has the staging key,
 * every pending entry whose MAC does not verify (the integrator will refuse it).
 */
const reasons = { missing_mac: '没有暂存校验码', invalid_mac: '暂存校验码不符' } as const;

export async function verifyStaging(db: Db, staging: StagingKey | null): Promise<Problem[]> {
  const problems: Problem[] = [];
  const refusals = await refusalsUnscoped(db);
  for (const r of refusals) {
    problems.push({
      table: 'log_entry_refusals',
      id: r.id,
      message:
        `暂存的日志条目 seq=${r.seq}（audit_events ${r.event_id}，${r.kind ?? '?'}）` +
        `${reasons[r.reason as keyof typeof reasons] ?? r.reason}，已拒绝并入记录日志：它不是由本系统的命令写入的`,
    });
  }
  if (!staging) return problems;
  const pending = await pendingEntriesWithMacUnscoped(db);
  for (const e of pending) {
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
