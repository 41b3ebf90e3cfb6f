import { describe, expect, it } from 'vitest';
import { contentRange, parseRange } from './byte-range.ts';

describe('byte ranges (RFC 9110 §14)', () => {
  const size = 1000;

  it('serves the whole file without a Range, or with a unit it does not know, or several ranges', () => {
    expect(parseRange(undefined, size)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-5', size)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,5-6', size)).toEqual({ kind: 'whole' });
  });

  it('reads first-last, open-ended and suffix ranges, clamped to the file', () => {
    expect(parseRange('bytes=0-499', size)).toEqual({ kind: 'partial', start: 0, end: 499 });
    expect(parseRange('bytes=500-', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=-200', size)).toEqual({ kind: 'partial', start: 800, end: 999 });
    expect(parseRange('bytes=900-5000', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=999-999', size)).toEqual({ kind: 'partial', start: 999, end: 999 });
    expect(parseRange(' Bytes = 1-2 ', size)).toEqual({ kind: 'partial', start: 1, end: 2 });
    expect(parseRange('bytes=0-99999999999999999999999', size)).toEqual({
      kind: 'partial',
      start: 0,
      end: 999,
    });
  });

  it('refuses ranges past the end, backwards, empty or malformed', () => {
    for (const header of [
      'bytes=1000-',
      'bytes=1000-2000',
      'bytes=5-4',
      'bytes=-0',
      'bytes=-',
      'bytes=a-b',
      'bytes',
    ]) {
      expect(parseRange(header, size), header).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseRange('bytes=99999999999999999999-', size)).toEqual({ kind: 'unsatisfiable' });
  });

  it('writes Content-Range for a partial and an unsatisfiable answer', () => {
    expect(contentRange({ kind: 'partial', start: 0, end: 499 }, size)).toBe('bytes 0-499/1000');
    expect(contentRange({ kind: 'unsatisfiable' }, size)).toBe('bytes */1000');
    expect(contentRange({ kind: 'whole' }, size)).toBeUndefined();
  });
});
