/**
 * The verification code (核验码) printed on a document or shown beside an event: `SX-<index>-<check>`,
 * where `index` is the entry's position in the record log (decimal) and `check` is six characters of
 * Crockford base32 — the first 30 bits of the entry's RFC 6962 leaf hash. Short enough to read out or
 * type from paper, and unambiguous: Crockford's alphabet leaves out I, L, O and U, and reading is
 * case-insensitive with O read as 0 and I, L as 1. The check catches a mistyped index (a wrong index
 * matches by chance once in 2^30) and ties the code to the entry's exact bytes. Browser-safe: no Node imports.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_LENGTH = 6;
const CODE = /^SX-(0|[1-9][0-9]{0,15})-([0-9A-Z]{6})$/;

export interface VerificationCode {
  readonly index: number;
  readonly check: string;
}

/** Six Crockford base32 characters from the first 30 bits of a leaf hash. */
export function checkOf(leafHash: Uint8Array): string {
  let bits = 0;
  for (let i = 0; i < 4; i++) bits = bits * 256 + (leafHash[i] ?? 0);
  bits = Math.floor(bits / 4); // 32 bits → the top 30
  let out = '';
  for (let i = 0; i < CHECK_LENGTH; i++) {
    out = ALPHABET[bits % 32]! + out;
    bits = Math.floor(bits / 32);
  }
  return out;
}

export function formatVerificationCode(index: number, leafHash: Uint8Array): string {
  return `SX-${index}-${checkOf(leafHash)}`;
}

/** Reads a code as typed: spaces dropped, any case, O → 0, I/L → 1 in the check. Null when malformed. */
export function parseVerificationCode(text: string): VerificationCode | null {
  const compact = text
    .replace(/[\s\u3000]/g, '')
    .toUpperCase()
    .replace(/[—–_]/g, '-');
  const parts = /^SX-([0-9]+)-([0-9A-Z]+)$/.exec(compact);
  if (!parts) return null;
  const check = parts[2]!.replace(/O/g, '0').replace(/[IL]/g, '1');
  const normal = `SX-${parts[1]!.replace(/^0+(?=[0-9])/, '')}-${check}`;
  const match = CODE.exec(normal);
  if (!match || [...check].some((c) => !ALPHABET.includes(c))) return null;
  const index = Number(match[1]);
  return Number.isSafeInteger(index) ? { index, check } : null;
}
