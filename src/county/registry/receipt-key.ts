import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { loadPrivateKeyFile } from '../../platform/private-key-file.ts';
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

/** The receipt key of this data directory, made (once, even with two processes racing) if missing. */
export function loadReceiptKey(config: Pick<Config, 'dataDir'>): ReceiptKey {
  return loadPrivateKeyFile({
    dir: config.dataDir,
    file: RECEIPT_KEY_FILE,
    label: '回执签名密钥',
    code: 'COUNTY_RECEIPT_KEY_UNAVAILABLE',
    generate: () => generateNoteKeys(receiptKeyName(loadWitnessKey(config).name)).signerKey,
    parse: fromSignerKey,
  });
}

/** Loads the key at the first call and keeps it ("made at first use"). */
export function lazyReceiptKey(config: Pick<Config, 'dataDir'>): () => ReceiptKey {
  let key: ReceiptKey | undefined;
  return () => (key ??= loadReceiptKey(config));
}
