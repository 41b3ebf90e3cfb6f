import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.ts';
import { roles } from '../../platform/auth/roles.ts';
import {
  allowedSteps,
  lifecycleProblems,
  mayTake,
  officerProblems,
  recusalPending,
  requirementProblems,
  transitionFor,
  type AssignedOfficer,
  type RequirementFacts,
} from '../lifecycle.rules.ts';
import { lifecycles, lifecycleKinds, type Transition } from './index.ts';

/**
 * Every transition of every lifecycle, each test named after the rule it encodes: taken from its state,
 * refused from a state that does not allow it (naming that state's steps), only by its roles, only with its
 * officers, and only with its requirements met.
 */

const certified: AssignedOfficer['certificates'] = [
  { fields: ['food'], validFrom: '2024-01-01', validTo: '2029-12-31', statusChanges: [] },
];
const officer = (n: number): AssignedOfficer => ({
  personId: `p${n}`,
  name: `执法人员${n}`,
  certificates: certified,
  recused: false,
  declaredConflict: false,
  applicationPending: false,
});

/** Facts under which every requirement is met. */
const met: RequirementFacts = {
  reason: '理由',
  amountFen: 10_000,
  hearingRequestDue: '2026-03-01',
  rightsWaived: false,
  hearingChairId: 'chair',
  investigatorIds: ['p1', 'p2'],
  hearingOn: '2026-03-20',
  earliestHearingOn: '2026-03-12',
  serviceMethod: 'direct',
  electronicConsent: false,
  decidedAmountFen: 0,
  terminationGround: 'person_died',
  transferee: '衡阳县公安局',
  remedy: '可向有关行政机关申请，或者依法申请行政复议、提起行政诉讼',
  hearingRecordSigned: true,
  on: '2026-03-20',
};

/** A licence is issued on a grant, a refusal served (行政许可法 §38, §44): the outcome the step needs. */
const metFor = (t: Transition): RequirementFacts => ({
  ...met,
  decidedOutcome: t.requires?.includes('licence_refused') ? 'refuse' : 'grant',
});

const otherRole = (t: Transition): Role | undefined => roles.find((r) => !t.roles.includes(r));

describe.each(lifecycleKinds)('the %s lifecycle', (kind) => {
  const lc = lifecycles[kind];

  it('is well formed: known states, every state reachable, no dead end, every step citing its rule', () => {
    expect(lifecycleProblems(lc)).toEqual([]);
    expect(lc.states.every((s) => /[\u4e00-\u9fff]/.test(s.label))).toBe(true);
  });

  for (const t of lc.transitions) {
    it(`${t.basis} — ${t.label}（${t.from} → ${t.to}）`, () => {
      // Taken from its state, to its state.
      const taken = transitionFor(lc, t.from, t.step);
      expect(taken).toMatchObject({ ok: true, transition: { to: t.to } });
      // Refused from a state that does not allow the step, naming that state and its steps.
      const elsewhere = lc.states.find(
        (s) => !lc.transitions.some((x) => x.from === s.id && x.step === t.step),
      );
      if (elsewhere) {
        const refused = transitionFor(lc, elsewhere.id, t.step);
        expect(refused.ok).toBe(false);
        if (!refused.ok) {
          expect(refused.stateLabel).toBe(elsewhere.label);
          expect(refused.allowed.map((a) => a.step)).toEqual(
            allowedSteps(lc, elsewhere.id).map((a) => a.step),
          );
        }
      }
      // Only its roles take it.
      expect(mayTake(t, new Set(t.roles))).toBe(true);
      const other = otherRole(t);
      if (other) expect(mayTake(t, new Set([other]))).toBe(false);
      // Its officers (行政处罚法 §42): one fewer is refused, enough certified ones pass.
      if (t.officers) {
        const enough = Array.from({ length: t.officers }, (_, i) => officer(i + 1));
        expect(officerProblems(t.officers, enough, 'food', '2026-03-20')).toEqual([]);
        expect(officerProblems(t.officers, enough.slice(1), 'food', '2026-03-20')[0]).toMatchObject({
          kind: 'too_few',
        });
      }
      // Its requirements: all met passes; each one missing is named.
      expect(requirementProblems(t, metFor(t))).toEqual([]);
      for (const r of t.requires ?? []) {
        const unmet: Partial<Record<typeof r, Partial<RequirementFacts>>> = {
          reason: { reason: ' ' },
          amount: { amountFen: null },
          hearing_period_over: { hearingRequestDue: '2026-03-25' },
          hearing_chair: { hearingChairId: 'p1' },
          service_consent_if_electronic: { serviceMethod: 'electronic' },
          nothing_to_execute: { decidedAmountFen: 500 },
          termination_ground: { terminationGround: null },
          transferee: { transferee: ' ' },
          remedy: { remedy: ' ' },
          licensing_hearing_chair: { hearingChairId: 'p1' },
          licence_granted: { decidedOutcome: 'refuse' },
          licence_refused: { decidedOutcome: 'grant' },
        };
        expect(requirementProblems(t, { ...metFor(t), ...unmet[r] }).map((p) => p.requirement)).toContain(r);
      }
    });
  }
});

