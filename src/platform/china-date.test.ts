import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from './china-date.ts';

describe('China dates, whatever the machine’s time zone', () => {
  it('after 16:00 UTC it is already the next day in China', () => {
    expect(chinaDate(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
  });

  it('before 16:00 UTC it is the same day in China', () => {
    expect(chinaDate(new Date('2026-12-02T15:59:59Z'))).toBe('2026-12-02');
  });

  it('midnight in China is 16:00 UTC the day before', () => {
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00');
  });
});
