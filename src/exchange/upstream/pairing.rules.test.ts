import { describe, expect, it } from 'vitest';
import { generateCosignerKey, parseCosignerKey } from '../../county/witness/cosigner-key.ts';
import { generateNoteKeys } from '../../platform/record-log/note.ts';
import { receiptKeyProblem, upstreamUrlOf, witnessKeyProblem } from './pairing.rules.ts';

const witness = parseCosignerKey(generateCosignerKey('county.example.gov.cn/witness')).verifierKey;
const receipt = generateNoteKeys('county.example.gov.cn/receipt').verifierKey;

describe('what a pairing holds (docs/county-push.md "Pairing" step 3)', () => {
  it('the platform URL: http(s), without query, fragment or trailing slash', () => {
    expect(upstreamUrlOf('https://jiandu.example.gov.cn/')).toEqual({ url: 'https://jiandu.example.gov.cn' });
    expect(upstreamUrlOf(' http://127.0.0.1:8090 ')).toEqual({ url: 'http://127.0.0.1:8090' });
    expect(upstreamUrlOf('ftp://x.example')).toHaveProperty('problem');
    expect(upstreamUrlOf('https://x.example/?a=1')).toHaveProperty('problem');
    expect(upstreamUrlOf('不是网址')).toHaveProperty('problem');
  });

  it('the witness key: a cosignature/v1 vkey (type 0x04) whose key ID matches', () => {
    expect(witnessKeyProblem(witness)).toBeNull();
    // a plain signed-note key (type 0x01) is not a witness key
    expect(witnessKeyProblem(receipt)).toMatch(/0x04/);
    const [name, id, key] = [
      witness.split('+')[0],
      witness.split('+')[1],
      witness.split('+').slice(2).join('+'),
    ];
    const otherId = ((Number.parseInt(id!, 16) ^ 1) >>> 0).toString(16).padStart(8, '0');
    expect(witnessKeyProblem(`${name}+${otherId}+${key}`)).toMatch(/密钥编号/);
    expect(witnessKeyProblem('garbage')).toMatch(/格式/);
  });

  it('the receipt key: an Ed25519 signed-note vkey', () => {
    expect(receiptKeyProblem(receipt)).toBeNull();
    expect(receiptKeyProblem(witness)).not.toBeNull();
  });
});