describe('the officer check (行政处罚法 §42, §43)', () => {
  it('names each officer whose certificate is not valid for the field on the day', () => {
    const expired: AssignedOfficer = {
      ...officer(3),
      name: '郑凯',
      certificates: [{ fields: ['food'], validFrom: '2024-01-01', validTo: '2026-06-30', statusChanges: [] }],
    };
    const problems = officerProblems(2, [officer(1), expired], 'food', '2026-11-28');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'certificate', name: '郑凯', refusal: 'CERTIFICATE_EXPIRED' });
    expect(problems[0]?.message).toContain('郑凯');
    // A field outside the certificate, and a suspension in force on the day.
    expect(officerProblems(1, [officer(1)], 'drugs', '2026-11-28')[0]).toMatchObject({
      refusal: 'CERTIFICATE_FIELD_MISMATCH',
    });
    const suspended = {
      ...officer(4),
      certificates: [
        { ...certified[0]!, statusChanges: [{ status: 'suspended' as const, effectiveOn: '2026-09-01' }] },
      ],
    };
    expect(officerProblems(1, [suspended], 'food', '2026-08-31')).toEqual([]);
    expect(officerProblems(1, [suspended], 'food', '2026-09-01')[0]).toMatchObject({
      refusal: 'CERTIFICATE_SUSPENDED',
    });
  });

  it('does not count recused officers', () => {
    expect(
      officerProblems(2, [officer(1), { ...officer(2), recused: true }], 'food', '2026-11-28')[0],
    ).toMatchObject({
      kind: 'too_few',
      available: 1,
    });
  });
});

describe('行政处罚法 §43 ¶3: 回避决定作出之前，不停止调查', () => {
  const po = lifecycles.penalty_ordinary;
  const t = (step: string) => po.transitions.find((x) => x.step === step)!;
  const declared = [officer(1), { ...officer(2), declaredConflict: true }];
  const applied = [officer(1), { ...officer(2), applicationPending: true }];

  it('lets the investigation go on while a declared conflict or a party application is undecided', () => {
    expect(recusalPending(t('investigate'), declared)).toEqual([]);
    expect(recusalPending(t('investigate'), applied)).toEqual([]);
    // A declared conflict does not block the officer count either: the officer is not yet recused.
    expect(officerProblems(2, declared, 'food', '2026-11-28')).toEqual([]);
  });

  it('holds every step that disposes of the case (end of investigation, notice, decision, exits) until the head decides', () => {
    for (const step of ['conclude_investigation', 'notify', 'decide', 'transfer_judiciary']) {
      expect(recusalPending(t(step), declared)).toMatchObject([{ name: '执法人员2', by: 'declaration' }]);
      expect(recusalPending(t(step), applied)).toMatchObject([{ name: '执法人员2', by: 'application' }]);
    }
    expect(
      recusalPending(t('notify'), [officer(1), { ...officer(2), declaredConflict: true, recused: true }]),
    ).toEqual([]);
  });
});

