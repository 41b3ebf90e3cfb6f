import { describe, expect, it } from 'vitest';
import { PrincipalCache } from './principal-cache.ts';

describe('the principal cache answers from memory only briefly', () => {
  it('loads once within the lifetime and again after it', async () => {
    const cache = new PrincipalCache<number>(2000);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('t', 0, load)).toBe(1);
    expect(await cache.get('t', 1999, load)).toBe(1);
    expect(await cache.get('t', 2000, load)).toBe(2);
  });

  it('forgets everything when cleared (after any committed change)', async () => {
    const cache = new PrincipalCache<string | null>(2000);
    await cache.get('t', 0, () => Promise.resolve('signed in'));
    cache.clear();
    expect(await cache.get('t', 1, () => Promise.resolve(null))).toBeNull();
  });

  it('stays bounded', async () => {
    const cache = new PrincipalCache<number>(2000, 2);
    for (let i = 0; i < 5; i++) await cache.get(String(i), 0, () => Promise.resolve(i));
    let loads = 0;
    await cache.get('0', 1, () => Promise.resolve(++loads));
    expect(loads).toBe(1);
  });
});
