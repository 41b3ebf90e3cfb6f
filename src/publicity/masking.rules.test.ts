import { describe, expect, it } from 'vitest';
import {
  defaultMaskingConfig,
  findUnmaskedPersonalData,
  maskName,
  maskText,
  mayPublish,
  publicationRefusalMessages,
} from './masking.rules.ts';
import type { PersonalRecords } from './personal-data.rules.ts';

const zhang: PersonalRecords = { naturalPersons: [{ name: '张三', addresses: ['衡县城关镇解放路12号'] }] };
const masked = (text: string, records: PersonalRecords = {}) => maskText(text, records).text;

describe('a natural person’s name becomes surname + 某某 (docs/rules.md Publicity default; 浙江 §7 [local])', () => {
  it('keeps a one-character surname', () => {
    expect(maskName('张三')).toBe('张某某');
    expect(maskName('王小明')).toBe('王某某');
  });

  it('keeps a compound surname whole', () => {
    expect(maskName('欧阳娜娜')).toBe('欧阳某某');
    expect(maskName('司马光')).toBe('司马某某');
    expect(maskName('诸葛亮')).toBe('诸葛某某');
    expect(maskName('上官婉儿')).toBe('上官某某');
    expect(maskName('司徒文')).toBe('司徒某某');
  });

  it('reads a two-character name starting like a compound surname as surname + given name', () => {
    expect(maskName('欧阳')).toBe('欧某某');
  });

  it('takes a one-character name as a surname', () => {
    expect(maskName('张')).toBe('张某某');
  });

  it('keeps only the first character of a name with a middle dot (最高法 裁判文书上网规定 §9)', () => {
    expect(maskName('阿卜杜拉·艾买提')).toBe('阿某某');
  });

  it('uses the configured mask for the given name', () => {
    expect(maskName(' 张三 ', '某')).toBe('张某');
  });
});

describe('ID numbers are removed (浙江 §7 [local]; GB 11643-1999)', () => {
  it('removes an 18-digit ID number inside Chinese text without spaces', () => {
    expect(masked('当事人张三（身份证号码330102199001011234）', zhang)).toBe(
      '当事人张某某（身份证号码＊＊＊）',
    );
  });

  it('removes an ID number ending in X or x', () => {
    expect(masked('身份证11010519491231002X。')).toBe('身份证＊＊＊。');
    expect(masked('身份证11010519491231002x。')).toBe('身份证＊＊＊。');
  });

  it('removes a well-formed ID number with a wrong check character: a typo still identifies its holder', () => {
    expect(masked('身份证330102199001011235')).toBe('身份证＊＊＊');
  });

  it('removes a 15-digit old ID number, and keeps a 15-digit registration number without a birth date', () => {
    expect(masked('旧身份证330102900101123')).toBe('旧身份证＊＊＊');
    expect(masked('注册号330100000012345')).toBe('注册号330100000012345');
  });

  it('keeps a credit code that looks like an ID number but fails its check (GB 32100 valid)', () => {
    expect(masked('统一社会信用代码111101199001010060')).toBe('统一社会信用代码111101199001010060');
    expect(masked('统一社会信用代码91330106MA2CFB4Y7D')).toBe('统一社会信用代码91330106MA2CFB4Y7D');
  });

  it('removes a string valid as both, unless the records name it as an organisation’s credit code', () => {
    expect(masked('代码111101199001010868')).toBe('代码＊＊＊');
    const org = { organisations: [{ name: '衡县某机关', creditCode: '111101199001010868' }] };
    expect(masked('代码111101199001010868', org)).toBe('代码111101199001010868');
  });

  it('keeps dates, times and document numbers', () => {
    const text = '衡县市监处罚〔2026〕12号，2026-09-28 10:30:00 作出，编号20260928103000，罚款20000元。';
    expect(masked(text)).toBe(text);
  });
});

describe('contact numbers are removed (浙江 §7 [local])', () => {
  it('removes mobile numbers run together, split by spaces or dashes, with +86', () => {
    expect(masked('电话13812345678。')).toBe('电话＊＊＊。');
    expect(masked('电话138 1234 5678。')).toBe('电话＊＊＊。');
    expect(masked('电话138-1234-5678。')).toBe('电话＊＊＊。');
    expect(masked('电话+86 138 1234 5678。')).toBe('电话＊＊＊。');
    expect(masked('电话+8613812345678。')).toBe('电话＊＊＊。');
  });

  it('keeps numbers that only resemble mobiles', () => {
    expect(masked('编号12812345678，138123456789')).toBe('编号12812345678，138123456789');
  });

  it('removes landlines with an area code, in brackets or with an extension', () => {
    expect(masked('电话0571-87654321。')).toBe('电话＊＊＊。');
    expect(masked('电话（0571）8765432。')).toBe('电话＊＊＊。');
    expect(masked('电话010 62345678转8021。')).toBe('电话＊＊＊。');
  });
});

