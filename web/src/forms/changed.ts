/** The entries of `next` that differ from `previous`, so an edit sends (and records) only real changes. */
export function changedFields<T extends object>(previous: Partial<T>, next: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) result[key] = next[key];
  }
  return result;
}

export const isEmpty = (value: object): boolean => Object.keys(value).length === 0;
