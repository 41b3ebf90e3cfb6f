import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../platform/calendar/chinese-days.data.ts';
import {
  correctionDue,
  guardFindings,
  mayReviewPublication,
  nextPublicationStatus,
  publicVisibility,
  publishedOnTime,
  shownStatus,
} from './publications.rules.ts';

describe('publication lifecycle (公示规定 §16: internal review before publishing)', () => {
  it('moves draft → in_review → published, and back to draft when returned', () => {
    expect(nextPublicationStatus('draft', 'submit')).toBe('in_review');
    expect(nextPublicationStatus('in_review', 'approve')).toBe('published');
    expect(nextPublicationStatus('in_review', 'return')).toBe('draft');
    expect(nextPublicationStatus('draft', 'approve')).toBeNull();
  });
  it('withdraws (行政处罚法 §48) and ends early (公示规定 §14) only what is published', () => {
    expect(nextPublicationStatus('published', 'withdraw')).toBe('withdrawn');
    expect(nextPublicationStatus('published', 'end_early')).toBe('ended');
    expect(nextPublicationStatus('withdrawn', 'withdraw')).toBeNull();
    expect(nextPublicationStatus('draft', 'withdraw')).toBeNull();
  });
  it('never lets the author review their own draft', () => {
    expect(mayReviewPublication('a', 'a')).toBe(false);
    expect(mayReviewPublication('a', 'b')).toBe(true);
  });
});

describe('publicity period ending by itself (公示规定 §13)', () => {
  it('shows an item as ended from the day after its last day', () => {
    expect(shownStatus('published', '2026-11-28', '2026-11-28')).toBe('published');
    expect(shownStatus('published', '2026-11-28', '2026-11-29')).toBe('ended');
    expect(shownStatus('published', null, '2099-01-01')).toBe('published');
    expect(shownStatus('withdrawn', '2020-01-01', '2026-01-01')).toBe('withdrawn');
  });
  it('shows the public the page while public, only the withdrawal notice once withdrawn, nothing else', () => {
    expect(publicVisibility('published')).toBe('full');
    expect(publicVisibility('withdrawn')).toBe('withdrawn');
    expect(publicVisibility('ended')).toBe('none');
    expect(publicVisibility('draft')).toBe('none');
  });
});

describe('final masking guard (浙江 §7; 个人信息保护法)', () => {
  it('names the field, line and column of each personal datum left', () => {
    const findings = guardFindings(
      {
        partyName: '张某某',
        title: '行政处罚决定书',
        summary: '当事人张三丰经营过期食品',
        documentText: '当事人：张某某\n联系电话：13812345678',
      },
      { naturalPersons: [{ name: '张三丰' }] },
    );
    expect(findings).toEqual([
      { field: 'summary', kind: 'name', line: 1, column: 4, length: 3 },
      { field: 'documentText', kind: 'mobile', line: 2, column: 6, length: 11 },
    ]);
  });
  it('keeps an organisation party and its credit code', () => {
    const text = '当事人：衡阳县某某食品有限公司，统一社会信用代码 91430421MA4L0XXX0A';
    expect(
      guardFindings(
        { partyName: '衡阳县某某食品有限公司', title: '', summary: '', documentText: text },
        { organisations: [{ name: '衡阳县某某食品有限公司', creditCode: '91430421MA4L0XXX0A' }] },
      ),
    ).toEqual([]);
  });
});

describe('deadlines', () => {
  it('answers a correction within 20 working days (政府信息公开条例 §33 by analogy; 公示规定 §12)', () => {
    // 2026-09-28 (Mon) + 20 working days, across National Day (1–7 Oct off, 10 Oct worked)
    expect(correctionDue(bundledCalendar, '2026-09-28').date).toBe('2026-10-30');
  });
  it('counts a publication on its due day as on time (118号)', () => {
    expect(publishedOnTime('2026-10-13', '2026-10-13')).toBe(true);
    expect(publishedOnTime('2026-10-13', '2026-10-14')).toBe(false);
  });
});
