import { describe, expect, it } from 'vitest';
import { formatReceiptNumber, parseReceiptNumber } from './receipt-number.rules.ts';

describe('correction receipt numbers', () => {
  it('are 更正, the year and a six-digit serial', () => {
    expect(formatReceiptNumber(2026, 123)).toBe('GZ-2026-000123');
    expect(formatReceiptNumber(2027, 1)).toBe('GZ-2027-000001');
  });

  it('are read back however a person types them', () => {
    for (const typed of [
      'GZ-2026-000123',
      'gz-2026-123',
      ' GZ 2026 000123 ',
      'ＧＺ－２０２６－０００１２３',
      'GZ2026000123',
    ]) {
      expect(parseReceiptNumber(typed)).toBe('GZ-2026-000123');
    }
  });

  it('refuse what cannot be one', () => {
    for (const typed of [
      '',
      '01a237bb-d276-72e5-9304-b3d4dc9acac9',
      'GZ-26-1',
      'GZ-2026-1234567',
      'XX-2026-000123',
    ]) {
      expect(parseReceiptNumber(typed)).toBeNull();
    }
  });
});
