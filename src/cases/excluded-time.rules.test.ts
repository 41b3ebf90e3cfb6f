import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../platform/calendar/chinese-days.data.ts';
import { periodRules } from '../calculator/periods.ts';
import { caseDeadlineDue, exclusionNotes, noPeriodFacts } from './case-deadlines.rules.ts';
import {
  allowedWhileSuspended,
  exclusionOfSuspension,
  periodExclusions,
  suspensionKindOf,
  type Exclusion,
} from './excluded-time.rules.ts';

const cal = bundledCalendar;
const facts = (...exclusions: Exclusion[]) => ({ ...noPeriodFacts, exclusions });
const testing: Exclusion = { from: '2026-09-05', to: '2026-09-24', reason: 'testing' };
const unreachable: Exclusion = { from: '2026-09-05', to: '2026-09-24', reason: 'suspension' };

/** Only the time the law excludes is excluded (issue 13 item 7; legal audit E7 and edge case 12). */
describe('time not counted in a period', () => {
  it('行政强制法 §25 ¶3: testing time is not counted in a seizure; a suspension for another reason does not extend it', () => {
    expect(caseDeadlineDue(cal, 'coercive_measure', '2026-09-01').date).toBe('2026-10-01');
    expect(caseDeadlineDue(cal, 'coercive_measure', '2026-09-01', facts(testing)).date).toBe('2026-10-21');
    expect(caseDeadlineDue(cal, 'coercive_measure', '2026-09-01', facts(unreachable)).date).toBe(
      '2026-10-01',
    );
    const extended = { ...facts(unreachable), extensions: 1 };
    expect(caseDeadlineDue(cal, 'coercive_measure', '2026-09-01', extended).date).toBe('2026-10-31');
  });

  it('程序规定 §18: testing time is not counted in the lead verification; hearing or other suspensions are', () => {
    const lead = { from: '2026-02-11', to: '2026-02-13', reason: 'testing' } as const;
    expect(caseDeadlineDue(cal, 'lead_verification', '2026-02-10').date).toBe('2026-03-09');
    expect(caseDeadlineDue(cal, 'lead_verification', '2026-02-10', facts(lead)).date).toBe('2026-03-12');
    expect(
      caseDeadlineDue(cal, 'lead_verification', '2026-02-10', facts({ ...lead, reason: 'suspension' })).date,
    ).toBe('2026-03-09');
  });

  it('程序规定 §64: suspension, hearing, public notice and testing time are not counted in the 90 days', () => {
    const base = caseDeadlineDue(cal, 'decision', '2026-01-05').date;
    expect(base).toBe('2026-04-07');
    for (const reason of ['hearing', 'public_notice', 'testing', 'suspension'] as const) {
      const ten = { from: '2026-02-01', to: '2026-02-10', reason };
      expect(caseDeadlineDue(cal, 'decision', '2026-01-05', facts(ten)).date, reason).toBe('2026-04-15');
    }
  });

  it('行政处罚法 §64, §67: the party’s hearing request, service and payment periods exclude nothing', () => {
    for (const code of ['hearing_request', 'service', 'payment'] as const) {
      expect(periodExclusions[code]).toEqual([]);
    }
  });

  it('the calculator and the case periods read one table of what each period excludes', () => {
    expect(periodRules.seizure.excludes).toBe(periodExclusions.coercive_measure);
    expect(periodRules.lead_verification.excludes).toBe(periodExclusions.lead_verification);
    expect(periodRules.decision.excludes).toBe(periodExclusions.decision);
    expect(periodRules.licensing_decision.excludes).toBe(periodExclusions.licensing_decision);
  });

  it('says which suspension each period counted out and which it ignored, as the calculator does', () => {
    const suspensions = [
      { ...testing, kind: 'testing' as const },
      { from: '2026-09-25', to: '2026-09-27', reason: 'suspension' as const, kind: 'other' as const },
    ];
    const notes = exclusionNotes('coercive_measure', suspensions, '2026-09-01', '2026-10-21');
    expect(notes).toMatchObject([
      { kind: 'testing', applied: true },
      { kind: 'other', applied: false },
    ]);
    expect(notes[1]?.text).toContain('不从「查封、扣押期限」中扣除');
    // A suspension that ended before the period opened is not the period's concern.
    expect(exclusionNotes('coercive_measure', suspensions, '2026-09-30', '2026-10-30')).toEqual([]);
  });

  it('reads a suspension stored before its type was recorded as another ground (其他中止事由)', () => {
    expect(suspensionKindOf({})).toBe('other');
    expect(exclusionOfSuspension('other')).toBe('suspension');
    expect(exclusionOfSuspension('testing')).toBe('testing');
  });

  it('程序规定 §64: while suspended for a hearing, the hearing’s steps are taken and no other', () => {
    expect(allowedWhileSuspended('hearing', 'hold_hearing')).toBe(true);
    expect(allowedWhileSuspended('hearing', 'request_hearing')).toBe(true);
    expect(allowedWhileSuspended('hearing', 'decide')).toBe(false);
    expect(allowedWhileSuspended('testing', 'hold_hearing')).toBe(false);
    expect(allowedWhileSuspended('other', 'investigate')).toBe(false);
  });
});
