/**
 * How documents write amounts, dates and numbers. Pure and browser-safe.
 *
 * Amounts are integer fen (DESIGN.md "Storage"). Decisions write the amount in figures and in capital
 * numerals (大写), as receipts and bank forms do (会计基础工作规范 §52: 大写金额 with 元/角/分, ending
 * in 整 when there is no 分, a 零 for each run of zeros in the middle).
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError('an amount is a non-negative integer of fen');
}

/** 1234567 → "12,345.67" (yuan, two decimals, thousands separated). */
export function yuanText(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${yuan.toLocaleString('en-US')}.${cents}`;
}

/** Four digits (0..9999) in capitals, without leading 零; `zeroBefore` if a 零 must separate it from above. */
function groupUpper(n: number): string {
  let out = '';
  let pendingZero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[d]! + SMALL_UNITS[i]!;
  }
  return out;
}

/** The yuan part in capitals: 10005 → 壹万零伍. */
function integerUpper(yuan: number): string {
  if (yuan === 0) return '零';
  const groups: number[] = [];
  for (let n = yuan; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000);
  let out = '';
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g]!;
    if (value === 0) continue;
    const higherWritten = out !== '';
    // A zero between groups: the group is below 1000 (a leading zero) or a whole group was skipped.
    const skipped = g < groups.length - 1 && groups[g + 1] === 0;
    if (higherWritten && (value < 1000 || skipped) && !out.endsWith('零')) out += '零';
    out += groupUpper(value) + BIG_UNITS[g]!;
  }
  return out;
}

/** 1234567 fen → "壹万贰仟叁佰肆拾伍元陆角柒分"; 100000 → "壹仟元整"; 5 → "伍分". */
export function yuanUpper(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerUpper(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]!}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]!}分`;
  else out += '整';
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(isoDate: string): [number, number, number] {
  const m = DATE.exec(isoDate);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** "2026-11-28" → "2026年11月28日" (the body text of documents). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = dateParts(isoDate);
  return `${y}年${m}月${d}日`;
}

const HAN = '〇一二三四五六七八九';

function hanNumber(n: number): string {
  if (n < 10) return HAN[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : HAN[tens]!}十${ones === 0 ? '' : HAN[ones]!}`;
}

/**
 * "2026-11-28" → "二〇二六年十一月二十八日": the date under the seal of a formal document, written in
 * Chinese numerals (党政机关公文格式 GB/T 9704-2012 allowed Arabic numerals since 2012; enforcement
 * document templates still show the Chinese form, so both are offered).
 */
export function chineseNumeralDate(isoDate: string): string {
  const [y, m, d] = dateParts(isoDate);
  const year = [...String(y)].map((c) => HAN[Number(c)]!).join('');
  return `${year}年${hanNumber(m)}月${hanNumber(d)}日`;
}

/** The default number pattern: the agency's short name, the type's word, 〔year〕, serial 号. */
export function defaultNumberPattern(agencyShortName: string, word: string): string {
  return `${agencyShortName}${word}〔{year}〕{n}号`;
}

/** Fills a number pattern: `{year}` the four-digit year, `{n}` the serial (no padding), `{n:3}` padded. */
export function formatDocumentNumber(pattern: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError('a serial is a positive integer');
  return pattern
    .replaceAll('{year}', String(year))
    .replace(/\{n(?::(\d))?\}/g, (_, width: string | undefined) =>
      String(serial).padStart(width ? Number(width) : 0, '0'),
    );
}

/** What is wrong with an agency's number pattern, or null (a pattern without its serial is no pattern). */
export function numberPatternProblem(pattern: string): string | null {
  if (!/\{n(?::\d)?\}/.test(pattern)) return '文号格式须包含序号 {n}';
  if (!pattern.includes('{year}')) return '文号格式须包含年份 {year}';
  if (/[{}]/.test(pattern.replace(/\{year\}|\{n(?::\d)?\}/g, ''))) return '文号格式只能使用 {year} 与 {n}';
  if (pattern.length > 60) return '文号格式不能超过 60 个字符';
  return null;
}
