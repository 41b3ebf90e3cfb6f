import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { STAGING_KEY_FILE, loadStagingKey, stagingKeyOf } from './staging-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-staging-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const entry = new TextEncoder().encode('{"kind":"org.person_updated"}');
const eventId = '01900000-0000-7000-8000-000000000001';

describe('the record log staging key', () => {
  it('is made at first start under DATA_DIR with mode 0600, then reused; verify without it gets none', () => {
    const dir = tempDir();
    expect(loadStagingKey({ dataDir: dir, logStagingKey: undefined }, { create: false })).toBeNull();
    const made = loadStagingKey({ dataDir: dir, logStagingKey: undefined }, { create: true });
    const file = path.join(dir, STAGING_KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadStagingKey({ dataDir: dir, logStagingKey: undefined }, { create: false });
    expect(again?.verify(eventId, entry, made.mac(eventId, entry))).toBe(true);
  });

  it('refuses a key file others can read, and a configured key of the wrong size', () => {
    const dir = tempDir();
    loadStagingKey({ dataDir: dir, logStagingKey: undefined }, { create: true });
    if (process.platform !== 'win32') {
      fs.chmodSync(path.join(dir, STAGING_KEY_FILE), 0o644);
      expect(() => loadStagingKey({ dataDir: dir, logStagingKey: undefined }, { create: false })).toThrow(
        AppError,
      );
    }
    expect(() =>
      loadStagingKey(
        { dataDir: tempDir(), logStagingKey: Buffer.alloc(16).toString('base64') },
        { create: true },
      ),
    ).toThrow(AppError);
  });

  it('binds the MAC to the key, the event id and every byte of the entry', () => {
    const key = stagingKeyOf(new Uint8Array(32).fill(1));
    const mac = key.mac(eventId, entry);
    expect(key.verify(eventId, entry, mac)).toBe(true);
    expect(stagingKeyOf(new Uint8Array(32).fill(2)).verify(eventId, entry, mac)).toBe(false);
    expect(key.verify('01900000-0000-7000-8000-000000000002', entry, mac)).toBe(false);
    expect(key.verify(eventId, new Uint8Array([...entry, 0x20]), mac)).toBe(false);
    expect(key.verify(eventId, entry, null)).toBe(false);
    expect(key.verify(eventId, entry, mac.subarray(0, 16))).toBe(false);
  });
});
