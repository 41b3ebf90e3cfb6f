/** Time comes from a clock passed in, so rules and services can be tested at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export { chinaDate } from './china-date.ts';
