import { describe, expect, it } from 'vitest';
import { noPenaltyGroundDefs, noPenaltyProblems, type NoPenaltyFacts } from './no-penalty.rules.ts';

const decision = (f: Partial<NoPenaltyFacts>): NoPenaltyFacts => ({
  outcome: 'no_penalty',
  ground: 'minor_corrected_no_harm',
  education: '当场对当事人进行法治教育，责令其立即改正',
  reason: '违法行为轻微，已当场改正，未造成危害后果',
  listedEntry: null,
  ...f,
});
const paths = (f: Partial<NoPenaltyFacts>) => noPenaltyProblems(decision(f)).map((p) => p.path);

describe('行政处罚法 §33: not punishing', () => {
  it('§33 ¶1: minor, corrected and harmless must not be punished; a first minor offence may not be', () => {
    expect(noPenaltyGroundDefs.minor_corrected_no_harm.duty).toBe('must_not');
    expect(noPenaltyGroundDefs.first_offence_minor_corrected.duty).toBe('may_not');
  });
  it('§33 ¶2: no fault proven must not be punished, unless a law or administrative regulation says otherwise', () => {
    expect(noPenaltyGroundDefs.no_fault).toMatchObject({ duty: 'must_not' });
    expect(noPenaltyGroundDefs.no_fault.basis).toContain('另有规定');
  });
  it('a decision not to punish names its ground', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ ground: null })).toEqual(['body.noPenaltyGround']);
  });
  it('§33 ¶3: a decision not to punish records the education given', () => {
    expect(paths({ education: null })).toEqual(['body.education']);
    expect(paths({ education: '  ' })).toEqual(['body.education']);
  });
  it('免罚清单: the listed ground needs the item listed on the day of the decision', () => {
    expect(paths({ ground: 'listed' })).toEqual(['body.noPenaltyGround']);
    expect(paths({ ground: 'listed', listedEntry: '首次未按规定公示食品经营许可证，及时改正' })).toEqual([]);
  });
  it('a decision that punishes carries no ground of not punishing', () => {
    expect(paths({ outcome: 'penalty', education: null })).toEqual(['body.noPenaltyGround']);
    expect(paths({ outcome: 'penalty', ground: null, education: null })).toEqual([]);
  });
});
