import { definePolicy } from '../platform/auth/policy.ts';

/**
 * Who may do what with evidence files, AV devices, enforcement steps, the AV checklist and retention.
 * Officers record and upload for their own agency; the legal unit, heads and auditors read; the county
 * supervisor reads the agencies below (never writes); only an agency head disposes of a file whose
 * retention has run out. Another agency sees nothing: 404.
 */
export const recordsPolicy = definePolicy({
  // Evidence holds personal data: the publicity clerk has no need of it.
  readEvidence: {
    roles: ['officer', 'reviewer', 'unit_head', 'agency_head', 'administrator', 'auditor', 'supervisor'],
    reach: 'supervised',
    writes: false,
  },
  uploadEvidence: { roles: ['officer', 'unit_head'], reach: 'own', writes: true },
  markEvidence: { roles: ['officer', 'unit_head', 'reviewer', 'agency_head'], reach: 'own', writes: true },
  disposeEvidence: { roles: ['agency_head'], reach: 'own', writes: true },
  readSteps: { roles: 'any', reach: 'supervised', writes: false },
  recordSteps: { roles: ['officer', 'unit_head'], reach: 'own', writes: true },
  readRecorders: { roles: 'any', reach: 'supervised', writes: false },
  manageRecorders: { roles: ['administrator', 'unit_head'], reach: 'own', writes: true },
  // An officer checks a device out to, and in from, themselves; managers do it for anyone.
  borrowRecorder: { roles: ['officer'], reach: 'own', writes: true },
  readSettings: { roles: 'any', reach: 'supervised', writes: false },
  manageSettings: { roles: ['administrator', 'agency_head'], reach: 'own', writes: true },
  readGaps: {
    roles: ['officer', 'reviewer', 'unit_head', 'agency_head', 'administrator', 'auditor', 'supervisor'],
    reach: 'supervised',
    writes: false,
  },
});
