import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  hasOldIdNumberShape,
  idNumberCheckCharacter,
  isValidIdNumber,
  luhnValid,
} from './personal-data.rules.ts';

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
