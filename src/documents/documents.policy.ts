import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with documents. Officers (and the heads who sign decisions) issue them and take written
 * records; the legal unit, heads and auditors read; the county supervisor reads the agencies below. Only
 * an administrator or the agency head replaces the agency's templates and number patterns.
 */
export const documentsPolicy = definePolicy({
  read: {
    roles: ['officer', 'reviewer', 'unit_head', 'agency_head', 'administrator', 'auditor', 'supervisor'],
    reach: 'supervised',
    writes: false,
  },
  issue: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  manageTemplates: { roles: ['administrator', 'agency_head'], reach: 'own', writes: true },
  exportCaseFile: {
    roles: ['officer', 'reviewer', 'unit_head', 'agency_head', 'administrator', 'auditor', 'supervisor'],
    reach: 'supervised',
    writes: false,
  },
});
