import { describe, expect, it } from 'vitest';
import {
  contentProblems,
  effectiveDateProblem,
  mayReview,
  nextStatus,
  versionInForce,
} from './power-list.rules.ts';

const v = (
  version: number,
  status: 'draft' | 'submitted' | 'published' | 'rejected',
  effectiveFrom: string,
  withdrawn = false,
) => ({
  version,
  status,
  effectiveFrom,
  withdrawn,
});

describe('the review path (S-2.3)', () => {
  it('moves draft → submitted → published or rejected, and nothing else', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('published');
    expect(nextStatus('submitted', 'reject')).toBe('rejected');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('published', 'submit')).toBeNull();
  });
  it('never lets the author approve their own change', () => {
    expect(mayReview('a', 'a')).toBe(false);
    expect(mayReview('a', 'b')).toBe(true);
    expect(mayReview(null, 'b')).toBe(true);
  });
});

describe('versionInForce', () => {
  const versions = [
    v(1, 'published', '2024-01-01'),
    v(2, 'published', '2026-07-01'),
    v(3, 'submitted', '2026-08-01'),
  ];
  it('picks the published version with the latest effective date not after the day', () => {
    expect(versionInForce(versions, '2025-12-31')?.version).toBe(1);
    expect(versionInForce(versions, '2026-07-01')?.version).toBe(2);
    expect(versionInForce(versions, '2026-09-01')?.version).toBe(2); // v3 is not published
    expect(versionInForce(versions, '2023-12-31')).toBeNull();
  });
  it('shows nothing once a published withdrawal is in force', () => {
    const withdrawn = [...versions, v(4, 'published', '2027-01-01', true)];
    expect(versionInForce(withdrawn, '2026-12-31')?.version).toBe(2);
    expect(versionInForce(withdrawn, '2027-01-01')).toBeNull();
  });
});

describe('effectiveDateProblem', () => {
  it('refuses a change dated before the latest published one', () => {
    const versions = [v(1, 'published', '2026-07-01'), v(2, 'rejected', '2026-09-01')];
    expect(effectiveDateProblem('2026-06-30', versions)).toContain('2026-07-01');
    expect(effectiveDateProblem('2026-07-01', versions)).toBeNull();
  });
});

describe('contentProblems', () => {
  const content = {
    legalBases: [{ inForceFrom: '2021-04-29', inForceTo: null }],
    remedies: { reconsiderationDays: 60, litigationMonths: 6 },
    randomInspection: null,
    benchmarks: [],
  };
  it('accepts a basis in force and the statutory remedy windows', () => {
    expect(contentProblems('penalty', content, '2026-01-01')).toEqual([]);
  });
  it('refuses a version with no basis in force on its effective date (行政处罚法 §4)', () => {
    expect(contentProblems('penalty', content, '2020-01-01').map((p) => p.path)).toEqual(['legalBases']);
    const expired = { ...content, legalBases: [{ inForceFrom: '2015-10-01', inForceTo: '2021-04-28' }] };
    expect(contentProblems('penalty', expired, '2026-01-01').map((p) => p.path)).toEqual(['legalBases']);
  });
  it('refuses remedy windows shorter than the law gives (行政复议法 §20, 行政诉讼法 §46)', () => {
    const short = { ...content, remedies: { reconsiderationDays: 30, litigationMonths: 3 } };
    expect(contentProblems('penalty', short, '2026-01-01').map((p) => p.path)).toEqual([
      'remedies.reconsiderationDays',
      'remedies.litigationMonths',
    ]);
  });
});
