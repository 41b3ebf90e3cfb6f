import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../platform/calendar/chinese-days.data.ts';
import { defaultCatalogue } from './catalogue.rules.ts';
import { reviewDigest } from './digest.ts';
import {
  addedAndRemoved,
  changedFields,
  findingProblems,
  gate,
  missingForSubmission,
  points,
  reviewDue,
  reviewedFieldsOf,
  reviewerRefusal,
  type FindingInput,
} from './review.rules.ts';
import { samplePackage } from './sample-package.ts';

const all = (finding: FindingInput['finding'] = 'satisfied', note = ''): FindingInput[] =>
  points.map((point) => ({ point, finding, note }));

describe('findings and results (S-13)', () => {
  it('wants a reason where a point is found satisfied although its automatic pre-check failed', () => {
    const failed = [{ point: 'law' as const, label: '引用的法律条款存在且适用于该行为' }];
    const silent = findingProblems('approve', all(), failed);
    expect(silent).toEqual([
      {
        path: 'findings.3.note',
        message:
          '自动预审“引用的法律条款存在且适用于该行为”未通过，认定“适用法律、法规、规章是否准确”符合的，须写明理由',
      },
    ]);
    const explained = all();
    explained[3] = {
      point: 'law',
      finding: 'satisfied',
      note: '条款已于 2026 年修订，预审所用版本过旧，现行条款适用',
    };
    expect(findingProblems('approve', explained, failed)).toEqual([]);
  });
  it('takes the crime point as yes or no, never not applicable (行政处罚法 §27)', () => {
    const input = all();
    input[6] = { point: 'crime', finding: 'not_applicable', note: '' };
    expect(findingProblems('approve', input).map((p) => p.path)).toEqual(['findings.6.finding']);
  });
  it('approve with every point satisfied needs no notes', () => {
    expect(findingProblems('approve', all())).toEqual([]);
  });
  it('refuses a finding without a note where the result is not approve', () => {
    const input = all('satisfied', '已核实');
    input[2] = { point: 'facts', finding: 'problem', note: '证据不足' };
    input[4] = { point: 'discretion', finding: 'satisfied', note: '' };
    const problems = findingProblems('return', input);
    expect(problems.map((p) => p.path)).toEqual(['findings.4.note']);
    expect(problems[0]?.message).toContain('裁量基准运用是否适当');
  });
  it('refuses a problem without its note, even on approve with changes', () => {
    const input = all('satisfied', '符合');
    input[5] = { point: 'documents', finding: 'problem', note: ' ' };
    expect(findingProblems('approve_with_changes', input).map((p) => p.path)).toEqual(['findings.5.note']);
  });
  it('refuses approve when a problem was found, and a return without any problem', () => {
    const withProblem = all();
    withProblem[1] = { point: 'procedure', finding: 'problem', note: '未告知' };
    expect(findingProblems('approve', withProblem).map((p) => p.path)).toEqual(['result']);
    expect(findingProblems('disapprove', all('satisfied', '好')).map((p) => p.path)).toEqual(['findings']);
  });
  it('requires each of the seven points and "other" exactly once', () => {
    expect(findingProblems('approve', all().slice(1))).toHaveLength(1);
    expect(
      findingProblems('approve', [...all(), { point: 'law', finding: 'satisfied', note: '' }]),
    ).toHaveLength(1);
  });
  it('refuses approving a case where a crime is suspected (行政处罚法 §27)', () => {
    const input = all('satisfied', '符合');
    input[6] = { point: 'crime', finding: 'problem', note: '货值超过 5 万元，涉嫌犯罪' };
    expect(findingProblems('approve_with_changes', input).map((p) => p.message)).toEqual([
      expect.stringContaining('§27'),
    ]);
    expect(findingProblems('disapprove', input)).toEqual([]);
  });
});

