import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { generateNoteKeys, openNote, parseVerifierKey, signNote } from '../../platform/record-log/note.ts';
import { generateCosignerKey } from '../witness/cosigner-key.ts';
import { WITNESS_KEY_FILE } from '../witness/witness-key.ts';
import { RECEIPT_KEY_FILE, loadReceiptKey, receiptKeyName } from './receipt-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-receipt-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the receipt key (docs/county-push.md "Roles and keys")', () => {
  it("is named after the witness key's host: <witness name host>/receipt", () => {
    expect(receiptKeyName('county.hyx.example.gov.cn/witness')).toBe('county.hyx.example.gov.cn/receipt');
    expect(receiptKeyName('sanxiang.invalid/witness/ab12cd34')).toBe('sanxiang.invalid/receipt/ab12cd34');
    expect(receiptKeyName('county.example.gov.cn/cosigner')).toBe('county.example.gov.cn/receipt');
  });

  it('is made at first use under DATA_DIR with mode 0600, then reused, and signs type 0x01 notes', () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, WITNESS_KEY_FILE),
      `${generateCosignerKey('county.example.gov.cn/witness')}\n`,
      {
        mode: 0o600,
      },
    );
    const first = loadReceiptKey({ dataDir });
    const file = path.join(dataDir, RECEIPT_KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.verifierKey).toMatch(/^county\.example\.gov\.cn\/receipt\+[0-9a-f]{8}\+/);
    expect(loadReceiptKey({ dataDir }).verifierKey).toBe(first.verifierKey);
    const note = signNote('hello\n', [first.signer]);
    expect(openNote(note, [parseVerifierKey(first.verifierKey)]).text).toBe('hello\n');
  });

  it('refuses a file others can read', () => {
    if (process.platform === 'win32') return;
    const dataDir = tempDir();
    const file = path.join(dataDir, RECEIPT_KEY_FILE);
    fs.writeFileSync(file, `${generateNoteKeys('county.example.gov.cn/receipt').signerKey}\n`, {
      mode: 0o644,
    });
    fs.chmodSync(file, 0o644);
    expect(() => loadReceiptKey({ dataDir })).toThrow(AppError);
    fs.chmodSync(file, 0o600);
    expect(loadReceiptKey({ dataDir }).signer.name).toBe('county.example.gov.cn/receipt');
  });
});
