import { describe, expect, it } from 'vitest';
import { isPhoneNumber } from './phone.rules.ts';

describe('a telephone number as people write it (ITU-T E.164: at most 15 digits)', () => {
  it('takes mobiles, landlines, service numbers, +86, separators, full-width digits and extensions', () => {
    for (const phone of [
      '13812345678',
      '138 1234 5678',
      '+86 138-1234-5678',
      '0086 13812345678',
      '0734-8212345',
      '(0734) 821 2345',
      '（0734）8212345',
      '0734-8212345转8021',
      '12345',
      '400-123-4567',
      '１３８１２３４５６７８',
    ])
      expect(isPhoneNumber(phone), phone).toBe(true);
  });

  it('refuses letters, too few or too many digits, and stray signs', () => {
    for (const phone of [
      'abc',
      'not-a-phone',
      '138abc45678',
      '1234',
      '1234567890123456',
      '+',
      '--',
      '138+1234',
    ])
      expect(isPhoneNumber(phone), phone).toBe(false);
  });
});
