import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what in random inspection (双随机、一公开; issue 15). Officers keep the target directory and
 * carry out inspections and record their results; publishers and heads publish the results; unit heads make plans and tasks, commit and draw; the agency head approves a plan
 * (it is the agency's yearly plan, 市场监管总局关于全面推进“双随机、一公开”监管工作的通知); supervisors and
 * auditors read.
 */
export const inspectionsPolicy = definePolicy({
  read: {
    roles: ['officer', 'unit_head', 'agency_head', 'supervisor', 'auditor', 'reviewer'],
    reach: 'supervised',
    writes: false,
  },
  manageTargets: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  plan: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  approve: { roles: ['agency_head'], reach: 'own', writes: true },
  draw: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  inspect: { roles: ['officer', 'unit_head'], reach: 'own', writes: true },
  publishResult: { roles: ['publisher', 'unit_head', 'agency_head'], reach: 'own', writes: true },
});
