import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { openCheckpoint, signCheckpoint } from './checkpoint.ts';
import { EMPTY_ROOT } from './merkle.ts';
import { generateNoteKeys, parseVerifierKey } from './note.ts';
import { KEY_FILE, continuityProblem, loadLogKey, type LogKey } from './signing-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const config = (dataDir: string, extra: { logOrigin?: string; logSigningKey?: string } = {}) => ({
  dataDir,
  logOrigin: extra.logOrigin,
  logSigningKey: extra.logSigningKey,
});
const emptyTree = (key: LogKey) =>
  signCheckpoint({ origin: key.origin, size: 0, root: EMPTY_ROOT, extensions: [] }, key.signers);

describe('the record log signing key', () => {
  it('is made at first start under DATA_DIR with mode 0600, then reused', () => {
    const dir = tempDir();
    const made = loadLogKey(config(dir), { create: true });
    const file = path.join(dir, KEY_FILE);
    expect(fs.readFileSync(file, 'utf8')).toMatch(
      /^PRIVATE\+KEY\+sanxiang\.invalid\/log\/[0-9a-f]{8}\+[0-9a-f]{8}\+/,
    );
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadLogKey(config(dir), { create: false });
    expect(again.verifierKeys).toEqual(made.verifierKeys);
    expect(again.origin).toBe(made.signers[0]!.name);
    expect(parseVerifierKey(made.verifierKeys[0]!).name).toBe(made.origin);
    expect(continuityProblem(emptyTree(made), again)).toBeNull();
  });

  it('is named after LOG_ORIGIN, which is the origin whatever the key is called', () => {
    const named = loadLogKey(config(tempDir(), { logOrigin: 'zfj.example.gov.cn/log' }), { create: true });
    expect(named.signers[0]!.name).toBe('zfj.example.gov.cn/log');
    const other = generateNoteKeys('old-name.example/log');
    const given = loadLogKey(
      config(tempDir(), { logSigningKey: other.signerKey, logOrigin: 'new.example/log' }),
      { create: false },
    );
    expect(given.verifierKeys).toEqual([other.verifierKey]);
    expect(given.origin).toBe('new.example/log');
  });

  it('co-signs with every key given during a rotation, each verifiable alone', () => {
    const [oldKey, newKey] = [generateNoteKeys('zfj.example/log'), generateNoteKeys('zfj.example/log-2027')];
    const both = loadLogKey(
      config(tempDir(), { logSigningKey: `${oldKey.signerKey}\n${newKey.signerKey}` }),
      {
        create: false,
      },
    );
    expect(both.origin).toBe('zfj.example/log');
    const note = emptyTree(both);
    for (const vkey of [oldKey.verifierKey, newKey.verifierKey]) {
      expect(openCheckpoint(note, [parseVerifierKey(vkey)], both.origin).note.signatures).toHaveLength(1);
    }
  });

  it('is never silently replaced, and never read when others could read it too', () => {
    const dir = tempDir();
    expect(() => loadLogKey(config(dir), { create: false })).toThrow(AppError);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    if (process.platform === 'win32') return;
    loadLogKey(config(dir), { create: true });
    fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
    expect(() => loadLogKey(config(dir), { create: false })).toThrow(/chmod 600/);
  });

  it('tells when the latest checkpoint was signed by another key or for another origin', () => {
    const key = loadLogKey(config(tempDir()), { create: true });
    const other = loadLogKey(config(tempDir()), { create: true });
    expect(continuityProblem(emptyTree(other), key)).not.toBeNull();
  });
});
