/**
 * Finding natural persons' data in text to be published. What must go is set by 浙江 interim measures §7
 * [local] and 个人信息保护法 (mask when publishing): home address, contact numbers, ID numbers and bank
 * accounts of natural persons, names of natural persons; bank accounts of organisations. Organisations'
 * names and unified social credit codes stay. Numbers are found by their shape and check characters;
 * names, addresses and organisations' accounts come from the case's records. Every one is looked for in
 * the forms of text-forms.rules.ts, whatever the spelling: full-width, spaced, dashed, dotted, and
 * addresses with Chinese numerals; a home address is also found after the words for it (住址, 家住, ...).
 */
import { creditCodeProblem } from '../org/credit-code.rules.ts';
import {
  addressForm,
  nameForm,
  numberForm,
  originalSpan,
  widthForm,
  type TextForm,
} from './text-forms.rules.ts';

export type PersonalDataKind = 'name' | 'address' | 'id_number' | 'mobile' | 'landline' | 'bank_account';

export const personalDataKinds: readonly PersonalDataKind[] = [
  'name',
  'address',
  'id_number',
  'mobile',
  'landline',
  'bank_account',
];

export const personalDataKindLabels: Record<PersonalDataKind, string> = {
  name: '自然人姓名',
  address: '住址',
  id_number: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话',
  bank_account: '银行账号',
};

/** What the case knows about its people, so their exact strings can be found. */
export interface PersonalRecords {
  naturalPersons?: readonly { name: string; addresses?: readonly string[] }[];
  /** Names and credit codes stay even where they look like personal data; bank accounts go (浙江 §7). */
  organisations?: readonly { name: string; creditCode?: string; bankAccounts?: readonly string[] }[];
}

/** A found item: UTF-16 offsets into the text, `end` exclusive. */
export interface Span {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: the check character of an 18-digit citizen ID number (weights 2^(17-i) mod 11). */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11);
}

function realDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** GB 11643-1999 layout: 6-digit address code, 8-digit birth date, 3-digit sequence, check character. */
export function hasIdNumberShape(s: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  return y >= 1880 && y <= 2099 && realDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)));
}

export function isValidIdNumber(s: string): boolean {
  return hasIdNumberShape(s) && idNumberCheckCharacter(s.slice(0, 17)) === s.charAt(17).toUpperCase();
}

/** The 15-digit ID numbers issued before 1999: 6-digit address code, birth date YYMMDD (19YY), sequence. */
export function hasOldIdNumberShape(s: string): boolean {
  return (
    /^[1-9]\d{14}$/.test(s) &&
    realDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)))
  );
}

/** ISO/IEC 7812 (Luhn) check of a bank card number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * An 18-character number is masked as an ID number when it has the ID layout (a real birth date in
 * place). A wrong check character does not save it (a mistyped ID number still points at its holder),
 * unless the string is then a valid credit code (GB 32100), which stays. A string valid as both is masked.
 */
function isIdNumber(token: string): boolean {
  if (hasIdNumberShape(token)) return isValidIdNumber(token) || creditCodeProblem(token) !== null;
  return token.length === 15 && hasOldIdNumberShape(token);
}

/** Which form a detector reads: the width form, or the number form with the separators out. */
type FormName = 'width' | 'number';

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  forms: readonly FormName[];
  accept?: (match: string) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * In priority order: a span overlapping one found earlier is dropped. Digit runs never start or end
 * mid-number. Each reads the width form (so two numbers side by side stay two) and, for IDs and phones,
 * the number form too (so 139 3920 0965, 139.3920.0965 and 4304 2119 7908 1479 14 are whole numbers).
 * Bank cards are read in the width form only: dates with dots or dashes run together would pass the
 * Luhn check one time in ten.
 */
