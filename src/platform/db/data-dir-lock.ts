import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it. The
 * holder writes its pid into `sanxiang.lock`; a lock whose process is gone is taken over.
 */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'sanxiang.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      return {
        release: () => {
          try {
            const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
            if (holder.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; purpose?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // A half-written lock file: treat as stale.
      }
      if (holder.pid !== undefined && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError('DATABASE_LOCKED', {
          detail:
            `内嵌数据库 ${dataDir} 正被进程 ${holder.pid}（${holder.purpose ?? 'sanxiang'}）使用。` +
            `请先停止该进程，或通过运行中的服务操作，或设置 DATABASE_URL 使用 PostgreSQL。` +
            ` (The embedded database is held by a running process.)`,
        });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATABASE_LOCKED', { detail: `无法锁定数据目录 ${dataDir}` });
}
