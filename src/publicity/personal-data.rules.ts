/**
 * Finding natural persons' data in text to be published. What must go is set by 浙江 interim measures §7
 * [local] and 个人信息保护法 (mask when publishing): home address, contact numbers, ID numbers and bank
 * accounts of natural persons, names of natural persons; bank accounts of organisations. Organisations'
 * names and unified social credit codes stay. Numbers are found by their shape and check characters;
 * names, addresses and organisations' accounts come from the case's records as exact strings.
 */
import { creditCodeProblem } from '../org/credit-code.rules.ts';

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

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  accept?: (match: string) => boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** In priority order: a span overlapping one found earlier is dropped. Digit runs never start or end mid-number. */
const detectors: readonly Detector[] = [
  { kind: 'id_number', pattern: /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])/g, accept: isIdNumber },
  // Bank cards: 16–19 digits, run together or in groups of four, passing the Luhn check.
  {
    kind: 'bank_account',
    pattern: /(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?!\d)/g,
    accept: (m) => luhnValid(digitsOf(m)),
  },
  // Any account number right after the word for it, whatever its length or check.
  { kind: 'bank_account', pattern: /(?<=(?:账号|帳號|帐号|账户|帐户|卡号)[：:\s]{0,3})\d(?:[ -]?\d){7,29}/g },
  // Mainland mobiles 1[3-9]x-xxxx-xxxx, with or without +86/0086/86 and single spaces or dashes.
  { kind: 'mobile', pattern: /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g },
  // Landlines: area code 0xx or 0xxx (in brackets, or followed by a dash, a space or nothing), 7–8 digits.
  {
    kind: 'landline',
    pattern: /(?<!\d)(?:[(（]0\d{2,3}[)）][ -]?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转)\d{1,5})?(?!\d)/g,
  },
];

function exactSpans(text: string, kind: PersonalDataKind, strings: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const s of [...new Set(strings)].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + s.length))
      spans.push({ kind, start: at, end: at + s.length });
  }
  return spans;
}

function patternSpans(text: string, d: Detector): Span[] {
  return [...text.matchAll(d.pattern)]
    .filter((m) => !d.accept || d.accept(m[0]))
    .map((m) => ({ kind: d.kind, start: m.index, end: m.index + m[0].length }));
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
  const kept = orgs.flatMap((o) => (o.creditCode ? [o.name, o.creditCode] : [o.name]));
  const taken: { start: number; end: number }[] = exactSpans(text, 'name', kept);
  const addresses = persons.flatMap((p) => p.addresses ?? []);
  const accounts = orgs.flatMap((o) => o.bankAccounts ?? []);
  const names = persons.map((p) => p.name.trim());
  const candidates = [
    ...exactSpans(text, 'address', addresses),
    ...exactSpans(text, 'bank_account', accounts),
    ...detectors.flatMap((d) => patternSpans(text, d)),
    ...exactSpans(text, 'name', names),
  ];
  const found: Span[] = [];
  for (const span of candidates) {
    if (!kinds.includes(span.kind) || taken.some((t) => overlaps(t, span))) continue;
    taken.push(span);
    found.push(span);
  }
  return found.sort((a, b) => a.start - b.start);
}
