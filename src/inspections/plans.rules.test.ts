import { describe, expect, it } from 'vitest';
import { countsOf, periodProblem, planStateOf, taskStateOf } from './plans.rules.ts';

describe('the counts a task draws per risk grade', () => {
  const eligible = { A: 40, B: 25, C: 7, D: 3 };

  it('a count is taken as given', () => {
    expect(countsOf({ B: { count: 5 } }, eligible)).toEqual({ A: 0, B: 5, C: 0, D: 0 });
  });

  it('a percentage of the eligible targets is rounded up, so a positive share draws at least one', () => {
    expect(countsOf({ A: { percent: 5 }, C: { percent: 30 }, D: { percent: 100 } }, eligible)).toEqual({
      A: 2,
      B: 0,
      C: 3,
      D: 3,
    });
  });

  it('an exact share is not rounded up past itself', () => {
    expect(countsOf({ A: { percent: 10 } }, eligible).A).toBe(4);
  });
});

describe('plans and tasks', () => {
  it('a task lies within its plan year', () => {
    expect(periodProblem(2026, '2026-03-01', '2026-06-30')).toBeNull();
    expect(periodProblem(2026, '2026-12-01', '2027-01-31')).toBe('任务期间应在计划年度 2026 年内');
  });

  it('a plan is published once published, approved once approved, else a draft', () => {
    expect(planStateOf({ approved_on: null, published_at: null })).toBe('draft');
    expect(planStateOf({ approved_on: '2026-01-05', published_at: null })).toBe('approved');
    expect(planStateOf({ approved_on: '2026-01-05', published_at: new Date() })).toBe('published');
  });

  it('a cancelled task stays cancelled, whatever was done before', () => {
    expect(taskStateOf({ cancelled: true, committed: true, drawn: true })).toBe('cancelled');
    expect(taskStateOf({ cancelled: false, committed: true, drawn: false })).toBe('committed');
  });
});
