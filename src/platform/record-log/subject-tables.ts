/**
 * Subject types whose commands record the subject's row as written (`returningAll()`), and the table that
 * row lives in. For these, `sanxiang verify` checks that the row as it is now equals what the log says was
 * last written: each column takes the value of the latest recorded record holding it (a later record with
 * some of the columns, such as `{status}`, overrides those). A row changed outside a command, or deleted,
 * or never recorded, is then named by table and id.
 *
 * The rule for an area that adds a subject type here: every command that changes such a row records that
 * row (or the columns it changed) with the row's subject type and id. Records about a subject that carry
 * no column of its table (`{granted, revoked}` for a person's roles) are fine; a record whose `id` names
 * another row is ignored.
 */
export const subjectTables: Readonly<Record<string, string>> = {
  agency: 'agencies',
  unit: 'units',
  person: 'people',
  certificate: 'certificates',
  evidence_file: 'evidence_files',
  enforcement_step: 'enforcement_steps',
  recorder: 'recorders',
  recorder_loan: 'recorder_loans',
  av_checklist: 'av_checklists',
  retention_policy: 'retention_policies',
  power_item: 'power_items',
  case: 'cases',
  case_party: 'case_parties',
  case_officer: 'case_officers',
  case_event: 'case_events',
  case_deadline: 'case_deadlines',
  recusal_application: 'recusal_applications',
  case_payment: 'case_payments',
  case_payment_plan: 'case_payment_plans',
  case_cash_handover: 'case_cash_handovers',
  service_guide: 'service_guides',
  publication: 'publications',
  correction_request: 'correction_requests',
  publicity_settings: 'publicity_settings',
  document_settings: 'document_settings',
  calendar_notice: 'calendar_notices',
  issued_document: 'issued_documents',
  document_template: 'document_templates',
  document_number_pattern: 'document_number_patterns',
  review_catalogue: 'review_catalogues',
  review: 'reviews',
  review_finding: 'review_findings',
  review_participant: 'review_participants',
  review_deliberation: 'review_deliberations',
  reviewer_qualification: 'reviewer_qualifications',
  reviewer_training: 'reviewer_trainings',
  review_refusal: 'review_refusals',
  log_entry_refusal: 'log_entry_refusals',
  upstream: 'upstreams',
  witness_log: 'witness_logs',
  witness_checkpoint: 'witness_checkpoints',
  witness_alert: 'witness_alerts',
  county_agency: 'county_agencies',
  county_agency_event: 'county_agency_events',
  county_batch: 'county_batches',
  county_push_rejection: 'county_push_rejections',
  push_rejection: 'push_rejections',
};
