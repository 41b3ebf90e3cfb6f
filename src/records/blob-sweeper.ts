import fs from 'node:fs';
import path from 'node:path';
import { PARTIAL_UPLOADS_DIR } from './blob-store.ts';

/**
 * Removes what a crash left of uploads in the blob store's temporary directory. A partial upload is never
 * evidence: its bytes were never committed to an address and nothing was recorded of them (the upload's
 * command runs only after the last byte), so removing it loses nothing. Only files the store itself names
 * (a UUID) and that nothing has written to for `olderThanMs` go: an upload still streaming in keeps
 * touching its file, so a sweep at start-up beside a running server takes nothing that is in use.
 */

const PARTIAL_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const PARTIAL_UPLOAD_MAX_AGE_MS = 60 * 60 * 1000;

export interface SweepResult {
  removed: number;
  bytes: number;
}

export async function sweepPartialUploads(
  root: string,
  now: Date,
  olderThanMs: number = PARTIAL_UPLOAD_MAX_AGE_MS,
): Promise<SweepResult> {
  const dir = path.join(root, PARTIAL_UPLOADS_DIR);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return { removed: 0, bytes: 0 };
    throw err;
  }
  const cutoff = now.getTime() - olderThanMs;
  const result: SweepResult = { removed: 0, bytes: 0 };
  for (const name of names) {
    if (!PARTIAL_NAME.test(name)) continue;
    const file = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(file);
    } catch {
      continue; // gone meanwhile (its upload finished or was discarded)
    }
    if (!stat.isFile() || stat.mtimeMs >= cutoff) continue;
    await fs.promises.rm(file, { force: true });
    result.removed++;
    result.bytes += stat.size;
  }
  return result;
}
