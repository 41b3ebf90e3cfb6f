import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, BlobTooLargeError, localBlobStore, type BlobStore } from './blob-store.ts';

const digest = (algorithm: string, data: string | Buffer) => createHash(algorithm).update(data).digest('hex');

describe('the local blob store', () => {
  let root: string;
  let blobs: BlobStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-blobs-'));
    blobs = localBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const tmpFiles = () =>
    fs.existsSync(path.join(root, '.tmp')) ? fs.readdirSync(path.join(root, '.tmp')) : [];

  it('hashes while it streams (SHA-256 and SM3) and stores under ab/cd/<sha256> only on commit', async () => {
    const staged = await blobs.stage(Readable.from(['执法', '记录']), { maxBytes: 1024 });
    expect(staged).toMatchObject({
      sha256: digest('sha256', '执法记录'),
      sm3: digest('sm3', '执法记录'),
      size: 12,
    });
    expect(await blobs.size(staged.sha256)).toBeNull();
    await staged.commit();
    const file = blobPath(root, staged.sha256);
    expect(path.relative(root, file)).toBe(
      path.join(staged.sha256.slice(0, 2), staged.sha256.slice(2, 4), staged.sha256),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(await blobs.size(staged.sha256)).toBe(12);
    expect(await text(blobs.read(staged.sha256, { start: 6, end: 11 }))).toBe('记录');
    expect(tmpFiles()).toEqual([]);
  });

  it('gives the same digests whether SM3 runs on a worker thread (large) or inline (small), in any chunking', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 12345);
    const chunks: Buffer[] = [];
    for (let at = 0, n = 1; at < data.length; at += n, n = (n * 7919) % 300_000 || 1) {
      chunks.push(data.subarray(at, at + n));
    }
    const expected = { sha256: digest('sha256', data), sm3: digest('sm3', data), size: data.length };
    const onWorker = await blobs.stage(Readable.from(chunks), { maxBytes: 2 ** 30 });
    const inline = await blobs.stage(Readable.from(chunks), { maxBytes: 2 ** 30, sizeHint: 1000 });
    expect(onWorker).toMatchObject(expected);
    expect(inline).toMatchObject(expected);
    await onWorker.discard();
    await inline.discard();
  });

  it('never overwrites: the same content committed twice keeps the first file', async () => {
    const first = await blobs.stage(Readable.from(['same']), { maxBytes: 1024 });
    await first.commit();
    const inode = fs.statSync(blobPath(root, first.sha256)).ino;
    const second = await blobs.stage(Readable.from(['same']), { maxBytes: 1024 });
    await second.commit();
    expect(fs.statSync(blobPath(root, first.sha256)).ino).toBe(inode);
    expect(tmpFiles()).toEqual([]);
  });

  it('stores nothing when the stream fails or runs over the limit', async () => {
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('aborted'));
      },
    });
    await expect(blobs.stage(broken, { maxBytes: 10_000 })).rejects.toThrow('aborted');
    await expect(
      blobs.stage(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 }),
    ).rejects.toThrow(BlobTooLargeError);
    expect(tmpFiles()).toEqual([]);
    const discarded = await blobs.stage(Readable.from(['not kept']), { maxBytes: 1024 });
    await discarded.discard();
    expect(tmpFiles()).toEqual([]);
    expect(await blobs.size(discarded.sha256)).toBeNull();
  });

  it('detaches bytes for a disposal: restore puts them back, purge removes them', async () => {
    const staged = await blobs.stage(Readable.from(['dispose me']), { maxBytes: 1024 });
    await staged.commit();
    const restored = await blobs.detach(staged.sha256);
    expect(await blobs.size(staged.sha256)).toBeNull();
    await restored!.restore();
    expect(await blobs.size(staged.sha256)).toBe(10);
    const purged = await blobs.detach(staged.sha256);
    await purged!.purge();
    expect(await blobs.size(staged.sha256)).toBeNull();
    expect(fs.readdirSync(path.join(root, '.disposing'))).toEqual([]);
    expect(await blobs.detach(staged.sha256)).toBeNull();
  });

  it('refuses an address that is not a SHA-256', () => {
    expect(() => blobPath(root, '../../etc/passwd')).toThrow();
  });
});
