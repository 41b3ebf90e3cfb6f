/**
 * The forms a text is read in when looking for personal data (个人信息保护法 §13, §51: mask when
 * publishing; 政府信息公开条例 §15: personal privacy is not disclosed). People write the same number or
 * address many ways — full-width digits (１３９), spaces, dashes and dots between digit groups
 * (139 3920 0965, 430421-19790814-7914), Chinese numerals in a house number (建设路十八号) — and a guard
 * that matches only one spelling lets the others through. Each form keeps, for every UTF-16 unit of the
 * rewritten text, the span of the original it came from, so a match in the form masks exactly the
 * original characters.
 */

export interface TextForm {
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts in the original (inclusive). */
  from: readonly number[];
  /** For each UTF-16 unit of `text`: where its source ends in the original (exclusive). */
  to: readonly number[];
}

function original(text: string): TextForm {
  const from = Array.from({ length: text.length }, (_, i) => i);
  return { text, from, to: from.map((i) => i + 1) };
}

/** Replaces each match; every unit of a replacement maps to the whole original span of the match. */
function rewrite(form: TextForm, pattern: RegExp, replace: (match: string) => string): TextForm {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  const copy = (a: number, b: number) => {
    text += form.text.slice(a, b);
    for (let i = a; i < b; i++) {
      from.push(form.from[i] ?? 0);
      to.push(form.to[i] ?? 0);
    }
  };
  let at = 0;
  for (const m of form.text.matchAll(pattern)) {
    if (m[0].length === 0) continue;
    copy(at, m.index);
    const out = replace(m[0]);
    const start = form.from[m.index] ?? 0;
    const end = form.to[m.index + m[0].length - 1] ?? start;
    text += out;
    for (let i = 0; i < out.length; i++) {
      from.push(start);
      to.push(end);
    }
    at = m.index + m[0].length;
  }
  copy(at, form.text.length);
  return { text, from, to };
}

/** The span of the original behind `[start, end)` of a form. */
export function originalSpan(form: TextForm, start: number, end: number): { start: number; end: number } {
  return { start: form.from[start] ?? 0, end: form.to[end - 1] ?? 0 };
}

/** Compatibility forms folded one character at a time (NFKC): full-width ０-９Ｘ＋－, the ideographic space. */
export function widthForm(text: string): TextForm {
  return rewrite(original(text), /[^ -~\t\n\r]/gu, (c) => c.normalize('NFKC'));
}

// Between two digits (or a digit and a final X of an ID number): up to three spaces, dashes or dots.
const DIGIT_SEPARATORS = /(?<=\d)[\s\-‐‑‒–—―−.·・]{1,3}(?=\d|[Xx](?![0-9A-Za-z]))/g;

/** For numbers: the width form with the separators between digit groups taken out. */
export function numberForm(text: string): TextForm {
  return rewrite(widthForm(text), DIGIT_SEPARATORS, () => '');
}

/** For names: the width form without whitespace (欧阳 志远 is 欧阳志远). */
export function nameForm(text: string): TextForm {
  return rewrite(widthForm(text), /\s+/g, () => '');
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A run of Chinese numerals as Arabic digits: counted (十八 → 18, 一百零三 → 103) when it has 十, 百 or
 * 千, read digit by digit (五〇一 → 501) when it has none.
 */
export function chineseNumeral(run: string): string {
  const chars = [...run];
  if (!chars.some((c) => c in CHINESE_UNITS)) return chars.map((c) => CHINESE_DIGITS[c] ?? '').join('');
  let total = 0;
  let pending = 0;
  for (const c of chars) {
    const unit = CHINESE_UNITS[c];
    if (unit === undefined) pending = CHINESE_DIGITS[c] ?? 0;
    else {
      total += (pending || 1) * unit;
      pending = 0;
    }
  }
  return String(total + pending);
}

/** For addresses: the name form with Chinese numerals as Arabic digits (建设路十八号 is 建设路18号). */
export function addressForm(text: string): TextForm {
  return rewrite(nameForm(text), /[零〇一二两三四五六七八九十百千]+/g, chineseNumeral);
}
