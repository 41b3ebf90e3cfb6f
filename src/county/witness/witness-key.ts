import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { loadPrivateKeyFile } from '../../platform/private-key-file.ts';
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

/** The witness key of this data directory, made (once, even with two processes racing) if missing. */
export function loadWitnessKey(config: Pick<Config, 'dataDir'>): CosignerKey {
  return loadPrivateKeyFile({
    dir: config.dataDir,
    file: WITNESS_KEY_FILE,
    label: '见证签名密钥',
    code: 'WITNESS_KEY_UNAVAILABLE',
    generate: () => generateCosignerKey(defaultWitnessName()),
    parse: parseCosignerKey,
  });
}

/** Loads the key at the first call and keeps it (the routes' "created on first use"). */
export function lazyWitnessKey(config: Pick<Config, 'dataDir'>): () => CosignerKey {
  let key: CosignerKey | undefined;
  return () => (key ??= loadWitnessKey(config));
}
