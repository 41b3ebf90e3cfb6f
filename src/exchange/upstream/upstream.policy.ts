import { definePolicy } from '../../platform/auth/policy.ts';

/**
 * Who pairs the agency with the county platform and reads how its push goes (docs/county-push.md): the
 * agency's administrator, in its own agency (docs/permissions.md).
 */
export const upstreamPolicy = definePolicy({
  pair: { roles: ['administrator'], reach: 'own', writes: true },
  read: { roles: ['administrator'], reach: 'own', writes: false },
});
