import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashInline, hashOnThread, type FileDigests } from './worker-hash.ts';

/**
 * The content-addressed store of evidence bytes (DESIGN.md "Storage"): a file is kept under its plain
 * SHA-256, `ab/cd/<sha256>`, and is never overwritten. Bytes arrive as a stream and are hashed (SHA-256
 * and SM3, GB/T 32905-2016) while they are written to a temporary file, so a multi-gigabyte video takes
 * constant memory; nothing is visible under its address until the caller commits the staged file.
 *
 * Commit is `link(2)` from the temporary file to the address: atomic, and it fails rather than replace an
 * existing file (the same bytes are already there). Files are read-only (0444) and flushed to disk before
 * they are committed. The one way bytes leave is `detach`, which only the retention disposal calls.
 */
export interface BlobDigests {
  /** Lowercase hex. */
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
}

/** Bytes received and hashed, not yet in the store. Exactly one of commit or discard should follow. */
export interface StagedBlob extends BlobDigests {
  /** Puts the bytes at their address (a no-op when the same content is there already). */
  commit(): Promise<void>;
  /** Removes the temporary file; safe to call after commit or twice. */
  discard(): Promise<void>;
}

/** Bytes taken out of their address by a disposal: purge after the disposal commits, restore if it fails. */
export interface DetachedBlob {
  purge(): Promise<void>;
  restore(): Promise<void>;
}

export interface BlobStore {
  /**
   * Streams `source` to a temporary file, hashing as it goes. Rejects (storing nothing) if the stream
   * fails. `sizeHint` (the announced length) lets a small file skip the hashing thread.
   */
  stage(source: Readable, options: { maxBytes: number; sizeHint?: number | undefined }): Promise<StagedBlob>;
  /** The stored size, or null when the bytes are not (or no longer) there. */
  size(sha256: string): Promise<number | null>;
  /** The bytes, or the inclusive byte range [start, end] of them. */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /** Moves the bytes out of their address (disposal). Null when they are not there. */
  detach(sha256: string): Promise<DetachedBlob | null>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the upload exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** `ab/cd/<sha256>` under the root: 65,536 directories keep each one small. */
export function blobPath(root: string, sha256: string): string {
  if (!HEX_SHA256.test(sha256)) throw new Error('a blob address is 64 lowercase hex digits');
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** How much is written between flushes to disk while a file streams in. */
const FLUSH_BYTES = 32 * 1024 * 1024;

/** Below this, starting a hashing thread costs more than it saves. */
const WORKER_HASH_BYTES = 8 * 1024 * 1024;

const isCode = (err: unknown, code: string): boolean => (err as { code?: unknown }).code === code;

async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

/** Flushes a directory entry (a new link or a rename) to disk. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where the blob store of a data directory lives: DATA_DIR/blobs. */
export const blobRootOf = (dataDir: string): string => path.join(dataDir, 'blobs');

/** The directory under the root where uploads stream in before they are committed (see blob-sweeper.ts). */
export const PARTIAL_UPLOADS_DIR = '.tmp';

/** A blob store in a local directory (DATA_DIR/blobs by default). Directories are made on first use. */
export function localBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, PARTIAL_UPLOADS_DIR);
  const detachedDir = path.join(root, '.disposing');

  /** Links `from` to the address unless the address exists; flushes the new entry. */
  async function linkInto(from: string, sha256: string): Promise<void> {
    const target = blobPath(root, sha256);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.promises.link(from, target);
      await syncDirectory(path.dirname(target));
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
    }
  }

  return {
    async stage(source, options) {
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      // Hashing, the slow part, runs on its own thread for anything but a small file, beside the I/O.
      const hint = options.sizeHint;
      const hashing = hint !== undefined && hint < WORKER_HASH_BYTES ? hashInline() : hashOnThread();
      let size = 0;
      let digests: FileDigests;
      const handle = await fs.promises.open(tmp, 'wx', 0o600);
      // Bytes are flushed to disk as they come (one flush at a time), so the final fsync is short.
      let flushing: Promise<void> | null = null;
      let flushError: Error | null = null;
      let unflushed = 0;
      const flush = () => {
        unflushed = 0;
        flushing = handle.datasync().then(
          () => void (flushing = null),
          (err: unknown) =>
            void ((flushError = err instanceof Error ? err : new Error(String(err))), (flushing = null)),
        );
      };
      try {
        await pipeline(
          source,
          async function* hash(chunks: AsyncIterable<Buffer | string>) {
            for await (const piece of chunks) {
              const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
              size += chunk.length;
              if (size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
              await hashing.update(chunk);
              if (flushError) throw flushError;
              unflushed += chunk.length;
              if (unflushed >= FLUSH_BYTES && !flushing) flush();
              yield chunk;
            }
            await flushing;
            if (flushError) throw flushError;
          },
          // The stream closes the handle when it finishes or fails.
          handle.createWriteStream({ highWaterMark: 1024 * 1024 }),
        );
        digests = await hashing.digest();
        // fsync is per file, not per descriptor: the bytes are on disk before anything can point at them.
        const reopened = await fs.promises.open(tmp, 'r');
        try {
          await reopened.sync();
        } finally {
          await reopened.close();
        }
        await fs.promises.chmod(tmp, 0o444);
      } catch (err) {
        await hashing.abort();
        await removeQuietly(tmp);
        throw err;
      }
      const blob = { ...digests, size };
      return {
        ...blob,
        commit: async () => {
          await linkInto(tmp, blob.sha256);
          await removeQuietly(tmp);
        },
        discard: () => removeQuietly(tmp),
      };
    },

    async size(sha256) {
      try {
        return (await fs.promises.stat(blobPath(root, sha256))).size;
      } catch (err) {
        if (isCode(err, 'ENOENT')) return null;
        throw err;
      }
    },

    read(sha256, range) {
      return fs.createReadStream(blobPath(root, sha256), {
        ...(range ? { start: range.start, end: range.end } : {}),
        highWaterMark: 1024 * 1024,
      });
    },

    async detach(sha256) {
      const address = blobPath(root, sha256);
      await fs.promises.mkdir(detachedDir, { recursive: true });
      const aside = path.join(detachedDir, `${sha256}.${randomUUID()}`);
      try {
        await fs.promises.rename(address, aside);
      } catch (err) {
        if (isCode(err, 'ENOENT')) return null;
        throw err;
      }
      return {
        purge: async () => {
          await removeQuietly(aside);
          await syncDirectory(detachedDir);
        },
        restore: async () => {
          await linkInto(aside, sha256);
          await removeQuietly(aside);
        },
      };
    },
  };
}