const detectors: readonly Detector[] = [
  {
    kind: 'id_number',
    pattern: /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])/g,
    forms: ['width', 'number'],
    accept: isIdNumber,
  },
  // Bank cards: 16–19 digits, run together or in groups of four, passing the Luhn check.
  {
    kind: 'bank_account',
    pattern: /(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?!\d)/g,
    forms: ['width'],
    accept: (m) => luhnValid(digitsOf(m)),
  },
  // Any account number right after the word for it, whatever its length or check.
  {
    kind: 'bank_account',
    pattern: /(?<=(?:账号|帳號|帐号|账户|帐户|卡号)[:\s]{0,3})\d(?:[ -]?\d){7,29}/g,
    forms: ['width'],
  },
  // Mainland mobiles 1[3-9]x-xxxx-xxxx, with or without +86/0086/86.
  {
    kind: 'mobile',
    pattern: /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g,
    forms: ['width', 'number'],
  },
  // Landlines: area code 0xx or 0xxx (in brackets, or followed by a dash, a space or nothing), 7–8 digits.
  {
    kind: 'landline',
    pattern: /(?<!\d)(?:\(0\d{2,3}\)[ -]?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转)\d{1,5})?(?!\d)/g,
    forms: ['width', 'number'],
  },
];

// 个人信息保护法 §28: a home address follows the words for it; house numbers in Arabic digits (address form).
// The label and its colon stay; group 1, the address, goes. Longer labels first (现住址 before 现住).
const ADDRESS_AFTER_LABEL =
  /(?:家庭住址|现住址|住址|居住地址|居住地|户籍地址|户籍所在地|户籍地|现住|家住)(?:[:]|为|是)?([^\d,。;、\n()]{0,60}?\d+(?:号|栋|幢|单元|室|组|楼)(?:[^\d,。;、\n()]{0,6}\d+(?:号|栋|幢|单元|室|组|楼|层))*)/dg;

/** Every occurrence of the strings in the form the text is read in, as spans of the original. */
function exactSpans(
  form: TextForm,
  toForm: (s: string) => TextForm,
  kind: PersonalDataKind,
  strings: readonly string[],
): Span[] {
  const needles = [...new Set(strings.map((s) => toForm(s).text))].filter((x) => x.length > 0);
  const spans: Span[] = [];
  for (const s of needles.sort((a, b) => b.length - a.length)) {
    for (let at = form.text.indexOf(s); at !== -1; at = form.text.indexOf(s, at + s.length))
      spans.push({ kind, ...originalSpan(form, at, at + s.length) });
  }
  return spans;
}

function patternSpans(
  form: TextForm,
  kind: PersonalDataKind,
  pattern: RegExp,
  accept?: (m: string) => boolean,
) {
  // A pattern with a group (and the d flag) finds the group; one without, the whole match.
  return [...form.text.matchAll(pattern)]
    .filter((m) => !accept || accept(m[0]))
    .map((m): Span => {
      const [start, end] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
      return { kind, ...originalSpan(form, start, end) };
    });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Every piece of personal data in the text, of the kinds asked for, in text order. Organisations' names
 * and credit codes from the records are reserved first, so nothing inside them is touched; then recorded
 * strings, then patterns, then names (a name inside a recorded address goes with the address).
 */
export function findPersonalData(
  text: string,
  records: PersonalRecords = {},
  kinds: readonly PersonalDataKind[] = personalDataKinds,
): Span[] {
  const persons = records.naturalPersons ?? [];
  const orgs = records.organisations ?? [];
  const forms = { width: widthForm(text), number: numberForm(text) };
  const names = nameForm(text);
  const addressed = addressForm(text);
  const kept = orgs.flatMap((o) => (o.creditCode ? [o.name, o.creditCode] : [o.name]));
  const taken: { start: number; end: number }[] = exactSpans(names, nameForm, 'name', kept);
  const addresses = persons.flatMap((p) => p.addresses ?? []);
  const accounts = orgs.flatMap((o) => o.bankAccounts ?? []);
  const personNames = persons.map((p) => p.name);
  const candidates = [
    ...exactSpans(addressed, addressForm, 'address', addresses),
    ...patternSpans(addressed, 'address', ADDRESS_AFTER_LABEL),
    ...exactSpans(forms.number, numberForm, 'bank_account', accounts),
    ...detectors.flatMap((d) => d.forms.flatMap((f) => patternSpans(forms[f], d.kind, d.pattern, d.accept))),
    ...exactSpans(names, nameForm, 'name', personNames),
  ];
  const found: Span[] = [];
  for (const span of candidates) {
    if (!kinds.includes(span.kind) || taken.some((t) => overlaps(t, span))) continue;
    taken.push(span);
    found.push(span);
  }
  return found.sort((a, b) => a.start - b.start);
}
