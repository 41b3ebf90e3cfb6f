import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import {
  generateNoteKeys,
  parseSignerKey,
  verifierKeyOf,
  type NoteSigner,
} from '../../platform/record-log/note.ts';

/**
 * The agency's push key (docs/county-push.md "Roles and keys"): Ed25519 in C2SP signed-note form (type
 * 0x01), named `<log origin>/push`, kept in `DATA_DIR/push-signing.key` (mode 0600), made at first use and
 * refused when others can read it, as the log key is (record-log/signing-key.ts). It signs the batches;
 * the platform pins its verifier key at registration.
 */
export const PUSH_KEY_FILE = 'push-signing.key';

export interface PushKey {
  readonly signers: readonly NoteSigner[];
  readonly verifierKeys: readonly string[];
}

export const pushKeyFile = (config: Pick<Config, 'dataDir'>): string =>
  path.join(config.dataDir, PUSH_KEY_FILE);

export const pushKeyName = (logOrigin: string): string => `${logOrigin}/push`;

function fromText(text: string, file: string): PushKey {
  try {
    const skeys = text.split(/\s+/).filter((k) => k.length > 0);
    if (skeys.length === 0) throw new Error('empty');
    return { signers: skeys.map(parseSignerKey), verifierKeys: skeys.map(verifierKeyOf) };
  } catch (err) {
    throw new AppError('PUSH_KEY_UNAVAILABLE', {
      detail: `推送签名密钥文件 ${file} 无法读取：${String(err)}`,
    });
  }
}

function readKeyFile(file: string): PushKey {
  // Like ssh with its private keys: a key file others can read is refused, not used.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError('PUSH_KEY_UNAVAILABLE', {
      detail: `推送签名密钥文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  return fromText(fs.readFileSync(file, 'utf8'), file);
}

/** The push key of this data directory, made (once, even with two processes racing) if missing. */
export function loadPushKey(config: Pick<Config, 'dataDir'>, logOrigin: string): PushKey {
  const file = pushKeyFile(config);
  if (fs.existsSync(file)) return readKeyFile(file);
  const { signerKey } = generateNoteKeys(pushKeyName(logOrigin));
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file);
  }
  return fromText(signerKey, file);
}
