import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code.rules.ts';

describe('GB 32100 unified social credit code', () => {
  it('accepts published codes of real bodies', () => {
    // Published on the national enterprise credit publicity system.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('914403001922038216')).toBeNull(); // 华为技术有限公司
  });

  it('computes the check character modulo 31, where 31 becomes 0', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100I43')).toBe('characters');
    expect(creditCodeProblem('91350100m000100Y43')).toBe('characters');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
  });
});
