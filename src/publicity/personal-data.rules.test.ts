import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskText } from './masking.rules.ts';
import {
  findPersonalData,
  hasOldIdNumberShape,
  idNumberCheckCharacter,
  isValidIdNumber,
  luhnValid,
  type PersonalDataKind,
  type PersonalRecords,
} from './personal-data.rules.ts';
import { chineseNumeral, numberForm, originalSpan } from './text-forms.rules.ts';

interface Spellings {
  records: PersonalRecords;
  found: { kind: PersonalDataKind; form: string; text: string; masked: string }[];
  kept: string[];
}

const SPELLINGS = path.resolve(import.meta.dirname, '../../test/fixtures/personal-data-spellings.json');
const spellings = JSON.parse(fs.readFileSync(SPELLINGS, 'utf8')) as Spellings;

describe('GB 11643-1999: the citizen ID number and its check character', () => {
  it('computes the check character modulo 11, 10 written X', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('33010219900101123')).toBe('4');
  });

  it('needs a real birth date in its place', () => {
    expect(isValidIdNumber('330102199001011234')).toBe(true);
    expect(isValidIdNumber('330102199002301234')).toBe(false);
    expect(hasOldIdNumberShape('330102900101123')).toBe(true);
    expect(hasOldIdNumberShape('330102901301123')).toBe(false);
  });
});

describe('ISO/IEC 7812: bank card numbers pass the Luhn check', () => {
  it('accepts a valid number and refuses one digit off', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('finding personal data (浙江 §7 [local])', () => {
  it('finds each item once, in text order, a name inside a recorded address going with the address', () => {
    const records = { naturalPersons: [{ name: '张三', addresses: ['衡县张三村1号'] }] };
    expect(findPersonalData('张三住衡县张三村1号，手机13812345678', records)).toEqual([
      { kind: 'name', start: 0, end: 2 },
      { kind: 'address', start: 3, end: 10 },
      { kind: 'mobile', start: 13, end: 24 },
    ]);
  });

  it('looks only for the kinds asked for', () => {
    expect(findPersonalData('手机13812345678，电话0571-87654321', {}, ['landline'])).toEqual([
      { kind: 'landline', start: 16, end: 29 },
    ]);
  });
});

describe('reading a text in the forms people write it (个人信息保护法 §13; 政府信息公开条例 §15)', () => {
  it('counts Chinese numerals with units and reads bare digits one by one', () => {
    expect(
      ['十八', '二十一', '十', '一百零三', '三百', '一千二百', '五〇一', '三'].map(chineseNumeral),
    ).toEqual(['18', '21', '10', '103', '300', '1200', '501', '3']);
  });

  it('maps a match in the number form back to the original characters', () => {
    const text = '电话 １３９ ３９２０ ０９６５。';
    const form = numberForm(text);
    expect(form.text).toBe('电话 13939200965。');
    const span = originalSpan(form, 3, 14);
    expect(text.slice(span.start, span.end)).toBe('１３９ ３９２０ ０９６５');
  });
});

describe('the corpus of spellings (test/fixtures/personal-data-spellings.json)', () => {
  it.each(spellings.found.map((c) => [c.kind, c.form, c] as const))(
    'finds a %s written %s',
    (kind, _form, c) => {
      expect(findPersonalData(c.text, spellings.records).map((s) => s.kind)).toEqual([kind]);
      expect(maskText(c.text, spellings.records).text).toBe(c.masked);
      expect(findPersonalData(c.masked, spellings.records)).toEqual([]);
    },
  );

  it.each(spellings.kept)('keeps %s', (text) => {
    expect(findPersonalData(text, spellings.records)).toEqual([]);
  });
});
