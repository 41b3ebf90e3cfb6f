import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what in legal review. Anyone of the agency reads its reviews (the officer follows their case),
 * supervisors those below (accountability, S-14). Officers and heads submit; the legal unit's head and the
 * agency's head assign reviewers; reviewers review; heads record collective deliberation (行政处罚法 §57);
 * the catalogue is drafted by the legal unit and its county approval recorded by the agency's head or an
 * administrator; reviewers' qualifications and training by the legal unit's head or an administrator.
 */
export const reviewPolicy = definePolicy({
  read: { roles: 'any', reach: 'supervised', writes: false },
  submit: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  assign: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  review: { roles: ['reviewer'], reach: 'own', writes: true },
  extend: { roles: ['agency_head', 'unit_head'], reach: 'own', writes: true },
  deliberate: { roles: ['agency_head'], reach: 'own', writes: true },
  draftCatalogue: { roles: ['reviewer', 'administrator', 'agency_head'], reach: 'own', writes: true },
  approveCatalogue: { roles: ['agency_head', 'administrator'], reach: 'own', writes: true },
  manageReviewers: { roles: ['administrator', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  accountability: {
    roles: ['agency_head', 'unit_head', 'reviewer', 'supervisor', 'auditor', 'administrator'],
    reach: 'supervised',
    writes: false,
  },
});
