import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import {
  generateNoteKeys,
  isValidKeyName,
  parseSignerKey,
  verifierKeyOf,
  type NoteSigner,
} from '../../platform/record-log/note.ts';
import { loadWitnessKey } from '../witness/witness-key.ts';

/**
 * The platform's receipt key (docs/county-push.md "Roles and keys"): an Ed25519 signed-note key (type
 * 0x01) that signs the receipts of accepted batches, kept in `DATA_DIR/county-receipt.key` (mode 0600) and
 * made at first use as the witness key is. Its name is the witness key's with `witness` replaced by
 * `receipt` (`county.hyx.example.gov.cn/witness` → `county.hyx.example.gov.cn/receipt`; the random default
 * `sanxiang.invalid/witness/ab12cd34` → `sanxiang.invalid/receipt/ab12cd34`), so both keys name one
 * platform. Its verifier key is served at `GET /county/receipt-key`.
 */
export const RECEIPT_KEY_FILE = 'county-receipt.key';

export interface ReceiptKey {
  readonly signer: NoteSigner;
  /** `<name>+<key ID>+base64(0x01 || key)`: what an agency pins when it pairs. */
  readonly verifierKey: string;
}

export const receiptKeyFile = (config: Pick<Config, 'dataDir'>): string =>
  path.join(config.dataDir, RECEIPT_KEY_FILE);

/** The receipt key's name for a witness key name (see above); `<host>/receipt` for any other shape. */
export function receiptKeyName(witnessName: string): string {
  const named = /^(.+)\/witness(\/.*)?$/.exec(witnessName);
  const name = named ? `${named[1]}/receipt${named[2] ?? ''}` : `${witnessName.split('/')[0]}/receipt`;
  if (!isValidKeyName(name)) throw new Error(`invalid receipt key name ${JSON.stringify(name)}`);
  return name;
}

function fromSignerKey(text: string): ReceiptKey {
  const skey = text.trim();
  return { signer: parseSignerKey(skey), verifierKey: verifierKeyOf(skey) };
}

function readKeyFile(file: string): ReceiptKey {
  // Like ssh with its private keys: a key file others can read is refused, not used.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new AppError('COUNTY_RECEIPT_KEY_UNAVAILABLE', {
      detail: `回执签名密钥文件 ${file} 的权限过宽，请执行 chmod 600 ${file}`,
    });
  }
  try {
    return fromSignerKey(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('COUNTY_RECEIPT_KEY_UNAVAILABLE', {
      detail: `回执签名密钥文件 ${file} 无法读取：${String(err)}`,
    });
  }
}

/** The receipt key of this data directory, made (once, even with two processes racing) if missing. */
export function loadReceiptKey(config: Pick<Config, 'dataDir'>): ReceiptKey {
  const file = receiptKeyFile(config);
  if (fs.existsSync(file)) return readKeyFile(file);
  const { signerKey } = generateNoteKeys(receiptKeyName(loadWitnessKey(config).name));
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readKeyFile(file);
  }
  return fromSignerKey(signerKey);
}

/** Loads the key at the first call and keeps it ("made at first use"). */
export function lazyReceiptKey(config: Pick<Config, 'dataDir'>): () => ReceiptKey {
  let key: ReceiptKey | undefined;
  return () => (key ??= loadReceiptKey(config));
}
