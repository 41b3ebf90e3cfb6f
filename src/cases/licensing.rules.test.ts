import { describe, expect, it } from 'vitest';
import { bundledCalendar as cal } from '../platform/calendar/chinese-days.data.ts';
import { caseDeadlineDefs, caseDeadlineDue, lateCheck } from './case-deadlines.rules.ts';
import { earliestHearingOn } from './deadlines.rules.ts';
import { requirementProblems, type RequirementFacts } from './lifecycle.rules.ts';
import {
  deemedAcceptanceReason,
  hearingExclusion,
  licensingExclusionsOf,
  licensingExclusionKinds,
  licensingHearingProblems,
  receiptCheck,
} from './licensing.rules.ts';
import { licensing } from './lifecycles/licensing.ts';
import { lifecycleProblems, transitionFor } from './lifecycle.rules.ts';

/** The rules of a licensing case, each test named after the article of 行政许可法 it encodes. */

const none = { extensions: 0, deliberatedDays: 0, exclusions: [] };

describe('行政许可法 §32: accept, refuse or tell everything to complete within 5 working days', () => {
  it('§32 ¶1 (四), §82: received Mon 09-28, the 5 working days end on the make-up Saturday 10-10', () => {
    expect(caseDeadlineDue(cal, 'licensing_completion_notice', '2026-09-28').date).toBe('2026-10-10');
  });

  it('§32 ¶1 (四): an answer within the 5 days is in time, whatever it is', () => {
    for (const answer of ['accept', 'refuse_acceptance', 'request_completion'] as const) {
      expect(receiptCheck(answer, '2026-09-28', '2026-10-10', '2026-10-10')).toEqual({ kind: 'in_time' });
    }
  });

  it('§32 ¶1 (四): accepted after the 5 days, the application counts as accepted on the day it was received', () => {
    expect(receiptCheck('accept', '2026-09-28', '2026-10-10', '2026-10-12')).toEqual({
      kind: 'deemed_accepted',
      acceptedOn: '2026-09-28',
      reason: '逾期未告知补正，自收到申请材料之日起即为受理',
    });
    expect(deemedAcceptanceReason).toBe('逾期未告知补正，自收到申请材料之日起即为受理');
  });

  it('§32 ¶1 (四): a completion notice or a refusal to accept after the 5 days comes too late', () => {
    const late = receiptCheck('request_completion', '2026-09-28', '2026-10-10', '2026-10-12');
    expect(late).toMatchObject({ kind: 'refused', message: expect.stringContaining('即为受理') as unknown });
    expect(receiptCheck('refuse_acceptance', '2026-09-28', '2026-10-10', '2026-10-12').kind).toBe('refused');
  });

  it('§32: a refusal names its reason and the remedy; a completion notice names everything to complete', () => {
    const refuse = licensing.transitions.find((t) => t.step === 'refuse_acceptance');
    expect(refuse?.requires).toEqual(['reason', 'remedy']);
    const facts = { ...metFacts, reason: '不属于本机关职权范围', remedy: null };
    expect(requirementProblems(refuse!, facts).map((p) => p.path)).toEqual(['body.remedy']);
    expect(licensing.transitions.find((t) => t.step === 'request_completion')?.requires).toEqual(['reason']);
  });

  it('§32: the completed materials start the 5 days again, from the day they are received', () => {
    const again = transitionFor(licensing, 'completion_requested', 'receive_completion');
    expect(again).toMatchObject({
      ok: true,
      transition: { to: 'applied', opens: ['licensing_completion_notice'] },
    });
  });
});

describe('行政许可法 §42, §45: the decision within 20 working days of acceptance, some time not counted', () => {
  it('§42, §82: a deemed acceptance on 09-28 runs the 20 working days to 10-30 (National Day not counted)', () => {
    expect(caseDeadlineDue(cal, 'licensing_decision', '2026-09-28').date).toBe('2026-10-30');
  });

  it('§42: +10 working days with the agency head’s approval', () => {
    expect(caseDeadlineDue(cal, 'licensing_decision', '2026-11-02', { ...none, extensions: 1 }).date).toBe(
      '2026-12-14',
    );
  });

  it('§45: the hearing’s 10 working days 11-09..11-20 move the last day from 11-30 to 12-14', () => {
    const hearing = licensingExclusionsOf([hearingExclusion('2026-11-09', '2026-11-20')]);
    expect(hearing).toEqual([{ from: '2026-11-09', to: '2026-11-20', reason: 'hearing' }]);
    expect(
      caseDeadlineDue(cal, 'licensing_decision', '2026-11-02', { ...none, exclusions: hearing }).date,
    ).toBe('2026-12-14');
  });

  it('§45: only hearing, tender, auction, inspection, testing, quarantine, appraisal and expert review are excluded', () => {
    expect(licensingExclusionKinds).toEqual([
      'hearing',
      'tender',
      'auction',
      'inspection',
      'testing',
      'quarantine',
      'appraisal',
      'expert_review',
    ]);
    const untyped = [{ kind: 'other' as never, from: '2026-11-09', to: '2026-11-20', notifiedOn: null }];
    expect(licensingExclusionsOf(untyped)).toEqual([]);
  });
});

