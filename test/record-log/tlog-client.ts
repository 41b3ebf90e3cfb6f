import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * A tiny tlog client written from the specs alone — C2SP signed-note, tlog-checkpoint and tlog-tiles, and
 * RFC 6962 / RFC 9162 — importing nothing from src/. It checks our server the way any other client would.
 */

export type Fetch = (path: string) => Promise<{ status: number; body: Buffer; contentType: string }>;

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leaf = (entry: Uint8Array) => sha256(Buffer.of(0), entry);
const node = (l: Uint8Array, r: Uint8Array) => sha256(Buffer.of(1), l, r);

/** RFC 6962 §2.1 MTH, by the definition: split at the largest power of two below n. */
export function mth(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return sha256();
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return node(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

/** signed-note: verifier key `<name>+<hex id>+<base64(0x01 || key)>`; id = SHA-256(name\n0x01 key)[:4]. */
export function openNote(note: string, vkey: string): string[] {
  const [name, idHex] = vkey.split('+');
  const keyBytes = Buffer.from(vkey.slice(name!.length + idHex!.length + 2), 'base64');
  if (keyBytes[0] !== 1 || keyBytes.length !== 33) throw new Error('not an Ed25519 verifier key');
  if (
    sha256(Buffer.from(`${name}\n`), keyBytes)
      .subarray(0, 4)
      .toString('hex') !== idHex
  )
    throw new Error('key id');
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), keyBytes.subarray(1)]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const ok = note
    .slice(split + 2, -1)
    .split('\n')
    .some((line) => {
      const [dash, signer, sig] = line.split(' ');
      const raw = Buffer.from(sig ?? '', 'base64');
      return (
        dash === '\u2014' &&
        signer === name &&
        raw.subarray(0, 4).toString('hex') === idHex &&
        verify(null, Buffer.from(text), key, raw.subarray(4))
      );
    });
  if (!ok) throw new Error('no valid signature');
  return text.slice(0, -1).split('\n');
}

/** tlog-tiles path of index n: 3-digit groups, all but the last prefixed with x. */
export function indexPath(n: number): string {
  const groups: string[] = [];
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

export interface VerifiedLog {
  origin: string;
  size: number;
  root: Buffer;
  entries: Buffer[];
}

/** Reads the whole log: checkpoint, every level's tiles, every bundle; checks they all agree. */
export async function readWholeLog(fetch: Fetch, vkey: string, origin: string): Promise<VerifiedLog> {
  const checkpoint = await fetch('/log/checkpoint');
  const [lineOrigin, sizeLine, rootLine] = openNote(checkpoint.body.toString('utf8'), vkey);
  if (lineOrigin !== origin) throw new Error('wrong origin');
  const size = Number(sizeLine);
  const root = Buffer.from(rootLine!, 'base64');
  // Entry bundles: uint16 big-endian length, then the entry.
  const entries: Buffer[] = [];
  for (let n = 0; n * 256 < size; n++) {
    const width = Math.min(256, size - n * 256);
    const res = await fetch(`/log/tile/entries/${indexPath(n)}${width < 256 ? `.p/${width}` : ''}`);
    if (res.status !== 200) throw new Error(`bundle ${n}: ${res.status}`);
    for (let at = 0; at < res.body.length;) {
      const length = res.body.readUInt16BE(at);
      entries.push(res.body.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
  }
  if (entries.length !== size) throw new Error(`bundles hold ${entries.length} entries, not ${size}`);
  // Tiles, level by level: level 0 holds leaf hashes; above, each hash is the MTH of a full tile below.
  let below = entries.map(leaf);
  for (let level = 0; below.length > 0; level++) {
    const count = Math.floor(size / 256 ** level);
    if (below.length !== count) throw new Error(`level ${level}: ${below.length} hashes, expected ${count}`);
    const above: Buffer[] = [];
    for (let n = 0; n * 256 < count; n++) {
      const width = Math.min(256, count - n * 256);
      const res = await fetch(`/log/tile/${level}/${indexPath(n)}${width < 256 ? `.p/${width}` : ''}`);
      const expected = Buffer.concat(below.slice(n * 256, n * 256 + width));
      if (res.status !== 200 || !res.body.equals(expected)) throw new Error(`tile ${level}/${n} is wrong`);
      if (width === 256) above.push(mth(below.slice(n * 256, n * 256 + 256)));
    }
    below = above;
  }
  if (!mth(entries.map(leaf)).equals(root)) throw new Error('entries do not hash to the signed root');
  return { origin, size, root, entries };
}

/** RFC 9162 §2.1.3.2: verifies an inclusion proof. */
export function inclusionOk(
  index: number,
  size: number,
  leafHash: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let [fn, sn, r] = [index, size - 1, leafHash];
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else r = node(r, p);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: verifies a consistency proof. */
export function consistencyOk(m: number, n: number, proof: Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (m === n) return proof.length === 0 && root1.equals(root2);
  if (m === 0 || m > n || proof.length === 0) return false;
  const path = (m & (m - 1)) === 0 ? [root1, ...proof] : proof;
  let [fn, sn] = [m - 1, n - 1];
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let [fr, sr] = [path[0]!, path[0]!];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      [fr, sr] = [node(c, fr), node(c, sr)];
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else sr = node(sr, c);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

export const leafHashOf = leaf;
