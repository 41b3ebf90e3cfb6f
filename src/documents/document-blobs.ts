import { createHash } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import type { BlobStore } from '../records/blob-store.ts';

/** A document's and a template's bytes in the blob store, checked against their address. */

export const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function blobBytes(blobs: BlobStore, sha256: string): Promise<Buffer> {
  if ((await blobs.size(sha256)) === null) throw new Error(`blob ${sha256} is missing from the store`);
  const bytes = await readAll(blobs.read(sha256));
  if (hex(bytes) !== sha256) throw new Error(`blob ${sha256} does not match its address`);
  return bytes;
}
