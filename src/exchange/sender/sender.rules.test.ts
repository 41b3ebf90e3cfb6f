import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, backoffStep, retryDelay } from './backoff.rules.ts';
import {
  MAX_BATCH_RECORDS,
  batchLimit,
  judgePushAnswer,
  narrowedLimit,
  selectBatch,
  type Candidate,
} from './sender.rules.ts';

const row = (sequence: number, logIndex: number | null, type = 'case_summary'): Candidate => ({
  sequence,
  type,
  auditEventId: type === 'checkpoint' ? null : `event-${sequence}`,
  logIndex,
});

describe('the sender waits with exponential backoff from 1 s to 5 min, jittered', () => {
  it('doubles each step from 1 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4].map(backoffStep)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffStep(9)).toBe(256_000);
    expect(backoffStep(10)).toBe(MAX_RETRY_MS);
    expect(backoffStep(1000)).toBe(MAX_RETRY_MS);
  });

  it('waits between half and all of the step, so agencies coming back do not arrive in step', () => {
    expect(retryDelay(1, 0)).toBe(FIRST_RETRY_MS / 2);
    expect(retryDelay(1, 0.999)).toBeLessThan(FIRST_RETRY_MS);
    expect(retryDelay(12, 0.5)).toBe(MAX_RETRY_MS * 0.75);
    expect(retryDelay(12, 1)).toBeLessThanOrEqual(MAX_RETRY_MS);
  });
});

describe('a batch holds consecutive records provable in the cosigned checkpoint', () => {
  it('takes the records from the first unacknowledged sequence whose entries are below the cosigned size', () => {
    const rows = [row(4, 10), row(5, 11), row(6, 12)];
    expect(selectBatch(rows, 4, 12).map((r) => r.sequence)).toEqual([4, 5]);
    expect(selectBatch(rows, 4, 13).map((r) => r.sequence)).toEqual([4, 5, 6]);
  });

  it('stops at the first record not yet integrated, even if later ones are', () => {
    const rows = [row(1, 3), row(2, null), row(3, 4)];
    expect(selectBatch(rows, 1, 100).map((r) => r.sequence)).toEqual([1]);
  });

  it('sends nothing when the first record waits, and nothing past a gap', () => {
    expect(selectBatch([row(1, 50)], 1, 40)).toEqual([]);
    expect(selectBatch([row(2, 1)], 1, 40)).toEqual([]);
    expect(selectBatch([row(1, 1), row(3, 2)], 1, 40).map((r) => r.sequence)).toEqual([1]);
  });

  it('a checkpoint record needs no entry of its own', () => {
    const rows = [row(1, 1), row(2, null, 'checkpoint'), row(3, 2)];
    expect(selectBatch(rows, 1, 3).map((r) => r.sequence)).toEqual([1, 2, 3]);
  });

  it('holds at most 500 records, or the limit given', () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i + 1, i));
    expect(selectBatch(rows, 1, 1000)).toHaveLength(MAX_BATCH_RECORDS);
    expect(selectBatch(rows, 1, 1000, 7)).toHaveLength(7);
  });
});

describe("what the sender does with the platform's answer", () => {
  const problem = (code: string, extra: object = {}) => JSON.stringify({ code, detail: '说明', ...extra });

  it('200 is acknowledged', () => {
    expect(judgePushAnswer(200, '{}')).toEqual({ kind: 'acknowledged' });
  });

  it('409 PUSH_SEQUENCE_GAP resends from the sequence expected', () => {
    expect(judgePushAnswer(409, problem('PUSH_SEQUENCE_GAP', { expected: 7 }))).toEqual({
      kind: 'resend',
      expected: 7,
      code: 'PUSH_SEQUENCE_GAP',
    });
    expect(judgePushAnswer(409, problem('PUSH_SEQUENCE_GAP')).kind).toBe('retry');
  });

  it('network trouble, 5xx and 429 are retried; other 4xx are refusals with their code', () => {
    expect(judgePushAnswer(503, 'down').kind).toBe('retry');
    expect(judgePushAnswer(429, problem('RATE_LIMITED')).kind).toBe('retry');
    expect(judgePushAnswer(403, problem('PUSH_AGENCY_SUSPENDED'))).toEqual({
      kind: 'refused',
      code: 'PUSH_AGENCY_SUSPENDED',
      detail: '说明',
    });
    expect(judgePushAnswer(422, 'not json')).toEqual({
      kind: 'refused',
      code: 'HTTP_422',
      detail: 'HTTP 422',
    });
  });
});

describe('a refused batch is narrowed by halves to its first refused record', () => {
  it('halves the size down to one', () => {
    expect([500, 250, 3, 2, 1].map(narrowedLimit)).toEqual([250, 125, 2, 1, 1]);
  });

  it('keeps to the narrowed size inside the refused range, full batches after it', () => {
    // 1..8 refused: try 1..4; accepted, then 5..8 (still suspect); refused, then 5..6, …
    const narrowing = { suspectThrough: 8, limit: 4 };
    expect(batchLimit(1, narrowing)).toBe(4);
    expect(batchLimit(5, narrowing)).toBe(4);
    expect(batchLimit(7, narrowing)).toBe(2);
    expect(batchLimit(9, narrowing)).toBe(MAX_BATCH_RECORDS);
    expect(batchLimit(1, null)).toBe(MAX_BATCH_RECORDS);
  });
});