describe('who may review (行政处罚法 §43, §58)', () => {
  const reviewer = {
    personId: 'r',
    inLegalUnit: true,
    completedReviews: 3,
    holdsLegalProfessionalQualification: false,
  };
  it('recusal: a reviewer who investigated the case is refused', () => {
    expect(reviewerRefusal({ ...reviewer, personId: 'officer-1' }, ['officer-1', 'officer-2'])).toBe(
      'RECUSAL',
    );
  });
  it('a first-time reviewer must hold the legal professional qualification', () => {
    expect(reviewerRefusal({ ...reviewer, completedReviews: 0 }, [])).toBe('FIRST_REVIEW_UNQUALIFIED');
    expect(
      reviewerRefusal({ ...reviewer, completedReviews: 0, holdsLegalProfessionalQualification: true }, []),
    ).toBeNull();
    expect(reviewerRefusal(reviewer, [])).toBeNull();
  });
  it('a reviewer belongs to the legal unit', () => {
    expect(reviewerRefusal({ ...reviewer, inLegalUnit: false }, [])).toBe('NOT_IN_LEGAL_UNIT');
  });
});

describe('review period (7 working days, +3 approved)', () => {
  it('counts working days on the State Council calendar (National Day 2026)', () => {
    expect(reviewDue(bundledCalendar, '2026-09-28', defaultCatalogue.period, false).date).toBe('2026-10-16');
    expect(reviewDue(bundledCalendar, '2026-09-28', defaultCatalogue.period, true).date).toBe('2026-10-21');
  });
  it('follows a configured period', () => {
    expect(
      reviewDue(bundledCalendar, '2026-11-23', { workingDays: 10, extensionWorkingDays: 0 }, true).date,
    ).toBe('2026-12-07');
  });
});

describe('submission', () => {
  it('lists the steps a case still lacks', () => {
    const p = samplePackage();
    p.steps = p.steps.filter((s) => s.step !== 'investigation_report' && s.step !== 'filing');
    expect(missingForSubmission(p).map((m) => m.path)).toEqual([
      'steps.filing',
      'steps.investigation_report',
    ]);
    expect(missingForSubmission(samplePackage())).toEqual([]);
  });
});

describe('the gate and the digest (S-14, 行政处罚法 §58)', () => {
  const digest = reviewDigest(reviewedFieldsOf(samplePackage()));
  it('refuses a major decision without review, with one open, failed or void', () => {
    expect(gate(true, null, digest)).toBe('no_review');
    expect(gate(true, { status: 'in_review', digest }, digest)).toBe('review_open');
    expect(gate(true, { status: 'returned', digest }, digest)).toBe('review_failed');
    expect(gate(true, { status: 'disapproved', digest }, digest)).toBe('review_failed');
    expect(gate(true, { status: 'void', digest }, digest)).toBe('review_void');
  });
  it('lets a passed review through while the case is as reviewed, and a decision that is not major', () => {
    expect(gate(true, { status: 'approved', digest }, digest)).toBeNull();
    expect(gate(true, { status: 'approved_with_changes', digest }, digest)).toBeNull();
    expect(gate(false, null, digest)).toBeNull();
  });
  it('a change of facts, amount, legal basis or party after review voids it', () => {
    for (const change of [
      (p: ReturnType<typeof samplePackage>) => (p.facts += '。'),
      (p: ReturnType<typeof samplePackage>) => (p.proposed.amountFen += 1),
      (p: ReturnType<typeof samplePackage>) => (p.proposed.legalBases = []),
      (p: ReturnType<typeof samplePackage>) => (p.party.name = '另一家商行'),
    ]) {
      const p = samplePackage();
      change(p);
      expect(gate(true, { status: 'approved', digest }, reviewDigest(reviewedFieldsOf(p)))).toBe(
        'review_void',
      );
    }
  });
  it('a change elsewhere (a document added) does not void it', () => {
    const p = samplePackage();
    p.documents.push({ id: 'x', type: 'penalty_notice', title: '告知书', number: null, issuedOn: null });
    expect(reviewDigest(reviewedFieldsOf(p))).toBe(digest);
  });
});

describe('the diff of a returned case', () => {
  it('names each reviewed field that changed, and what was added', () => {
    const before = samplePackage();
    const after = samplePackage();
    after.proposed.amountFen = 6_600_000;
    after.evidence.push({ ...after.evidence[0]!, id: 'ev-2', label: '补充询问录音' });
    expect(changedFields(reviewedFieldsOf(before), reviewedFieldsOf(after))).toEqual([
      { field: 'amountFen', label: '罚款金额', before: 7_000_000, after: 6_600_000 },
    ]);
    expect(addedAndRemoved(before, after).evidence).toEqual({ added: ['补充询问录音'], removed: [] });
  });
});
