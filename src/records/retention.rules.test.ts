import { describe, expect, it } from 'vitest';
import {
  defaultRetention,
  disposalProblem,
  retentionOf,
  retentionPeriodProblems,
  type RetentionFacts,
} from './retention.rules.ts';

const video = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
  kind: 'video',
  capturedTo: new Date('2026-01-31T03:00:00Z'),
  uploadedAt: new Date('2026-01-31T05:00:00Z'),
  marks: [],
  ...over,
});

describe('evidence retention (行政处罚法 §47; six months a local default floor)', () => {
  it('keeps AV six months by default, counted in China dates, to the end of the month when shorter', () => {
    expect(retentionOf(video(), defaultRetention)).toEqual({ permanent: false, until: '2026-07-31' });
    // 2026-08-31 16:30 UTC is already 1 September in China.
    const late = video({ capturedTo: null, uploadedAt: new Date('2026-08-31T16:30:00Z') });
    expect(retentionOf(late, defaultRetention)).toEqual({ permanent: false, until: '2027-03-01' });
  });

  it('counts from the later of the end of capture and the upload', () => {
    const uploadedLate = video({ uploadedAt: new Date('2026-05-10T02:00:00Z') });
    expect(retentionOf(uploadedLate, defaultRetention)).toEqual({ permanent: false, until: '2026-11-10' });
  });

  it('keeps scans and marked files permanently', () => {
    expect(retentionOf(video({ kind: 'scan' }), defaultRetention)).toEqual({ permanent: true, marks: [] });
    expect(retentionOf(video({ marks: ['used_as_evidence'] }), defaultRetention)).toEqual({
      permanent: true,
      marks: ['used_as_evidence'],
    });
  });

  it('lets nothing go before its time: not on the last day, only the day after', () => {
    expect(disposalProblem(video(), defaultRetention, '2026-07-31')).toBe(
      '保存期限至 2026-07-31，届满后方可处置',
    );
    expect(disposalProblem(video(), defaultRetention, '2026-08-01')).toBeNull();
    expect(
      disposalProblem(video({ marks: ['shows_obstruction'] }), defaultRetention, '2099-01-01'),
    ).toContain('记录阻碍执法');
    expect(disposalProblem(video({ kind: 'scan' }), defaultRetention, '2099-01-01')).toContain('永久保存');
  });

  it('accepts longer periods and permanence, never less than six months', () => {
    expect(
      retentionPeriodProblems({ photo: 12, audio: 6, video: null, scan: null, electronic_data: null }),
    ).toEqual([]);
    expect(
      retentionPeriodProblems({ photo: 5, audio: 6.5, video: 6, scan: 2000, electronic_data: 3 }).map(
        (p) => p.kind,
      ),
    ).toEqual(['photo', 'audio', 'scan', 'electronic_data']);
  });
});
