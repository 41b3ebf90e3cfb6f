/**
 * The receipt number of a correction request (更正申请受理编号, 公示规定 §12): short enough to write down
 * or read over the phone, `GZ-2026-000123` — 更正, the year received, and the agency's serial in that year
 * (gap-free: taken in the request's own transaction, correction-requests.service.ts). Pure; browser-safe.
 */
export const RECEIPT_PREFIX = 'GZ';

export function formatReceiptNumber(year: number, serial: number): string {
  return `${RECEIPT_PREFIX}-${year}-${String(serial).padStart(6, '0')}`;
}

/**
 * A receipt number as a person may type it back: lower case, full-width characters, spaces or other dashes
 * (gz 2026 123, ＧＺ－２０２６－０００１２３); null when it cannot be one.
 */
export function parseReceiptNumber(text: string): string | null {
  const half = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\u2010-\u2015\u2212_]+/g, '-')
    .trim();
  const m = /^-*GZ-?(\d{4})-?(\d{1,6})-*$/.exec(half);
  if (!m) return null;
  return formatReceiptNumber(Number(m[1]), Number(m[2]));
}
