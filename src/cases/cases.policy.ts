import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with cases. Anyone of the agency reads its cases, supervisors those below (overdue
 * steps are listed for supervision). Each lifecycle step names its own roles (lifecycles/); these rules
 * are the door before it. Recusal is decided by the agency's head (行政处罚法 §43).
 */
export const casesPolicy = definePolicy({
  read: { roles: 'any', reach: 'supervised', writes: false },
  create: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  step: { roles: ['officer', 'unit_head', 'agency_head', 'reviewer'], reach: 'own', writes: true },
  assign: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  declare: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  recuse: { roles: ['agency_head'], reach: 'own', writes: true },
  /** Entering the party's written application for recusal (§43 ¶2): whoever receives it. */
  applyRecusal: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  suspend: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  extend: { roles: ['unit_head', 'agency_head'], reach: 'own', writes: true },
  socialImpact: { roles: ['officer', 'unit_head', 'agency_head'], reach: 'own', writes: true },
  /** Deferral or instalments (行政处罚法 §66) and the application to the court (行政强制法 §53): the head's. */
  decidePayment: { roles: ['agency_head'], reach: 'own', writes: true },
});
