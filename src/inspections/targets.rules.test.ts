import { describe, expect, it } from 'vitest';
import { actionOf, targetChanges, type TargetFacts } from './targets.rules.ts';

const shop: TargetFacts = {
  name: '城关副食店',
  address: '解放路 1 号',
  field: 'food',
  riskGrade: 'B',
  active: true,
};

describe('the history of an inspection target', () => {
  it('a new target lists every fact as set from nothing', () => {
    expect(targetChanges(null, shop).map((c) => [c.field, c.from, c.to])).toEqual([
      ['name', null, '城关副食店'],
      ['address', null, '解放路 1 号'],
      ['field', null, 'food'],
      ['riskGrade', null, 'B'],
      ['active', null, '是'],
    ]);
    expect(actionOf(null, shop)).toBe('added');
  });

  it('a grade raised is one change, from the old grade to the new', () => {
    expect(targetChanges(shop, { ...shop, riskGrade: 'D' })).toEqual([
      { field: 'riskGrade', from: 'B', to: 'D' },
    ]);
    expect(actionOf(shop, { ...shop, riskGrade: 'D' })).toBe('edited');
  });

  it('taking a target out of the directory and back in are named as such', () => {
    const out = { ...shop, active: false };
    expect(actionOf(shop, out)).toBe('deactivated');
    expect(actionOf(out, shop)).toBe('reactivated');
  });

  it('an unchanged target has no changes', () => {
    expect(targetChanges(shop, { ...shop })).toEqual([]);
  });
});
