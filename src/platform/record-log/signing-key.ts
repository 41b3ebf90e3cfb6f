import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { openCheckpoint } from './checkpoint.ts';
import { generateNoteKeys, parseSignerKey, parseVerifierKey, verifierKeyOf } from './note.ts';
import type { NoteSigner } from './note.ts';

/**
 * The record log's signing keys: Ed25519 in C2SP signed-note form. Given by `LOG_SIGNING_KEY`, or kept in
 * `DATA_DIR/log-signing.key` (mode 0600), which the server makes at first start. Usually one key; during a
 * rotation two (separated by white space, one per line in the file), and every checkpoint carries a
 * signature by each (C2SP signed-note allows any number). See docs/record-log.md.
 */
export const KEY_FILE = 'log-signing.key';

export interface LogKey {
  /** The first signs first; its name is the default origin. */
  readonly signers: readonly NoteSigner[];
  /** `<name>+<key ID>+<base64>` per signer: what clients and witnesses pin (C2SP signed-note). */
  readonly verifierKeys: readonly string[];
  /**
   * The checkpoint origin: `LOG_ORIGIN`, else the key's name. C2SP tlog-tiles: the origin SHOULD be the
   * log's URL prefix without the scheme; tlog-checkpoint: without spaces or `+`, so it can name a key.
   */
  readonly origin: string;
}

type KeyConfig = Pick<Config, 'dataDir' | 'logOrigin' | 'logSigningKey'>;

export const keyFile = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, KEY_FILE);

/**
 * A name for a key made without `LOG_ORIGIN`: under `.invalid` (RFC 6761), so it can never be mistaken for
 * a real log's URL, and random, so two installations never share an origin. Set LOG_ORIGIN before the
 * first start of a log others will read.
 */
const defaultKeyName = (): string => `sanxiang.invalid/log/${randomBytes(4).toString('hex')}`;

function fromSignerKeys(text: string, config: KeyConfig): LogKey {
  const skeys = text.split(/\s+/).filter((k) => k.length > 0);
  const signers = skeys.map(parseSignerKey);
  if (!signers[0]) throw new AppError('LOG_KEY_UNAVAILABLE', { detail: '记录日志签名密钥为空' });
  return { signers, verifierKeys: skeys.map(verifierKeyOf), origin: config.logOrigin ?? signers[0].name };
}

function readKeyFile(file: string): string {
  // Like ssh with its private keys: a key file others can read is refused, not used.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError('LOG_KEY_UNAVAILABLE', {
      detail: `记录日志签名密钥文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * The configured key, or the key file. With `create`, a missing key file is made (the server's first
 * start); without it, a missing key is an error. The server passes `create: false` once its log has
 * checkpoints, so a lost key file is never silently replaced by a new key.
 */
export function loadLogKey(config: KeyConfig, options: { create: boolean }): LogKey {
  if (config.logSigningKey) return fromSignerKeys(config.logSigningKey, config);
  const file = keyFile(config);
  if (fs.existsSync(file)) return fromSignerKeys(readKeyFile(file), config);
  if (!options.create) {
    throw new AppError('LOG_KEY_UNAVAILABLE', {
      detail:
        `找不到记录日志签名密钥 ${file}。服务首次启动时会生成它；记录日志已有签名的检查点时不会自动换用新密钥：` +
        `请恢复该文件，或按 docs/record-log.md 设置 LOG_SIGNING_KEY 轮换密钥。`,
    });
  }
  const { signerKey } = generateNoteKeys(config.logOrigin ?? defaultKeyName());
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fromSignerKeys(readKeyFile(file), config);
  }
  return fromSignerKeys(signerKey, config);
}

/**
 * Why the latest checkpoint would not verify with this key and origin, or null when it does. A mismatch
 * is a key rotation or origin change (docs/record-log.md): allowed, but worth a warning at start, since
 * clients pinned to the old key or origin will not accept the next checkpoint.
 */
export function continuityProblem(latestNote: string, key: LogKey): string | null {
  try {
    openCheckpoint(latestNote, key.verifierKeys.map(parseVerifierKey), key.origin);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
