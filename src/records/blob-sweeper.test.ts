import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, localBlobStore, PARTIAL_UPLOADS_DIR } from './blob-store.ts';
import { sweepPartialUploads } from './blob-sweeper.ts';

const HOUR = 60 * 60 * 1000;

describe('the sweep of partial uploads at start-up', () => {
  let root: string;
  let tmp: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-sweep-'));
    tmp = path.join(root, PARTIAL_UPLOADS_DIR);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A temporary file as a crashed upload leaves it, last written `ageMs` ago. */
  const leftover = (ageMs: number, bytes = 'partial video', name: string = randomUUID()) => {
    fs.mkdirSync(tmp, { recursive: true });
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    const at = new Date(Date.now() - ageMs);
    fs.utimesSync(file, at, at);
    return file;
  };

  it('removes partial uploads untouched for over an hour, keeps newer ones and anything it did not name', async () => {
    const old = leftover(2 * HOUR, 'x'.repeat(1000));
    const older = leftover(30 * HOUR, 'y'.repeat(24));
    const recent = leftover(10 * 60 * 1000);
    const foreign = leftover(5 * HOUR, 'kept', 'README');
    const result = await sweepPartialUploads(root, new Date());
    expect(result).toEqual({ removed: 2, bytes: 1024 });
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(older)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(foreign)).toBe(true);
  });

  it('leaves committed blobs and an upload still streaming in alone; the upload completes', async () => {
    const blobs = localBlobStore(root);
    const done = await blobs.stage(PassThrough.from(['录像']), { maxBytes: 1024 });
    await done.commit();
    leftover(3 * HOUR);

    const source = new PassThrough();
    const staging = blobs.stage(source, { maxBytes: 1024 });
    source.write('执法');
    // The upload's temporary file exists and is being written: the sweep must not take it.
    await expect.poll(() => fs.readdirSync(tmp).length).toBe(2);
    expect(await sweepPartialUploads(root, new Date())).toMatchObject({ removed: 1 });
    source.end('记录');
    const staged = await staging;
    await staged.commit();

    expect(await blobs.size(staged.sha256)).toBe(12);
    expect(fs.readFileSync(blobPath(root, done.sha256), 'utf8')).toBe('录像');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('at start takes what a crash left a minute ago, given the idle timeout that cuts a stalled upload', async () => {
    const crashed = leftover(60 * 1000);
    const justNow = leftover(1000);
    expect(await sweepPartialUploads(root, new Date(), 30 * 1000)).toMatchObject({ removed: 1 });
    expect(fs.existsSync(crashed)).toBe(false);
    expect(fs.existsSync(justNow)).toBe(true); // the second sweep, once the idle timeout has passed
  });

  it('is a no-op for a store that never received an upload', async () => {
    expect(await sweepPartialUploads(path.join(root, 'none'), new Date())).toEqual({ removed: 0, bytes: 0 });
  });
});
