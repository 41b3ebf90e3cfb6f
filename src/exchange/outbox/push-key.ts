import path from 'node:path';
import type { Config } from '../../platform/config.ts';
import { loadPrivateKeyFile } from '../../platform/private-key-file.ts';
import {
  generateNoteKeys,
  parseSignerKey,
  verifierKeyOf,
  type NoteSigner,
} from '../../platform/record-log/note.ts';

/**
 * The agency's push key (docs/county-push.md "Roles and keys"): Ed25519 in C2SP signed-note form, named
 * `<log origin>/push`, kept in `DATA_DIR/push-signing.key` (mode 0600) and made at first use as the log key
 * is (record-log/signing-key.ts). The sender signs its batches with it; the platform pins its verifier key,
 * served at `/county/push-key` and printed by `sanxiang upstream pairing-info`.
 */
export const PUSH_KEY_FILE = 'push-signing.key';

export interface PushKey {
  /** The first key signs the pairing's and the batches' notes; during a rotation every key signs. */
  readonly signer: NoteSigner;
  readonly signers: readonly NoteSigner[];
  /** `<name>+<key ID>+<base64>` of the first key: what the platform registers. */
  readonly verifierKey: string;
  readonly verifierKeys: readonly string[];
}

export const pushKeyFile = (config: Pick<Config, 'dataDir'>): string =>
  path.join(config.dataDir, PUSH_KEY_FILE);

/** The key's name: the log's origin with `/push` (an origin has no space or `+`, so it names a key). */
export const pushKeyName = (logOrigin: string): string => `${logOrigin}/push`;

/** One signer key per line (or white space); two during a rotation. */
function fromSignerKeys(text: string): PushKey {
  const skeys = text.split(/\s+/).filter((k) => k.length > 0);
  if (skeys.length === 0) throw new Error('empty');
  const signers = skeys.map(parseSignerKey);
  const verifierKeys = skeys.map(verifierKeyOf);
  return { signer: signers[0]!, signers, verifierKey: verifierKeys[0]!, verifierKeys };
}

/** The push key of this data directory, made (once, even with two processes racing) if missing. */
export function loadPushKey(config: Pick<Config, 'dataDir'>, logOrigin: string): PushKey {
  return loadPrivateKeyFile({
    dir: config.dataDir,
    file: PUSH_KEY_FILE,
    label: '推送签名密钥',
    code: 'PUSH_KEY_UNAVAILABLE',
    generate: () => generateNoteKeys(pushKeyName(logOrigin)).signerKey,
    parse: fromSignerKeys,
  });
}

/** Loads the key at the first call and keeps it (the routes' and the sender's "made at first use"). */
export function lazyPushKey(config: Pick<Config, 'dataDir'>, logOrigin: () => string): () => PushKey {
  let key: PushKey | undefined;
  return () => (key ??= loadPushKey(config, logOrigin()));
}
