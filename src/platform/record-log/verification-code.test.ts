import { describe, expect, it } from 'vitest';
import { leafHash } from './merkle.ts';
import { checkOf, formatVerificationCode, parseVerificationCode } from './verification-code.ts';

describe('verification codes (核验码)', () => {
  const hash = leafHash(new TextEncoder().encode('{"kind":"x"}'));

  it('formats as SX-<index>-<6 Crockford base32 characters> and reads back', () => {
    const code = formatVerificationCode(1234, hash);
    expect(code).toMatch(/^SX-1234-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(parseVerificationCode(code)).toEqual({ index: 1234, check: checkOf(hash) });
  });

  it('takes the top 30 bits of the leaf hash', () => {
    expect(checkOf(Uint8Array.of(0, 0, 0, 0))).toBe('000000');
    expect(checkOf(Uint8Array.of(255, 255, 255, 255))).toBe('ZZZZZZ');
    expect(checkOf(Uint8Array.of(0, 0, 0, 4))).toBe('000001');
  });

  it('forgives case, spaces and the letters read as digits', () => {
    expect(parseVerificationCode(' sx-7-abcdo1 ')).toEqual({ index: 7, check: 'ABCD01' });
    expect(parseVerificationCode('SX-7-ABCDOI')).toEqual({ index: 7, check: 'ABCD01' });
    expect(parseVerificationCode('SX-007-ABCDEL')).toEqual({ index: 7, check: 'ABCDE1' });
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'SX-1', 'SX--ABCDEF', 'SX-1-ABCDE', 'SX-1-ABCDEFG', 'SX-1-ABCDEU', 'XX-1-ABCDEF'])
      expect(parseVerificationCode(bad)).toBeNull();
    expect(parseVerificationCode('SX-99999999999999999-ABCDEF')).toBeNull();
  });
});
