import { describe, expect, it } from 'vitest';
import { isLocked, lockoutAfterFailure } from './sign-in.rules.ts';

const now = new Date('2026-11-28T08:00:00Z');

describe('account lockout: 5 failures lock for 15 minutes', () => {
  it('counts the first four failures without locking', () => {
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      state = lockoutAfterFailure(state, now);
      expect(state).toEqual({ failedCount: i, lockedUntil: null });
    }
  });

  it('locks on the fifth failure until 15 minutes later', () => {
    const state = lockoutAfterFailure({ failedCount: 4, lockedUntil: null }, now);
    expect(state.lockedUntil?.toISOString()).toBe('2026-11-28T08:15:00.000Z');
    expect(isLocked(state, new Date('2026-11-28T08:14:59Z'))).toBe(true);
    expect(isLocked(state, new Date('2026-11-28T08:15:00Z'))).toBe(false);
  });
});
