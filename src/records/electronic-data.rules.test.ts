import { describe, expect, it } from 'vitest';
import {
  extractionDigestProblem,
  extractionProblems,
  extractionRecordProblem,
} from './electronic-data.rules.ts';
import { mediaTypeProblem } from './evidence.rules.ts';

const now = new Date('2026-11-28T02:00:00Z');
const sha = 'ab'.repeat(32);
const complete = {
  originalCarrier: '当事人手机（华为 Mate 60，IMEI 86xxxxxxxx）',
  extractionMethod: 'screenshot' as const,
  extractionSha256: sha,
  extractedAt: new Date('2026-11-28T01:30:00Z'),
  extractionPlace: '衡阳县西渡镇演示路 2 号',
};
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('electronic data (行政处罚法 §46; 电子数据取证暂行规定)', () => {
  it('needs the carrier, the method, the digest, the time and the place of its extraction', () => {
    expect(extractionProblems('electronic_data', complete, now)).toEqual([]);
    expect(fields(extractionProblems('electronic_data', {}, now))).toEqual([
      'originalCarrier',
      'extractionMethod',
      'extractionSha256',
      'extractedAt',
      'extractionPlace',
    ]);
    const blank = extractionProblems('electronic_data', { ...complete, originalCarrier: '  ' }, now);
    expect(blank).toEqual([
      { field: 'originalCarrier', message: expect.stringContaining('原始存储介质') as unknown },
    ]);
  });

  it('refuses an extraction after now, and extraction facts on any other kind', () => {
    const later = { ...complete, extractedAt: new Date('2026-11-28T03:00:00Z') };
    expect(fields(extractionProblems('electronic_data', later, now))).toEqual(['extractedAt']);
    expect(fields(extractionProblems('photo', { originalCarrier: '手机' }, now))).toEqual([
      'originalCarrier',
    ]);
    expect(extractionProblems('video', {}, now)).toEqual([]);
  });

  it('compares the digest on the extraction record with the bytes received', () => {
    expect(extractionDigestProblem(sha.toUpperCase(), sha)).toBeNull();
    expect(extractionDigestProblem(sha, 'cd'.repeat(32))).toContain('与提取时记录的摘要不一致');
  });

  it('takes as its record only an extraction record (证据提取单) of the same subject', () => {
    const subject = { subjectType: 'case', subjectId: 'c1' };
    const record = { type: 'evidence_extraction', ...subject };
    expect(extractionRecordProblem(record, subject)).toBeNull();
    expect(extractionRecordProblem(undefined, subject)).toBe('本机关没有这份文书');
    expect(extractionRecordProblem({ ...record, type: 'on_site_record' }, subject)).toContain('证据提取单');
    expect(extractionRecordProblem({ ...record, subjectId: 'c2' }, subject)).toContain('同一案件');
  });

  it('accepts what a browser does not run, never a web page as HTML', () => {
    for (const type of ['image/png', 'application/pdf', 'video/mp4', 'text/plain', 'application/zip'])
      expect(mediaTypeProblem('electronic_data', type)).toBeNull();
    for (const type of ['text/html', 'image/svg+xml', 'application/javascript'])
      expect(mediaTypeProblem('electronic_data', type)).toContain('电子数据不接受');
  });
});
