/**
 * The business tables: every table with an `agency_id` column (issue 11). A statement on one of them must
 * constrain `agency_id` (agency-scope.guard.ts); test/conventions/business-tables.test.ts checks this list
 * against the migrated schema, so a new table with `agency_id` cannot be left out.
 *
 * Tables without `agency_id` are instance-wide and not listed: `agencies` itself, the record log
 * (`log_entries`, `log_tiles`, `log_entry_bundles`, `log_checkpoints`, `log_entries_before_mac`), the
 * working-day calendar's notices, the county witness's logs, checkpoints and alerts (`witness_logs`,
 * `witness_checkpoints`, `witness_alerts`: the platform's own, migration 0026), the platform's registry and
 * what it received (`county_agencies`, `county_agency_events`, `county_batches`, `county_records`,
 * `county_push_rejections`, 0027), the witnesses' cosignatures of this instance's log (`log_cosignatures`), and the counters of rate
 * limits and unknown sign-ins.
 */
export const businessTables = [
  'accounts',
  'api_tokens',
  'audit_events',
  'av_checklists',
  'case_cash_handovers',
  'case_deadlines',
  'case_events',
  'case_number_series',
  'case_officers',
  'case_parties',
  'case_payment_plans',
  'case_payments',
  'cases',
  'certificate_events',
  'certificates',
  'correction_number_series',
  'correction_requests',
  'document_number_patterns',
  'document_number_sequences',
  'document_renderings',
  'document_settings',
  'document_templates',
  'enforcement_steps',
  'evidence_files',
  'issued_documents',
  'log_entry_refusals',
  'people',
  'power_item_versions',
  'power_items',
  'power_review_events',
  'publication_events',
  'publications',
  'publicity_settings',
  'push_deliveries',
  'push_outbox',
  'push_receipts',
  'push_rejections',
  'recorder_loans',
  'recorders',
  'recusal_applications',
  'retention_policies',
  'review_catalogues',
  'review_deliberations',
  'review_findings',
  'review_participants',
  'review_refusals',
  'reviewer_qualifications',
  'reviewer_trainings',
  'reviews',
  'role_grants',
  'service_guides',
  'sessions',
  'units',
  'upstreams',
] as const;

export type BusinessTable = (typeof businessTables)[number];
