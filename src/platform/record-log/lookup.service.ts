import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { parseEntry, type LogEntry } from './entry.ts';
import { agencyName, entryAt, latestCheckpoint, logIndexesOfFileUnscoped } from './log.store.ts';
import { leafHash } from './merkle.ts';
import { formatVerificationCode, parseVerificationCode } from './verification-code.ts';

/**
 * Finding an entry of the record log by its verification code (`SX-<index>-<check>`, see
 * verification-code.ts) or by the plain SHA-256 of a file recorded with it. Public: the answer is the
 * public entry and the name of the agency that recorded it (agencies are public). The browser does not
 * take this answer on trust: it fetches the inclusion proof and checks it against the signed checkpoint.
 */
export interface LookupResult {
  index: number;
  code: string;
  entry: LogEntry;
  agencyName: string | null;
  /** The size of the latest checkpoint (the entry is in it). */
  size: number;
}

const notInLog = (detail: string) => new AppError('NOT_FOUND', { detail });

async function resultAt(db: Db, index: number, size: number): Promise<LookupResult> {
  const bytes = await entryAt(db, index);
  if (!bytes) throw notInLog(`记录日志中没有第 ${index} 条`);
  const entry = parseEntry(bytes);
  const name = entry.agency ? await agencyName(db, entry.agency) : null;
  return {
    index,
    code: formatVerificationCode(index, leafHash(bytes)),
    entry,
    agencyName: name,
    size,
  };
}

export async function lookupByCode(db: Db, text: string): Promise<LookupResult> {
  const code = parseVerificationCode(text);
  if (!code) {
    throw new AppError('VALIDATION_FAILED', {
      detail: '核验码格式应为 SX-数字-六位字母数字，例如 SX-1024-7K3QZD',
      errors: [{ path: 'querystring.code', message: '核验码格式不正确' }],
    });
  }
  const latest = await latestCheckpoint(db);
  if (!latest || code.index >= latest.size) throw notInLog('记录日志中没有这个核验码');
  const result = await resultAt(db, code.index, latest.size);
  // The check is recomputed from the entry read: the right index with a wrong check is not found.
  if (result.code !== `SX-${code.index}-${code.check}`) throw notInLog('核验码与记录日志中的条目不符');
  return result;
}

export async function lookupBySha256(db: Db, sha256: string): Promise<LookupResult> {
  const latest = await latestCheckpoint(db);
  const found = await logIndexesOfFileUnscoped(db, sha256);
  const index = found
    .map((r) => r.log_index)
    .find((i): i is number => i !== null && latest !== undefined && Number(i) < latest.size);
  if (index === undefined || !latest) {
    throw notInLog(
      found.length > 0
        ? '该文件已记录，正在写入记录日志，请稍后再试'
        : '记录日志中没有这个文件：它未经本平台记录，或内容已被改动',
    );
  }
  return resultAt(db, Number(index), latest.size);
}
