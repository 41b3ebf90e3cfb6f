import { describe, expect, it } from 'vitest';
import { authorize, permits, readableAgencies, type Rule } from './policy.ts';
import type { Principal } from './principal.ts';
import type { Role } from './roles.ts';

const principal = (roles: Role[], supervised: string[] = [], scopes: string[] | null = null): Principal => ({
  accountId: 'acc',
  personId: 'person',
  agencyId: 'bureau',
  username: 'u',
  name: 'n',
  roles: new Set(roles),
  supervisedAgencyIds: new Set(supervised),
  via: scopes ? 'token' : 'session',
  scopes,
  ip: null,
});

const read: Rule = { roles: 'any', reach: 'supervised', writes: false };
const manage: Rule = { roles: ['administrator'], reach: 'own', writes: true };

describe('permissions are scoped to the agency', () => {
  it('lets any role read its own agency and only the named roles write it', () => {
    expect(permits(principal(['officer']), read, 'bureau')).toBe(true);
    expect(permits(principal(['officer']), manage, 'bureau')).toBe(false);
    expect(permits(principal(['administrator']), manage, 'bureau')).toBe(true);
  });

  it('grants a person without any role nothing', () => {
    expect(permits(principal([]), read, 'bureau')).toBe(false);
  });

  it('answers 404 outside the reach, so another agency’s records do not show they exist', () => {
    expect(() => authorize(principal(['administrator']), manage, 'other')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => authorize(principal(['officer']), manage, 'bureau')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('lets a supervisor read the agencies below, never write them', () => {
    const supervisor = principal(['supervisor'], ['below']);
    expect(permits(supervisor, read, 'below')).toBe(true);
    expect(permits(supervisor, { ...manage, reach: 'supervised' }, 'below')).toBe(false);
    expect(permits(principal(['officer'], ['below']), read, 'below')).toBe(false);
    expect(readableAgencies(supervisor, read)).toEqual(['bureau', 'below']);
  });

  it('keeps a read-scoped token from writing even for an administrator', () => {
    expect(permits(principal(['administrator'], [], ['read']), manage, 'bureau')).toBe(false);
    expect(permits(principal(['administrator'], [], ['read', 'write']), manage, 'bureau')).toBe(true);
  });
});
