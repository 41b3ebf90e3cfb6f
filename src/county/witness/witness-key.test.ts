import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { generateCosignerKey, parseCosignerKey } from './cosigner-key.ts';
import { WITNESS_KEY_FILE, loadWitnessKey } from './witness-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-witness-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the witness key', () => {
  it('is made at first use under DATA_DIR with mode 0600, then reused', () => {
    const dataDir = tempDir();
    const first = loadWitnessKey({ dataDir });
    const file = path.join(dataDir, WITNESS_KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.name).toMatch(/^sanxiang\.invalid\/witness\/[0-9a-f]{8}$/);
    expect(loadWitnessKey({ dataDir }).verifierKey).toBe(first.verifierKey);
  });

  it('keeps a name given beforehand, and refuses a file others can read', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, WITNESS_KEY_FILE);
    fs.writeFileSync(file, `${generateCosignerKey('county.example.gov.cn/witness')}\n`, { mode: 0o600 });
    expect(loadWitnessKey({ dataDir }).name).toBe('county.example.gov.cn/witness');
    if (process.platform === 'win32') return;
    fs.chmodSync(file, 0o644);
    expect(() => loadWitnessKey({ dataDir })).toThrow(AppError);
  });

  it('refuses a key string whose key ID does not match, or of another type', () => {
    const key = generateCosignerKey('w.example/w1');
    const [prefix, plus, name, id] = key.split('+', 4) as [string, string, string, string];
    const rest = key.slice(`${prefix}+${plus}+${name}+${id}+`.length);
    expect(() => parseCosignerKey(`${prefix}+${plus}+${name}+00000000+${rest}`)).toThrow(/key ID/);
    const note = `PRIVATE+KEY+w.example/w1+${id}+${Buffer.concat([Buffer.of(0x01), Buffer.from(rest, 'base64').subarray(1)]).toString('base64')}`;
    expect(() => parseCosignerKey(note)).toThrow(/0x04/);
  });
});
