import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { generateCosignerKey, parseCosignerKey, type CosignerKey } from './cosigner-key.ts';

/**
 * The witness's key: kept in `DATA_DIR/witness-signing.key` (mode 0600), made at first use as the log's key
 * is (record-log/signing-key.ts). Its name is random under `.invalid` (RFC 6761) unless the file is made
 * beforehand with another name; the verifier key is served at `/witness/key` (docs/county.md).
 */
export const WITNESS_KEY_FILE = 'witness-signing.key';

export const witnessKeyFile = (config: Pick<Config, 'dataDir'>): string =>
  path.join(config.dataDir, WITNESS_KEY_FILE);

const defaultWitnessName = (): string => `sanxiang.invalid/witness/${randomBytes(4).toString('hex')}`;

function readKeyFile(file: string): CosignerKey {
  // Like ssh with its private keys: a key file others can read is refused, not used.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError('WITNESS_KEY_UNAVAILABLE', {
      detail: `见证签名密钥文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  try {
    return parseCosignerKey(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('WITNESS_KEY_UNAVAILABLE', {
      detail: `见证签名密钥文件 ${file} 无法读取：${String(err)}`,
    });
  }
}

/** The witness key of this data directory, made (once, even with two processes racing) if missing. */
export function loadWitnessKey(config: Pick<Config, 'dataDir'>): CosignerKey {
  const file = witnessKeyFile(config);
  if (fs.existsSync(file)) return readKeyFile(file);
  const signerKey = generateCosignerKey(defaultWitnessName());
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file);
  }
  return parseCosignerKey(signerKey);
}

/** Loads the key at the first call and keeps it (the routes' "created on first use"). */
export function lazyWitnessKey(config: Pick<Config, 'dataDir'>): () => CosignerKey {
  let key: CosignerKey | undefined;
  return () => (key ??= loadWitnessKey(config));
}
