/**
 * Account lockout (等保 2.0 level 3, GB/T 22239-2019 8.1.4.1: limit failed sign-ins and lock): 5 failures
 * in a row lock the account for 15 minutes; a success resets the count.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export interface LockoutState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function lockoutAfterFailure(state: LockoutState, now: Date): LockoutState {
  const failedCount = state.failedCount + 1;
  if (failedCount >= MAX_FAILED_SIGN_INS) {
    return { failedCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  }
  return { failedCount, lockedUntil: null };
}

export const isLocked = (state: LockoutState, now: Date): boolean =>
  state.lockedUntil !== null && state.lockedUntil > now;

/** A TOTP code is accepted once (RFC 6238 §5.2): only a step after the last one accepted passes. */
export const totpStepFresh = (step: number, lastAccepted: number | null): boolean =>
  lastAccepted === null || step > lastAccepted;
