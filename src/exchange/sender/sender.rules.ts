/**
 * The sender's pure rules (docs/county-push.md "The sender"): which records go in the next batch, what
 * each answer of the platform means, and how a refused batch is narrowed to its first refused record.
 */

/** At most this many records per batch. */
export const MAX_BATCH_RECORDS = 500;

/** What the batch rule needs of an outbox row. */
export interface Candidate {
  readonly sequence: number;
  readonly type: string;
  /** The command's event whose log entry proves the record (null: a checkpoint record, self-signed). */
  readonly auditEventId: string | null;
  /** That entry's log index, null while it waits for integration. */
  readonly logIndex: number | null;
}

/**
 * The next batch: the rows from `from` on, consecutive, in order, at most `limit`, each provable in the
 * cosigned tree of `cosignedSize` — its entry integrated at an index below that size (a checkpoint record
 * needs no entry). The first row that is not yet provable ends the batch: nothing is sent past it, so
 * the platform receives sequences in order and without gaps.
 */
export function selectBatch<T extends Candidate>(
  rows: readonly T[],
  from: number,
  cosignedSize: number,
  limit: number = MAX_BATCH_RECORDS,
): T[] {
  const batch: T[] = [];
  for (const row of rows) {
    if (batch.length >= limit || row.sequence !== from + batch.length) break;
    const provable =
      row.auditEventId === null
        ? row.type === 'checkpoint'
        : row.logIndex !== null && row.logIndex < cosignedSize;
    if (!provable) break;
    batch.push(row);
  }
  return batch;
}

/** What the sender does with the platform's answer. */
export type PushAnswer =
  | { readonly kind: 'acknowledged' }
  /** 409 PUSH_SEQUENCE_GAP: send again from the sequence the platform expects. */
  | { readonly kind: 'resend'; readonly expected: number; readonly code: string }
  /** Network error, 5xx, 429: retry the same batch with backoff. */
  | { readonly kind: 'retry'; readonly code: string | null; readonly detail: string }
  /** Another 4xx: the batch is refused (narrow it to its first refused record). */
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string };

interface Problem {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly title?: unknown;
  readonly expected?: unknown;
}

function problemOf(body: string): Problem {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Judges an HTTP answer to `POST /county/push` (the statuses of docs/county-push.md "The ingest"). */
export function judgePushAnswer(status: number, body: string): PushAnswer {
  if (status === 200) return { kind: 'acknowledged' };
  const problem = problemOf(body);
  const code = text(problem.code);
  const detail = text(problem.detail) ?? text(problem.title) ?? `HTTP ${status}`;
  if (status === 409 && code === 'PUSH_SEQUENCE_GAP') {
    const expected = Number(problem.expected);
    if (Number.isSafeInteger(expected) && expected >= 1) return { kind: 'resend', expected, code };
    return { kind: 'retry', code, detail: 'HTTP 409 without the expected sequence' };
  }
  if (status === 429 || status >= 500 || status < 400) return { kind: 'retry', code, detail };
  return { kind: 'refused', code: code ?? `HTTP_${status}`, detail };
}

/**
 * After a batch of `size` records is refused: the size of the next try (the first half), down to 1
 * (docs/county-push.md: the refused record is found by sending fewer records from the same start).
 */
export const narrowedLimit = (size: number): number => Math.max(1, Math.ceil(size / 2));

/**
 * While the sender narrows a refused range (up to and including `suspectThrough`), batches keep to the
 * narrowed `limit`; past the range, full batches again.
 */
export function batchLimit(
  from: number,
  narrowing: { suspectThrough: number; limit: number } | null,
): number {
  if (narrowing === null || from > narrowing.suspectThrough) return MAX_BATCH_RECORDS;
  return Math.min(narrowing.limit, narrowing.suspectThrough - from + 1);
}
