import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with publications (公示). Anyone signed in reads their agency's (supervisors those
 * below); those who handle cases enter drafts and submit them (公示规定 §16: whoever handles it enters it);
 * only the publisher (公示管理员) reviews, publishes, withdraws, ends early and answers corrections — and
 * never reviews their own draft (publications.rules.ts). The numbers are the administrator's.
 */
export const publicationsPolicy = definePolicy({
  read: { roles: 'any', reach: 'supervised', writes: false },
  draft: {
    roles: ['officer', 'unit_head', 'reviewer', 'agency_head', 'publisher', 'administrator'],
    reach: 'own',
    writes: true,
  },
  publish: { roles: ['publisher'], reach: 'own', writes: true },
  configure: { roles: ['administrator'], reach: 'own', writes: true },
});