describe('hearing requirements (行政处罚法 §64)', () => {
  const hold = lifecycles.penalty_ordinary.transitions.find((t) => t.step === 'hold_hearing')!;
  it('refuses a chair who investigated the case and a hearing fewer than 7 working days after notice', () => {
    const problems = requirementProblems(hold, { ...met, hearingChairId: 'p2', hearingOn: '2026-03-11' });
    expect(problems.map((p) => p.path)).toEqual(['body.hearingChairId', 'body.hearingNotifiedOn']);
  });
  it('refuses a decision while the party may still ask for a hearing, unless they waived it in writing', () => {
    const decide = transitionFor(lifecycles.penalty_ordinary, 'notified', 'decide');
    if (!decide.ok) throw new Error('decide from notified');
    const early = { ...met, hearingRequestDue: '2026-03-20', on: '2026-03-20' };
    expect(requirementProblems(decide.transition, early)).toMatchObject([
      { requirement: 'hearing_period_over' },
    ]);
    expect(requirementProblems(decide.transition, { ...early, rightsWaived: true })).toEqual([]);
    expect(requirementProblems(decide.transition, { ...early, on: '2026-03-23' })).toEqual([]);
  });
});

describe('summary procedure needs two officers (行政处罚法 §42)', () => {
  it('refuses a summary decision by one officer and allows it by two', () => {
    const decide = transitionFor(lifecycles.penalty_summary, 'on_site', 'decide');
    if (!decide.ok) throw new Error('on_site → decide must exist');
    expect(decide.transition.officers).toBe(2);
    expect(
      officerProblems(decide.transition.officers ?? 0, [officer(1)], 'food', '2026-03-20')[0],
    ).toMatchObject({
      kind: 'too_few',
    });
    expect(
      officerProblems(decide.transition.officers ?? 0, [officer(1), officer(2)], 'food', '2026-03-20'),
    ).toEqual([]);
  });
});

describe('exits of the ordinary penalty case (行政处罚法 §27; 国务院令第310号; 程序规定 §15, §48)', () => {
  const po = lifecycles.penalty_ordinary;
  const exitsOf = (state: string) =>
    allowedSteps(po, state)
      .map((t) => t.step)
      .filter((s) => ['transfer_judiciary', 'terminate_investigation', 'transfer_jurisdiction'].includes(s));

  it('leaves the procedure from any state before the decision, by the agency head, with its reason', () => {
    expect(exitsOf('lead')).toEqual(['transfer_judiciary', 'transfer_jurisdiction']);
    for (const state of ['filed', 'investigating', 'notified', 'heard', 'deliberated']) {
      expect(exitsOf(state), state).toEqual([
        'transfer_judiciary',
        'terminate_investigation',
        'transfer_jurisdiction',
      ]);
    }
    for (const t of po.transitions.filter((x) => exitsOf(x.from).includes(x.step))) {
      expect(t.roles).toEqual(['agency_head']);
      expect(t.requires).toContain('reason');
    }
  });

  it('does not leave it under legal review nor once decided', () => {
    for (const state of ['under_review', 'decided', 'served', 'executed', 'closed']) {
      expect(exitsOf(state), state).toEqual([]);
    }
  });

  it('archives the file of a case that left the procedure (行政处罚法 §47)', () => {
    for (const state of ['transferred_judiciary', 'investigation_terminated', 'transferred_jurisdiction']) {
      expect(po.states.find((s) => s.id === state)).toMatchObject({ exit: true });
      expect(allowedSteps(po, state).map((t) => [t.step, t.to])).toEqual([['archive', 'archived']]);
    }
  });

  it('names the 310号令 documents of a transfer to the judiciary', () => {
    const t = transitionFor(po, 'investigating', 'transfer_judiciary');
    expect(t.ok && t.transition.documents).toEqual(
      expect.arrayContaining(['涉嫌犯罪案件移送书', '证据清单']),
    );
  });
});
