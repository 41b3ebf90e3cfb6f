import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with the power list. Anyone signed in reads their agency's list, supervisors those
 * below; the legal unit, unit and agency heads, administrators and the publisher draft changes; only the
 * publisher (公示管理员, the person S-2.3 makes responsible for ex-ante publicity) approves or rejects —
 * and never their own change (power-list.rules.ts `mayReview`).
 */
export const powersPolicy = definePolicy({
  read: { roles: 'any', reach: 'supervised', writes: false },
  draft: {
    roles: ['administrator', 'reviewer', 'unit_head', 'agency_head', 'publisher'],
    reach: 'own',
    writes: true,
  },
  review: { roles: ['publisher'], reach: 'own', writes: true },
});
