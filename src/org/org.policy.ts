import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with agencies, units, people and certificates. Anyone signed in reads their own
 * agency; supervisors read the agencies below theirs; administrators manage their own agency; an
 * auditor only reads.
 */
export const orgPolicy = definePolicy({
  readAgency: { roles: 'any', reach: 'supervised', writes: false },
  manageAgency: { roles: ['administrator'], reach: 'own', writes: true },
  readPeople: { roles: 'any', reach: 'supervised', writes: false },
  managePeople: { roles: ['administrator'], reach: 'own', writes: true },
  readAudit: { roles: ['auditor', 'administrator', 'supervisor'], reach: 'supervised', writes: false },
  manageTokens: { roles: ['administrator'], reach: 'own', writes: true },
});
