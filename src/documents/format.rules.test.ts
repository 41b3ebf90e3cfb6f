import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseNumeralDate,
  defaultNumberPattern,
  formatDocumentNumber,
  numberPatternProblem,
  yuanText,
  yuanUpper,
} from './format.rules.ts';

describe('amounts in fen', () => {
  it('writes yuan with two decimals and separators', () => {
    expect(yuanText(0)).toBe('0.00');
    expect(yuanText(5)).toBe('0.05');
    expect(yuanText(1234567)).toBe('12,345.67');
    expect(yuanText(300000)).toBe('3,000.00');
  });

  it('会计基础工作规范 §52: capital amounts with 元角分, 整 without 分, one 零 per run of zeros', () => {
    expect(yuanUpper(1234567)).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(yuanUpper(100000)).toBe('壹仟元整');
    expect(yuanUpper(20000)).toBe('贰佰元整');
    expect(yuanUpper(1000500)).toBe('壹万零伍元整');
    expect(yuanUpper(10000000)).toBe('壹拾万元整');
    expect(yuanUpper(100010000)).toBe('壹佰万零壹佰元整');
    expect(yuanUpper(10000000000)).toBe('壹亿元整');
    expect(yuanUpper(10000010000)).toBe('壹亿零壹佰元整');
    expect(yuanUpper(12345)).toBe('壹佰贰拾叁元肆角伍分');
    expect(yuanUpper(10005)).toBe('壹佰元零伍分');
    expect(yuanUpper(10050)).toBe('壹佰元伍角整');
    expect(yuanUpper(5)).toBe('伍分');
    expect(yuanUpper(0)).toBe('零元整');
    expect(yuanUpper(5000000)).toBe('伍万元整');
  });

  it('refuses fractions and negatives (money is integer fen)', () => {
    expect(() => yuanUpper(1.5)).toThrow(RangeError);
    expect(() => yuanText(-1)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('writes the body date and the numeral date under the seal', () => {
    expect(chineseDate('2026-11-28')).toBe('2026年11月28日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseNumeralDate('2026-11-28')).toBe('二〇二六年十一月二十八日');
    expect(chineseNumeralDate('2030-10-10')).toBe('二〇三〇年十月十日');
    expect(chineseNumeralDate('2026-01-31')).toBe('二〇二六年一月三十一日');
  });
});

describe('document numbers', () => {
  it('follows the agency pattern per type and year: 衡县市监处罚〔2026〕12号', () => {
    const pattern = defaultNumberPattern('衡县市监', '处罚');
    expect(formatDocumentNumber(pattern, 2026, 12)).toBe('衡县市监处罚〔2026〕12号');
    expect(formatDocumentNumber('衡市监〔{year}〕第{n:3}号', 2027, 7)).toBe('衡市监〔2027〕第007号');
  });

  it('refuses a pattern without serial or year, or with unknown fields', () => {
    expect(numberPatternProblem('衡县市监处罚〔{year}〕号')).toMatch('{n}');
    expect(numberPatternProblem('衡县市监处罚{n}号')).toMatch('{year}');
    expect(numberPatternProblem('{agency}〔{year}〕{n}号')).toMatch('只能');
    expect(numberPatternProblem('衡县市监处罚〔{year}〕{n}号')).toBeNull();
  });
});