describe('bank accounts are removed, of persons and of organisations (浙江 §7 [local])', () => {
  it('removes a card number passing the Luhn check, run together or in groups of four', () => {
    expect(masked('卡4111111111111111付款')).toBe('卡＊＊＊付款');
    expect(masked('卡 6222 0212 3456 7890 12 付款')).toBe('卡 ＊＊＊ 付款');
  });

  it('keeps a 16-digit number failing the Luhn check', () => {
    expect(masked('单号4111111111111112')).toBe('单号4111111111111112');
  });

  it('removes any number right after 账号 or 账户, and an organisation’s recorded account', () => {
    expect(masked('开户银行：衡县农商银行，账号：201000123456789')).toBe(
      '开户银行：衡县农商银行，账号：＊＊＊',
    );
    const org = { organisations: [{ name: '衡县甲公司', bankAccounts: ['33050161234500000123'] }] };
    expect(masked('汇入33050161234500000123。', org)).toBe('汇入＊＊＊。');
  });
});

describe('names and home addresses from the records are masked, organisations stay (浙江 §7 [local])', () => {
  it('masks the party, third parties and the home address', () => {
    const records = { naturalPersons: [...(zhang.naturalPersons ?? []), { name: '欧阳娜娜' }] };
    expect(masked('张三住衡县城关镇解放路12号，证人欧阳娜娜在场。', records)).toBe(
      '张某某住＊＊＊，证人欧阳某某在场。',
    );
  });

  it('keeps an organisation’s name that contains a person’s name', () => {
    const records = { ...zhang, organisations: [{ name: '衡县张三小吃店' }] };
    expect(masked('衡县张三小吃店经营者张三', records)).toBe('衡县张三小吃店经营者张某某');
  });

  it('lists each replacement by kind and place in the original text, not the data', () => {
    expect(maskText('张三，电话13812345678', zhang).replacements).toEqual([
      { kind: 'name', start: 0, end: 2 },
      { kind: 'mobile', start: 5, end: 16 },
    ]);
  });

  it('masks only the configured kinds, with the configured marker', () => {
    const config = { ...defaultMaskingConfig, marker: '[已删除]', kinds: ['mobile' as const] };
    expect(maskText('张三 13812345678 0571-87654321', zhang, config).text).toBe(
      '张三 [已删除] 0571-87654321',
    );
  });
});

describe('the final guard refuses to publish while personal data remains, and says where (浙江 §7)', () => {
  it('gives the line and column of each finding', () => {
    const text = '行政处罚决定书\n当事人：张三，身份证号码330102199001011234\n联系电话：0571-87654321';
    expect(findUnmaskedPersonalData(text, zhang)).toEqual([
      { kind: 'name', line: 2, column: 5, length: 2 },
      { kind: 'id_number', line: 2, column: 13, length: 18 },
      { kind: 'landline', line: 3, column: 6, length: 13 },
    ]);
  });

  it('finds nothing in masked text', () => {
    const text = '当事人张三，住衡县城关镇解放路12号，电话138 1234 5678';
    expect(findUnmaskedPersonalData(maskText(text, zhang).text, zhang)).toEqual([]);
  });
});

describe('some decisions are not published at all', () => {
  it('refuses a warning alone (公示规定 §2)', () => {
    expect(mayPublish({ warningOnly: true })).toEqual(['WARNING_ONLY']);
  });

  it('refuses a summary-procedure decision under the market-regulation rule (公示规定 §2)', () => {
    expect(mayPublish({ summaryProcedure: true })).toEqual(['SUMMARY_PROCEDURE']);
  });

  it('refuses minors, secrets, privacy and danger to security (浙江 §5 [local])', () => {
    expect(
      mayPublish({
        involvesMinor: true,
        stateSecret: true,
        mainFactsTradeSecret: true,
        mainFactsPrivacy: true,
        endangersSecurityOrStability: true,
      }),
    ).toEqual([
      'INVOLVES_MINOR',
      'STATE_SECRET',
      'TRADE_SECRET',
      'PERSONAL_PRIVACY',
      'SECURITY_OR_STABILITY',
    ]);
    expect(publicationRefusalMessages.INVOLVES_MINOR).toBe('涉及未成年人的不予公开');
  });

  it('publishes an ordinary decision with nothing barring it', () => {
    expect(mayPublish({})).toEqual([]);
  });
});
