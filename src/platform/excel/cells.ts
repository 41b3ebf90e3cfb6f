import type ExcelJS from 'exceljs';

/** What every Excel import and export shares: the media type, the download header, reading cells as text. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition that keeps a Chinese file name (RFC 6266 / RFC 8187). */
export const attachment = (name: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A cell as the text a clerk typed: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result);
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    return '';
  }
  return String(value).trim();
}

/** A list typed in one cell, separated by 、 , ； or spaces. */
export const splitList = (text: string): string[] =>
  text
    .split(/[、,，;；\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/** The code whose Chinese label (or the code itself) was typed; the text unchanged when none matches. */
export const byLabel = <K extends string>(labels: Record<K, string>, text: string): K | string =>
  (Object.entries(labels) as [K, string][]).find(([code, label]) => label === text || code === text)?.[0] ??
  text;
