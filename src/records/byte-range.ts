/**
 * HTTP range requests (RFC 9110 §14) for evidence downloads, so video plays and seeks in the workbench.
 * Pure: a `Range` header and the representation's size in, what to send out.
 *
 * One range is served; a request for several may be ignored (§14.2 "a server MAY ignore the Range header
 * field") and gets the whole file, as does a range unit other than `bytes` (§14.2 "MUST ignore").
 */
export type RangeAnswer =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

const digits = (text: string): number | null => {
  if (text === '') return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
};

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const eq = header.indexOf('=');
  if (eq < 0) return { kind: 'unsatisfiable' };
  if (header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'whole' };
  const specs = header.slice(eq + 1).split(',');
  if (specs.length > 1) return { kind: 'whole' };
  const match = SPEC.exec((specs[0] ?? '').trim());
  if (!match) return { kind: 'unsatisfiable' };
  const first = digits(match[1] ?? '');
  const last = digits(match[2] ?? '');
  if (first === null) {
    // §14.1.2 suffix-range: the last N bytes (all of them when N exceeds the size).
    if (last === null || last === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - last), end: size - 1 };
  }
  // §14.1.2: a first-pos at or past the size, or a last-pos before the first-pos, is not satisfiable.
  if (first >= size || (last !== null && last < first)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start: first, end: last === null ? size - 1 : Math.min(last, size - 1) };
}

/** §14.4 Content-Range: the range and size of a partial answer; `*` and the size for an unsatisfiable one. */
export function contentRange(answer: RangeAnswer, size: number): string | undefined {
  if (answer.kind === 'partial') return `bytes ${answer.start}-${answer.end}/${size}`;
  if (answer.kind === 'unsatisfiable') return `bytes */${size}`;
  return undefined;
}
