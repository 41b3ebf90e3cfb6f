import { describe, expect, it } from 'vitest';
import { bytesEqual, decodeBase64, encodeBase64, hasControlCharacter } from './bytes.ts';

describe('strict base64 (RFC 4648 §4)', () => {
  it('decodes canonical padded base64', () => {
    expect([...decodeBase64('AQID')!]).toEqual([1, 2, 3]);
    expect([...decodeBase64('AQI=')!]).toEqual([1, 2]);
    expect([...decodeBase64('AQ==')!]).toEqual([1]);
    expect([...decodeBase64('')!]).toEqual([]);
    expect(encodeBase64(Uint8Array.of(1, 2))).toBe('AQI=');
  });

  it.each([
    'AQ',
    'AQI',
    'AQ=',
    'AQ===',
    'AR==',
    'AQJ=',
    'A-_=',
    'AQ==AQ==',
    ' AQID',
    'AQID\n',
    'AQ\nID',
    '====',
    'A===',
  ])('rejects %j', (text) => {
    expect(decodeBase64(text)).toBeNull();
  });
});

describe('byte and text helpers', () => {
  it('compares bytes and finds control characters', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
    expect(hasControlCharacter('a\nb', true)).toBe(false);
    expect(hasControlCharacter('a\nb', false)).toBe(true);
    expect(hasControlCharacter('a\tb', true)).toBe(true);
    expect(hasControlCharacter('a\u007fb—', true)).toBe(false);
  });
});
