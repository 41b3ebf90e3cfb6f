import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/**
 * The staging key (issue 10 item 6; security sweep M3). Whoever can write to the database can insert an
 * audit row and a pending log entry that hash to each other; the integrator would sign it into the log.
 * So every entry the application stages carries HMAC-SHA256 (RFC 2104) under a key the database does not
 * hold, over the event id and the entry bytes, and the integrator refuses an entry whose MAC does not
 * verify (integrator.ts). The key is given by `LOG_STAGING_KEY` (32 bytes, base64) or kept in
 * `DATA_DIR/log-staging.key` (mode 0600), which the first process that stages an entry makes. It only
 * guards entries on their way into the log: losing it refuses the entries pending at that moment, never an
 * integrated one. See docs/record-log.md.
 */
export const STAGING_KEY_FILE = 'log-staging.key';
export const STAGING_KEY_SIZE = 32;
/** Domain separation: this MAC is for staged record-log entries and nothing else. */
const CONTEXT = 'sanxiang record-log staging v1\n';

export interface StagingKey {
  /** The MAC of a staged entry for the audit row `eventId`. */
  mac(eventId: string, entry: Uint8Array): Uint8Array;
  /** Whether `mac` is that MAC (constant time). */
  verify(eventId: string, entry: Uint8Array, mac: Uint8Array | null): boolean;
}

export function stagingKeyOf(secret: Uint8Array): StagingKey {
  if (secret.length !== STAGING_KEY_SIZE) {
    throw new AppError('LOG_STAGING_KEY_UNAVAILABLE', {
      detail: `记录日志暂存密钥应为 ${STAGING_KEY_SIZE} 字节`,
    });
  }
  const key = Buffer.from(secret);
  const mac = (eventId: string, entry: Uint8Array) =>
    new Uint8Array(createHmac('sha256', key).update(CONTEXT).update(`${eventId}\n`).update(entry).digest());
  return {
    mac,
    verify: (eventId, entry, given) => {
      if (given === null || given.length !== 32) return false;
      return timingSafeEqual(mac(eventId, entry), given);
    },
  };
}

type KeyConfig = Pick<Config, 'dataDir' | 'logStagingKey'>;

export const stagingKeyFile = (config: Pick<Config, 'dataDir'>): string =>
  path.join(config.dataDir, STAGING_KEY_FILE);

const fromBase64 = (text: string, where: string): StagingKey => {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== STAGING_KEY_SIZE || bytes.toString('base64') !== text.trim()) {
    throw new AppError('LOG_STAGING_KEY_UNAVAILABLE', {
      detail: `${where} 应为 ${STAGING_KEY_SIZE} 字节密钥的 base64`,
    });
  }
  return stagingKeyOf(bytes);
};

function readKeyFile(file: string): string {
  // As for the signing key: a key file others can read is refused, not used.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError('LOG_STAGING_KEY_UNAVAILABLE', {
      detail: `记录日志暂存密钥文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * The configured key, or the key file; with `create`, a missing file is made (mode 0600). Without it
 * (`sanxiang verify`), a missing key is `null`: verify then cannot check the MACs of pending entries and
 * says so.
 */
export function loadStagingKey(config: KeyConfig, options: { create: true }): StagingKey;
export function loadStagingKey(config: KeyConfig, options: { create: boolean }): StagingKey | null;
export function loadStagingKey(config: KeyConfig, options: { create: boolean }): StagingKey | null {
  if (config.logStagingKey) return fromBase64(config.logStagingKey, 'LOG_STAGING_KEY');
  const file = stagingKeyFile(config);
  if (fs.existsSync(file)) return fromBase64(readKeyFile(file), file);
  if (!options.create) return null;
  const text = randomBytes(STAGING_KEY_SIZE).toString('base64');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fromBase64(readKeyFile(file), file);
  }
  return fromBase64(text, file);
}
