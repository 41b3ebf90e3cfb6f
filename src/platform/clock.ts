/** Time comes from a clock passed in, so rules and services can be tested at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A legal date (`YYYY-MM-DD`) in China time (UTC+8, no daylight saving) for an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
