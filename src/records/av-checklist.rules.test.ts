import { describe, expect, it } from 'vitest';
import {
  avGaps,
  checklistProblems,
  defaultChecklist,
  stepLabel,
  type AvFacts,
  type ChecklistItem,
  type StepFacts,
} from './av-checklist.rules.ts';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 28, 1, minute, second));
const subject = { subjectType: 'case', subjectId: 'C-1' };

const step = (id: string, code: string, from: number, to: number | null): StepFacts => ({
  id,
  step: code,
  ...subject,
  startedAt: at(from),
  endedAt: to === null ? null : at(to),
});

const av = (over: Partial<AvFacts> & { id: string }): AvFacts => ({
  kind: 'video',
  ...subject,
  step: null,
  stepId: null,
  fullProcess: false,
  capturedFrom: null,
  capturedTo: null,
  interruptions: [],
  ...over,
});

const gapsOf = (steps: StepFacts[], evidence: AvFacts[]) =>
  avGaps(steps, evidence, defaultChecklist).map((g) => [
    g.stepId,
    g.problem,
    g.from?.toISOString(),
    g.to?.toISOString(),
  ]);

describe('the AV checklist (音像记录事项清单, 国办发〔2018〕118号)', () => {
  it('needs any AV for an on-site inspection: a photo of that step will do', () => {
    const inspection = step('s1', 'on_site_inspection', 0, 30);
    expect(gapsOf([inspection], [])).toEqual([['s1', 'no_av', undefined, undefined]]);
    expect(gapsOf([inspection], [av({ id: 'e1', kind: 'photo', stepId: 's1' })])).toEqual([]);
    // Linked by code on the same subject when no step id is given; a scan is not AV.
    expect(gapsOf([inspection], [av({ id: 'e2', step: 'on_site_inspection' })])).toEqual([]);
    expect(gapsOf([inspection], [av({ id: 'e3', kind: 'scan', stepId: 's1' })])).toHaveLength(1);
    // Evidence of another step or another subject does not count.
    expect(gapsOf([inspection], [av({ id: 'e4', stepId: 's9' })])).toHaveLength(1);
    expect(
      gapsOf([inspection], [av({ id: 'e5', step: 'on_site_inspection', subjectId: 'C-2' })]),
    ).toHaveLength(1);
  });

  it('asks nothing of steps the checklist does not name', () => {
    expect(gapsOf([step('s1', 'filing', 0, 1)], [])).toEqual([]);
  });

  it('needs full-process AV for a seizure, from its start to its end', () => {
    const seizure = step('s1', 'seizure', 0, 30);
    expect(
      gapsOf([seizure], [av({ id: 'e1', stepId: 's1', capturedFrom: at(0), capturedTo: at(30) })]),
    ).toEqual([['s1', 'not_full_process', undefined, undefined]]);
    const whole = av({ id: 'e2', stepId: 's1', fullProcess: true, capturedFrom: at(0), capturedTo: at(30) });
    expect(gapsOf([seizure], [whole])).toEqual([]);
  });

  it('accepts a recording split into files, but names an unexplained break, and the missing end', () => {
    const seizure = step('s1', 'seizure', 0, 30);
    const part = (id: string, from: Date, to: Date) =>
      av({ id, stepId: 's1', fullProcess: true, capturedFrom: from, capturedTo: to });
    // Files split by the recorder, a few seconds apart.
    expect(gapsOf([seizure], [part('a', at(0), at(10)), part('b', at(10, 3), at(30))])).toEqual([]);
    // A two-minute break nobody explained, and the last five minutes not recorded.
    expect(gapsOf([seizure], [part('a', at(0), at(10)), part('b', at(12), at(25))])).toEqual([
      ['s1', 'unexplained_break', at(10).toISOString(), at(12).toISOString()],
      ['s1', 'unexplained_break', at(25).toISOString(), at(30).toISOString()],
    ]);
  });

  it('accepts a break stated on resuming (四平: say why it stopped)', () => {
    const seizure = step('s1', 'seizure', 0, 30);
    const first = av({ id: 'a', stepId: 's1', fullProcess: true, capturedFrom: at(0), capturedTo: at(10) });
    const second = av({
      id: 'b',
      stepId: 's1',
      fullProcess: true,
      capturedFrom: at(12),
      capturedTo: at(30),
      interruptions: [{ stoppedAt: at(10), resumedAt: at(12), reason: '电池耗尽，更换电池' }],
    });
    expect(gapsOf([seizure], [first, second])).toEqual([]);
  });

  it('checks a step with no recorded end up to its last recording', () => {
    const sealing = step('s1', 'sealing', 0, null);
    const late = av({ id: 'a', stepId: 's1', fullProcess: true, capturedFrom: at(3), capturedTo: at(20) });
    expect(gapsOf([sealing], [late])).toEqual([
      ['s1', 'unexplained_break', at(0).toISOString(), at(3).toISOString()],
    ]);
  });

  it('lets an agency add steps and raise requirements, never drop or weaken a default one', () => {
    const raised: ChecklistItem[] = defaultChecklist.map((i) =>
      i.step === 'hearing' ? { ...i, requirement: 'full_process_av' } : i,
    );
    const custom = {
      step: 'night_market_patrol',
      label: '夜市巡查',
      requirement: 'av',
      basis: '本局规定',
    } as const;
    expect(checklistProblems([...raised, custom])).toEqual([]);
    expect(stepLabel('night_market_patrol', [...raised, custom])).toBe('夜市巡查');
    expect(stepLabel('decision', defaultChecklist)).toBe('决定');
    expect(stepLabel('unknown_step', defaultChecklist)).toBeUndefined();

    const weakened = defaultChecklist.map((i) =>
      i.step === 'seizure' ? { ...i, requirement: 'av' as const } : i,
    );
    expect(checklistProblems(weakened)).toEqual([
      { index: 8, message: expect.stringContaining('扣押') as string },
    ]);
    const dropped = defaultChecklist.filter((i) => i.step !== 'service');
    expect(checklistProblems(dropped)).toEqual([
      { index: null, message: expect.stringContaining('送达') as string },
    ]);
    expect(checklistProblems([...defaultChecklist, custom, custom]).map((p) => p.index)).toEqual([
      defaultChecklist.length + 1,
    ]);
    expect(checklistProblems([...defaultChecklist, { ...custom, step: 'decision' }])).toHaveLength(1);
  });
});