describe('行政许可法 §44: the licence issued and served within 10 working days of the grant', () => {
  it('§44, §82: granted 09-28, the licence is due by 10-16; late it is still issued, with a reason', () => {
    expect(caseDeadlineDue(cal, 'licence_issuance', '2026-09-28').date).toBe('2026-10-16');
    expect(lateCheck('licence_issuance', '2026-10-16', '2026-10-19', null)).toMatchObject({ allowed: false });
    expect(lateCheck('licence_issuance', '2026-10-16', '2026-10-19', '制证设备故障')).toMatchObject({
      late: true,
      allowed: true,
    });
  });

  it('§44: every decision opens the licence period (kept only on a grant), issue_licence meets it', () => {
    for (const t of licensing.transitions.filter((t) => t.decision))
      expect(t.opens).toEqual(['licence_issuance']);
    const issue = licensing.transitions.find((t) => t.step === 'issue_licence');
    expect(issue).toMatchObject({ meets: 'licence_issuance', label: '颁发、送达许可证件' });
    expect(requirementProblems(issue!, { ...metFacts, decidedOutcome: 'refuse' }).map((p) => p.path)).toEqual(
      ['step'],
    );
    expect(requirementProblems(issue!, { ...metFacts, decidedOutcome: 'grant' })).toEqual([]);
  });
});

describe('行政许可法 §46–§48: licensing hearings', () => {
  it('§47, §82: told of the right on 11-02, the request is due by 11-09; the agency holds it within 20 working days (12-07)', () => {
    expect(caseDeadlineDue(cal, 'licensing_hearing_request', '2026-11-02').date).toBe('2026-11-09');
    expect(caseDeadlineDue(cal, 'licensing_hearing', '2026-11-09').date).toBe('2026-12-07');
  });

  it('§47: a request after the 5 days is refused (the right lapses); a hearing held late needs a reason', () => {
    expect(caseDeadlineDefs.licensing_hearing_request.late).toBe('refused');
    expect(lateCheck('licensing_hearing_request', '2026-11-09', '2026-11-10', '迟交')).toMatchObject({
      allowed: false,
    });
    expect(caseDeadlineDefs.licensing_hearing.late).toBe('reason');
  });

  it('§46: a hearing the law requires or of major public interest is announced to the public', () => {
    expect(transitionFor(licensing, 'examined', 'announce_hearing')).toMatchObject({
      ok: true,
      transition: { to: 'hearing_pending', requires: ['reason'] },
    });
  });

  it('§48 ¶1 (三): the chair is not among the staff who reviewed the application', () => {
    const facts = {
      chairId: 'p1',
      reviewerIds: ['p1', 'p2'],
      hearingOn: '2026-11-19',
      earliestHearingOn: earliestHearingOn(cal, '2026-11-09').date,
      recordSigned: true,
    };
    expect(licensingHearingProblems(facts)).toEqual([
      {
        path: 'body.hearingChairId',
        message: expect.stringContaining('审查该行政许可申请的工作人员') as unknown,
      },
    ]);
    expect(licensingHearingProblems({ ...facts, chairId: 'p9' })).toEqual([]);
  });

  it('§48 ¶1 (一), §82: notified 11-09, held no earlier than 11-19 (7 working days between)', () => {
    const facts = {
      chairId: 'p9',
      reviewerIds: ['p1'],
      hearingOn: '2026-11-18',
      earliestHearingOn: earliestHearingOn(cal, '2026-11-09').date,
      recordSigned: true,
    };
    expect(licensingHearingProblems(facts).map((p) => p.path)).toEqual(['body.hearingNotifiedOn']);
  });

  it('§48 ¶1 (五): the record is signed or sealed by the participants', () => {
    const facts = {
      chairId: 'p9',
      reviewerIds: ['p1'],
      hearingOn: '2026-11-19',
      earliestHearingOn: '2026-11-19',
    };
    expect(licensingHearingProblems({ ...facts, recordSigned: false }).map((p) => p.path)).toEqual([
      'body.hearingRecordSigned',
    ]);
  });

  it('§48 ¶2: the decision after a hearing is made on its record; without a request, after the 5 days', () => {
    expect(transitionFor(licensing, 'heard', 'decide')).toMatchObject({ ok: true });
    const unasked = transitionFor(licensing, 'hearing_notified', 'decide');
    expect(unasked).toMatchObject({ ok: true, transition: { requires: ['hearing_period_over'] } });
  });

  it('the licensing lifecycle has no unknown, unreachable or dead-end state', () => {
    expect(lifecycleProblems(licensing)).toEqual([]);
  });
});

const metFacts: RequirementFacts = {
  reason: '理由',
  terminationGround: null,
  transferee: null,
  amountFen: null,
  hearingRequestDue: null,
  rightsWaived: false,
  hearingChairId: null,
  investigatorIds: [],
  hearingOn: null,
  earliestHearingOn: null,
  serviceMethod: null,
  electronicConsent: false,
  decidedAmountFen: null,
  decidedOutcome: null,
  remedy: '可向有关行政机关申请',
  on: '2026-11-02',
};
