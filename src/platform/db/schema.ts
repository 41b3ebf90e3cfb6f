import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DocumentData } from '../../documents/documents.schema.ts';
import type { DocumentSettingsJson } from '../../documents/document-settings.rules.ts';
import type { CatalogueRule, MajorReason, ReviewPeriod } from '../../review/catalogue.rules.ts';
import type { Proposal, StoredPackage } from '../../review/package.ts';
import type { PrecheckResult } from '../../review/prechecks/precheck.ts';
import type {
  GateRefusal,
  Result as ReviewResult,
  ReviewDiff,
  ReviewStatus,
} from '../../review/review.rules.ts';
import type { GuideMaterial } from '../../powers/service-guide.schema.ts';
import type {
  Benchmark,
  LegalBasis,
  RandomInspection,
  Remedies,
  TimeLimit,
} from '../../powers/power-list.schema.ts';
import type { CalendarWarning } from '../calendar/working-days.rules.ts';
import type { ProposedSanction as CaseSanction } from '../../cases/hearing-right.rules.ts';
import type { PublicityDeadlineConfig, Sanction } from '../../publicity/deadlines.rules.ts';
import type { StoredSuspension, SuspensionKind } from '../../cases/excluded-time.rules.ts';
import type { PartyType } from '../../cases/party.rules.ts';
import type { InternalRecords } from '../../publicity/publications.schema.ts';
import type { PublicationFacts } from '../../publicity/masking.rules.ts';

/**
 * The database as Kysely sees it. One interface per table; a column's TypeScript type is what a query
 * returns (see type-parsers.ts: `date` is a `YYYY-MM-DD` string, `timestamptz` a Date).
 */
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** A jsonb column that may be SQL null. */
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface AgencyTable {
  id: string;
  name: string;
  short_name: string;
  credit_code: string;
  region_code: string;
  level: 'province' | 'city' | 'county' | 'township';
  kind: 'enforcement' | 'supervision';
  parent_id: string | null;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface UnitTable {
  id: string;
  agency_id: string;
  name: string;
  kind: 'internal' | 'station' | 'legal' | 'brigade';
  active: boolean;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface PersonTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  name: string;
  post: string;
  phone: string | null;
  active: boolean;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface AccountTable {
  id: string;
  agency_id: string;
  person_id: string;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  failed_count: Generated<number>;
  locked_until: Date | null;
  /** The last TOTP time step accepted (0012): a code at or below it is refused. */
  totp_last_step: number | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface RoleGrantTable {
  id: string;
  agency_id: string;
  person_id: string;
  role: string;
  granted_at: Instant;
  granted_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface CertificateTable {
  id: string;
  agency_id: string;
  person_id: string;
  number: string;
  fields: Json<string[]>;
  issuer: string;
  valid_from: string;
  valid_to: string;
  exam_date: string | null;
  status: 'valid' | 'suspended' | 'revoked';
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface CertificateEventTable {
  id: string;
  agency_id: string;
  certificate_id: string;
  action: 'issued' | 'edited' | 'suspended' | 'reinstated' | 'revoked';
  effective_on: string;
  reason: string;
  changes: Json<string[]>;
  actor_id: string | null;
  at: Instant;
}

export interface SessionTable {
  id: string;
  agency_id: string;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  stage: 'full' | 'totp_enrolment';
  ip: string | null;
  created_at: CreatedAt;
  expires_at: Instant;
  ended_at: Date | null;
}

export interface ApiTokenTable {
  id: string;
  agency_id: string;
  account_id: string;
  name: string;
  token_hash: string;
  scopes: Json<string[]>;
  created_at: CreatedAt;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  kind: string;
  at: Instant;
  agency_id: string | null;
  actor_id: string | null;
  via: 'session' | 'token' | 'cli' | 'system' | 'anonymous';
  ip: string | null;
  subject_type: string;
  subject_id: string | null;
  changes: Json<string[]>;
  /** The salted SHA-256 of the canonical record (hex), as in its log entry. */
  digest: string;
  /** Record log (0002): the per-event salt and the command's record as RFC 8785 JSON. Null before 0002. */
  salt: Uint8Array | null;
  record: string | null;
  file_sha256: string | null;
}

/** A public log entry staged by its command; `log_index` is given by the integrator, once. */
export interface LogEntryTable {
  seq: Generated<number>;
  event_id: string;
  entry: Uint8Array;
  log_index: number | null;
  /** HMAC-SHA256 under the staging key (0014; record-log/staging-key.ts). Null only before 0014. */
  mac: Uint8Array | null;
}

/** A staged entry the integrator refused (0014): never integrated, and kept. */
export interface LogEntryRefusalTable {
  id: string;
  seq: number;
  event_id: string;
  agency_id: string | null;
  reason: 'missing_mac' | 'invalid_mac';
  refused_at: Instant;
}

/** Entries pending when 0014 added the MAC: staged before it existed, so integrated without one. */
export interface LogEntryBeforeMacTable {
  seq: number;
}

/** A C2SP tlog-tiles tile as last written: full (width 256, final) or the widest partial so far. */
export interface LogTileTable {
  level: number;
  tile_index: number;
  width: number;
  data: Uint8Array;
}

export interface LogEntryBundleTable {
  tile_index: number;
  width: number;
  data: Uint8Array;
}

/** Every signed checkpoint (C2SP tlog-checkpoint in a signed note), one per tree size. */
export interface LogCheckpointTable {
  size: number;
  root: Uint8Array;
  note: string;
  signed_at: Instant;
}

/** Records (0003): an instant that may be absent (an end not yet known, a disposal not yet made). */
type MaybeInstant = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** Records (0003): an AV device of an agency (执法记录仪 and others, GA/T 947). */
export interface RecorderTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  serial: string;
  model: string;
  kind: 'body_camera' | 'camera' | 'audio_recorder' | 'phone' | 'other';
  status: 'in_service' | 'under_repair' | 'lost' | 'retired';
  created_at: Instant;
  updated_at: Instant;
}

/** A device checked out to an officer; the open loan (no check-in yet) is the device's holder. */
export interface RecorderLoanTable {
  id: string;
  agency_id: string;
  recorder_id: string;
  officer_id: string;
  checked_out_at: Instant;
  checked_out_by: string | null;
  out_note: string;
  checked_in_at: MaybeInstant;
  checked_in_by: string | null;
  in_note: string | null;
}

/** An enforcement step taken for a subject (a plain reference until the cases issue). */
export interface EnforcementStepTable {
  id: string;
  agency_id: string;
  subject_type: string;
  subject_id: string;
  step: string;
  started_at: Instant;
  ended_at: MaybeInstant;
  place: string | null;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** A stated interruption of an AV recording (docs/rules.md: on resuming, state why it stopped). */
export interface InterruptionJson {
  stoppedAt: string;
  resumedAt: string;
  reason: string;
}

/** An evidence file's metadata and digests; its bytes are in the blob store under `sha256`. */
export interface EvidenceFileTable {
  id: string;
  agency_id: string;
  subject_type: string;
  subject_id: string;
  step: string | null;
  step_id: string | null;
  kind: 'photo' | 'audio' | 'video' | 'scan' | 'electronic_data';
  media_type: string;
  filename: string | null;
  size: number;
  sha256: string;
  sm3: string;
  recorder_id: string | null;
  officer_ids: Json<string[]>;
  captured_from: MaybeInstant;
  captured_to: MaybeInstant;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  full_process: boolean;
  interruptions: Json<InterruptionJson[]>;
  used_as_evidence: Generated<boolean>;
  shows_obstruction: Generated<boolean>;
  major_incident: Generated<boolean>;
  uploaded_by: string | null;
  uploaded_at: Instant;
  disposed_at: MaybeInstant;
  disposed_by: string | null;
  disposal_reason: string | null;
  disposal_approval: string | null;
  /** Electronic data (0024): what its extraction record says; null for every other kind. */
  original_carrier: string | null;
  extraction_method: string | null;
  extraction_sha256: string | null;
  extracted_at: MaybeInstant;
  extraction_place: string | null;
  extraction_document_id: string | null;
}

/** An agency's AV checklist (音像记录事项清单), when it differs from the default. */
export interface AvChecklistTable {
  id: string;
  agency_id: string;
  items: Json<{ step: string; label: string; requirement: 'av' | 'full_process_av'; basis: string }[]>;
  updated_at: Instant;
}

/** An agency's retention periods per kind of evidence, in months (null: permanent). */
export interface RetentionPolicyTable {
  id: string;
  agency_id: string;
  periods: Json<Partial<Record<'photo' | 'audio' | 'video' | 'scan' | 'electronic_data', number | null>>>;
  updated_at: Instant;
}

/** An enforcement item of the power list (权责清单): its code and kind; what it says is in its versions. */
export interface PowerItemTable {
  id: string;
  agency_id: string;
  code: string;
  kind: 'licensing' | 'penalty' | 'coercion' | 'levy' | 'fee' | 'inspection';
  created_at: Instant;
}

/** One version of an enforcement item; its content never changes, only its review status moves. */
export interface PowerItemVersionTable {
  id: string;
  agency_id: string;
  item_id: string;
  version: number;
  status: 'draft' | 'submitted' | 'published' | 'rejected';
  effective_from: string;
  reason: string;
  withdrawn: boolean;
  name: string;
  legal_bases: Json<LegalBasis[]>;
  unit_id: string | null;
  procedure: string;
  time_limit: Json<TimeLimit>;
  fees: string;
  supervision: string;
  remedies: Json<Remedies>;
  random_inspection: Json<RandomInspection | null>;
  benchmarks: Json<Benchmark[]>;
  author_id: string | null;
  created_at: Instant;
}

/** A review step on a power list version: submitted, published or rejected, by whom, with a note. */
export interface PowerReviewEventTable {
  id: string;
  agency_id: string;
  version_id: string;
  action: 'submitted' | 'published' | 'rejected';
  note: string;
  actor_id: string | null;
  at: Instant;
}

/** A decision summary for the portal (公示): masked text, its deadline, period and withdrawal (0006). */
export interface PublicationTable {
  id: string;
  agency_id: string;
  unit_id: string | null;
  kind: 'licensing' | 'penalty' | 'coercion' | 'levy' | 'fee' | 'inspection';
  status: 'draft' | 'in_review' | 'published' | 'withdrawn' | 'ended';
  case_id: string | null;
  party_kind: 'natural_person' | 'organisation';
  party_name: string;
  party_credit_code: string | null;
  document_number: string;
  decided_on: string;
  title: string;
  summary: string;
  document_text: string;
  sanctions: Json<Sanction[]>;
  /** What bars publication (masking.rules.ts `mayPublish`), as stated when drafting. */
  facts: Json<PublicationFacts>;
  /** Internal only: what masking looks for (never shown on the portal). */
  personal_records: Json<InternalRecords>;
  due_on: string;
  due_warnings: Json<CalendarWarning[]>;
  author_id: string | null;
  reviewer_id: string | null;
  review_note: Generated<string>;
  published_at: Date | null;
  published_on: string | null;
  period_ends_on: string | null;
  period_rule: string | null;
  withdrawal_reason: string | null;
  withdrawal_occurred_on: string | null;
  withdrawal_due_on: string | null;
  withdrawn_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** A step in a publication's life: drafted, submitted, returned, published, withdrawn, ended, corrected. */
export interface PublicationEventTable {
  id: string;
  agency_id: string;
  publication_id: string;
  action: 'drafted' | 'edited' | 'submitted' | 'returned' | 'published' | 'withdrawn' | 'ended' | 'corrected';
  note: string;
  actor_id: string | null;
  at: Instant;
}

/** A correction request from the public (公示规定 §12), with its deadline and answer. */
export interface CorrectionRequestTable {
  id: string;
  agency_id: string;
  publication_id: string;
  /** The receipt number the requester is given (`GZ-2026-000123`, 0015), gap-free per agency and year. */
  receipt_number: string;
  status: 'open' | 'answered';
  requester_name: string;
  requester_contact: string;
  content: string;
  received_on: string;
  due_on: string;
  answer: string | null;
  corrected: boolean | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: Instant;
}

/** The counter of an agency's correction receipt numbers in a year (0015). */
export interface CorrectionNumberSeriesTable {
  agency_id: string;
  year: number;
  last: number;
}

/** An agency's publicity numbers (deadlines, low-fine ceiling); the newest row is in force. */
export interface PublicitySettingsTable {
  id: string;
  agency_id: string;
  config: Json<PublicityDeadlineConfig>;
  reason: string;
  created_at: Instant;
}

/** 0023: an agency's payment and remedy settings for its documents (documents/document-settings.rules.ts). */
export interface DocumentSettingsTable {
  id: string;
  agency_id: string;
  config: Json<DocumentSettingsJson>;
  reason: string;
  created_by: string | null;
  created_at: Instant;
}

/** One import of a year's State Council holiday notice; the newest import of a year is in force. */
export interface CalendarNoticeTable {
  id: string;
  year: number;
  title: string;
  holidays: Json<string[]>;
  make_up_workdays: Json<string[]>;
  loaded_by: string | null;
  loaded_at: Instant;
}

/** The witness (0026): a log the county platform witnesses, with the verifier keys it trusts for it. */
export interface WitnessLogTable {
  id: string;
  origin: string;
  verifier_keys: Json<string[]>;
  registered_by: string | null;
  registered_at: Instant;
}

/** The witness (0026): a checkpoint it cosigned; the latest of a log is the largest size. Never changed. */
export interface WitnessCheckpointTable {
  id: string;
  origin: string;
  size: number;
  /** base64 of the 32-byte RFC 6962 root. */
  root_hash: string;
  /** The checkpoint note as received, with the log's signatures. */
  note: string;
  received_at: Instant;
}

/** The witness (0026): a checkpoint refused as inconsistent with the one held, both kept as evidence. */
export interface WitnessAlertTable {
  id: string;
  origin: string;
  held_checkpoint: string;
  offered_checkpoint: string;
  reason: string;
  raised_at: Instant;
}

/** A push key of a registered agency (0027): its Ed25519 key, with an SM2 key beside it where configured. */
export interface CountyPushKey {
  /** C2SP signed-note verifier key (`<name>+<key ID>+base64(0x01 || key)`): the push notes' signer. */
  vkey: string;
  /** The SM2 public key (hex, uncompressed point), where the agency signs with SM2 as well. */
  sm2?: string;
}

/** The county platform (0027): an agency it supervises, registered by its administrator. Never changed. */
export interface CountyAgencyTable {
  id: string;
  credit_code: string;
  name: string;
  /** The agency's id on its own instance: the `agency` of its record-log entries. */
  remote_agency_id: string;
  /** Where the agency serves its portal and `/log/` (https://…, no trailing slash). */
  base_url: string;
  log_origin: string;
  push_keys: Json<CountyPushKey[]>;
  registered_by: string | null;
  registered_at: Instant;
}

/** The county platform (0027): a suspension, reinstatement or key replacement of a registered agency. */
export interface CountyAgencyEventTable {
  id: string;
  county_agency_id: string;
  kind: 'suspended' | 'reinstated' | 'keys_replaced';
  reason: string | null;
  push_keys: NullableJson<CountyPushKey[]>;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** The county platform (0027): a batch accepted, with the checkpoint it was checked against and its receipt. */
export interface CountyBatchTable {
  id: string;
  county_agency_id: string;
  first_sequence: number;
  last_sequence: number;
  body_sha256: string;
  checkpoint: string;
  receipt: Json<unknown>;
  received_at: Instant;
}

/** The county platform (0027): a record accepted, one per (agency, sequence). */
export interface CountyRecordTable {
  county_agency_id: string;
  sequence: number;
  type: string;
  subject_id: string | null;
  content: Json<unknown>;
  content_hash: string;
  log_index: number | null;
  batch_id: string;
  received_at: Instant;
}

/** The county platform (0027): a batch refused, with its problem code and reason. */
export interface CountyPushRejectionTable {
  id: string;
  county_agency_id: string | null;
  credit_code: string | null;
  first_sequence: number | null;
  last_sequence: number | null;
  code: string;
  reason: string;
  body_sha256: string;
  rejected_at: Instant;
}

/** The agency (0027): its pairing with the county platform; the newest row is in force. Never changed. */
export interface UpstreamTable {
  agency_id: string;
  id: string;
  url: string;
  /** The platform's witness verifier key (its `/witness/key`): checks the cosignatures of our checkpoints. */
  witness_key: string;
  /** The platform's receipt verifier key (its `/county/receipt-key`): checks its receipts. */
  receipt_key: string;
  paired_by: string | null;
  paired_at: Instant;
}

/** The agency (0027): a record queued for the county, in the command's transaction; sequence given once. */
export interface PushOutboxTable {
  agency_id: string;
  id: Generated<number>;
  sequence: number | null;
  type: string;
  subject_id: string | null;
  content: Json<unknown>;
  content_hash: string;
  audit_event_id: string | null;
  queued_at: Instant;
}

/** The agency (0027): an attempt to deliver a batch and its outcome. */
export interface PushDeliveryTable {
  agency_id: string;
  id: string;
  first_sequence: number;
  last_sequence: number;
  attempted_at: Instant;
  outcome: 'acknowledged' | 'refused' | 'failed';
  http_status: number | null;
  code: string | null;
  error: string | null;
}

/** The agency (0027): the platform's signed receipt of an acknowledged batch. */
export interface PushReceiptTable {
  agency_id: string;
  first_sequence: number;
  last_sequence: number;
  receipt: Json<unknown>;
  received_at: Instant;
}

/** The agency (0027): a record the platform refused, with its code and reason. */
export interface PushRejectionTable {
  agency_id: string;
  id: string;
  sequence: number;
  code: string;
  reason: string;
  rejected_at: Instant;
}

/** The agency (0027): a witness's cosignature line of one of this instance's checkpoints. */
export interface LogCosignatureTable {
  size: number;
  /** The witness's key name. */
  witness: string;
  /** The whole signature line (`— <name> <base64>`). */
  line: string;
  received_at: Instant;
}

/** A revision of an item's service guide (服务指南, 0009); the newest is shown. Never changed. */
export interface ServiceGuideTable {
  id: string;
  agency_id: string;
  item_id: string;
  revision: number;
  conditions: string;
  materials: Json<GuideMaterial[]>;
  place: string;
  hours: string;
  contact: string;
  online_url: string;
  note: string;
  author_id: string | null;
  created_at: Instant;
}

/** A case of one of the six kinds, on its lifecycle (0007, src/cases/lifecycles/). Amounts in fen. */
export interface CaseTable {
  id: string;
  agency_id: string;
  kind: 'penalty_ordinary' | 'penalty_summary' | 'licensing' | 'coercion' | 'inspection' | 'levy' | 'fee';
  action_kind: 'licensing' | 'penalty' | 'coercion' | 'levy' | 'fee' | 'inspection';
  procedure: 'ordinary' | 'summary' | null;
  case_number: string;
  title: string;
  state: string;
  item_id: string | null;
  item_code: string | null;
  field: string;
  unit_id: string | null;
  source: string;
  origin_case_id: string | null;
  version: number;
  discovered_on: string;
  filed_on: string | null;
  decided_on: string | null;
  closed_on: string | null;
  proposed_amount_fen: number | null;
  amount_fen: number | null;
  paid_fen: Generated<number>;
  surcharge_fen: Generated<number>;
  decision_outcome: string | null;
  circumstance: string | null;
  benchmark_outcome: string | null;
  discretion_reason: string | null;
  major: Generated<boolean>;
  major_reasons: Json<string[]>;
  rights_waived: Generated<boolean>;
  suspended_since: string | null;
  /** The running suspension's type (0018); null while not suspended, or for one begun before 0018 (other). */
  suspension_kind: Generated<SuspensionKind | null>;
  suspensions: Json<StoredSuspension[]>;
  extensions: Json<Record<string, number>>;
  deliberated_days: Generated<number>;
  /** 0017: the sanctions of the notice (行政处罚法 §44) and of the decision, `{kind, amountFen?}`. */
  proposed_sanctions: ColumnType<CaseSanction[], string | undefined, string>;
  sanctions: ColumnType<CaseSanction[], string | undefined, string>;
  /** 0017: the hearing right computed at the notice (§63; 听证办法 §5); null before the notice. */
  hearing_right: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  hearing_right_grounds: ColumnType<string[], string | undefined, string>;
  /** 0017: marked of social impact (§57 ¶2, §48), by a recorded command. */
  social_impact: Generated<boolean>;
  /** Time not counted in a licensing decision period (行政许可法 §45), typed (cases/licensing.rules.ts). */
  excluded_time: ColumnType<
    { kind: string; from: string; to: string; notifiedOn: string | null }[],
    string | undefined,
    string
  >;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The counter of one case-number series (agency, prefix, year). */
export interface CaseNumberSeriesTable {
  agency_id: string;
  prefix: string;
  year: number;
  last: number;
}

/** A party to a case: personal data, masked when published and never written to logs. */
export interface CasePartyTable {
  id: string;
  agency_id: string;
  case_id: string;
  party_type: PartyType;
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  /** A 个体工商户's operator (经营者), a natural person (0018). */
  operator_name: Generated<string | null>;
  created_at: Instant;
}

/** An officer assigned to a case, with the recusal declaration and any recusal (行政处罚法 §43). */
export interface CaseOfficerTable {
  id: string;
  agency_id: string;
  case_id: string;
  person_id: string;
  lead: boolean;
  assigned_on: string;
  assigned_by: string | null;
  assigned_at: Instant;
  declared_at: Date | null;
  conflict: boolean | null;
  declaration: string | null;
  recused_at: Date | null;
  recused_by: string | null;
  recusal_reason: string | null;
}

/** One event of a case: a lifecycle step or another recorded fact (officers, suspensions, extensions). */
export interface CaseEventTable {
  id: string;
  agency_id: string;
  case_id: string;
  seq: number;
  action: string;
  step: string | null;
  from_state: string;
  to_state: string;
  on_date: string;
  at: Instant;
  actor_id: string | null;
  officer_ids: Json<string[]>;
  reason: string | null;
  late_reason: string | null;
  details: Json<Record<string, unknown>>;
  enforcement_step_id: string | null;
}

/** A statutory period a case runs: opened by one event, met by another. */
export interface CaseDeadlineTable {
  id: string;
  agency_id: string;
  case_id: string;
  code: string;
  opened_on: string;
  opened_by: string;
  due_on: string;
  warnings: Json<{ code: string; year: number; message: string }[]>;
  met_on: string | null;
  met_by: string | null;
  late: Generated<boolean>;
  /** The period ended because the case left the procedure (0018): not met in time, not late. */
  ended_reason: Generated<string | null>;
  updated_at: Instant;
}

/** The party's application for an officer's recusal and the head's decision on it (行政处罚法 §43, 0018). */
export interface RecusalApplicationTable {
  id: string;
  agency_id: string;
  case_id: string;
  person_id: string;
  applicant: string;
  grounds: string;
  received_on: string;
  entered_by: string | null;
  entered_at: Instant;
  decided_at: Date | null;
  decided_by: string | null;
  granted: boolean | null;
  decision_reason: string | null;
}

/** A payment of a fine, recorded or collected (0019; cases/payment.service.ts). Never changed. */
export interface CasePaymentTable {
  id: string;
  agency_id: string;
  case_id: string;
  event_id: string;
  method: 'bank' | 'electronic' | 'on_the_spot';
  paid_on: string;
  amount_fen: number;
  fine_fen: number;
  surcharge_fen: number;
  instalment: number | null;
  bank_receipt_ref: string | null;
  receipt_number: string | null;
  ground: 'small_amount' | 'hard_to_execute' | 'remote_area' | null;
  party_requested: Generated<boolean>;
  landed_on: string | null;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** A party's application for deferral or instalments and the head's decision (0019; 行政处罚法 §66). */
export interface CasePaymentPlanTable {
  id: string;
  agency_id: string;
  case_id: string;
  kind: 'deferral' | 'instalments';
  applied_on: string;
  application: string;
  until: string | null;
  instalments: Json<{ dueOn: string; amountFen: number; lastDay?: string }[]>;
  original_due_on: string;
  applied_event_id: string;
  decided_on: string | null;
  approved: boolean | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_event_id: string | null;
  last_day: string | null;
}

/** Cash collected on the spot handed to the agency, and by it to the bank (0019; 行政处罚法 §71). */
export interface CaseCashHandoverTable {
  id: string;
  agency_id: string;
  case_id: string;
  payment_id: string;
  event_id: string;
  stage: 'to_agency' | 'to_bank';
  handed_on: string;
  due_on: string;
  late: boolean;
  late_reason: string | null;
  reference: string | null;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** Random inspection (0030; src/inspections/, docs/random-inspection.md). */
export type RiskGrade = 'A' | 'B' | 'C' | 'D';

/** How many of a grade a task draws: a count, or a percentage of the eligible targets (rounded up). */
export type GradeQuota = { count: number } | { percent: number };

/** A public random value the draw will use, named at the commitment; its value is entered later. */
export interface BeaconSource {
  kind: 'county-checkpoint' | 'lottery' | 'drand';
  /** What fixes it: the county log origin, the lottery's name and date, the drand chain and round. */
  description: string;
}

export interface InspectionTargetTable {
  id: string;
  agency_id: string;
  credit_code: string;
  name: string;
  address: string;
  field: string;
  risk_grade: RiskGrade;
  active: Generated<boolean>;
  created_at: Instant;
  updated_at: Instant;
}

export interface InspectionTargetEventTable {
  id: string;
  agency_id: string;
  target_id: string;
  action: 'added' | 'edited' | 'deactivated' | 'reactivated';
  changes: Json<{ field: string; from: string | null; to: string | null }[]>;
  reason: string | null;
  event_id: string;
  actor_id: string | null;
  at: Instant;
}

export interface InspectionPlanTable {
  id: string;
  agency_id: string;
  year: number;
  title: string;
  created_by: string | null;
  created_at: Instant;
  approved_by: string | null;
  approved_on: string | null;
  published_at: MaybeInstant;
}

export interface InspectionTaskTable {
  id: string;
  agency_id: string;
  plan_id: string;
  power_item_id: string;
  title: string;
  field: string;
  scope: string;
  quotas: Json<Partial<Record<RiskGrade, GradeQuota>>>;
  starts_on: string;
  ends_on: string;
  joint_agencies: Json<string[]>;
  created_at: Instant;
  cancelled_at: MaybeInstant;
  cancelled_reason: string | null;
  cancelled_by: string | null;
}

export interface InspectionCommitmentTable {
  id: string;
  agency_id: string;
  task_id: string;
  algorithm: string;
  commitment: Json<unknown>;
  commitment_sha256: string;
  beacon_sources: Json<BeaconSource[]>;
  committed_at: Instant;
  draw_not_before: Instant;
  committed_by: string | null;
  event_id: string;
}

export interface InspectionBeaconTable {
  id: string;
  agency_id: string;
  commitment_id: string;
  position: number;
  value: string;
  source: string;
  entered_by: string | null;
  entered_at: Instant;
  event_id: string;
}

export interface InspectionDrawTable {
  id: string;
  agency_id: string;
  commitment_id: string;
  seed: string;
  selection: Json<{ creditCode: string; inspectors: string[] }[]>;
  drawn_by: string | null;
  drawn_at: Instant;
  event_id: string;
}

export type InspectionResult = 'passed' | 'problems' | 'not_found' | 'rectify' | 'referred';

export interface InspectionAssignmentTable {
  id: string;
  agency_id: string;
  draw_id: string;
  position: number;
  target_id: string;
  inspector_ids: Json<string[]>;
  case_id: string | null;
  result: InspectionResult | null;
  result_on: string | null;
  result_summary: string | null;
  result_by: string | null;
  publish_due_on: string | null;
  published_at: MaybeInstant;
  published_by: string | null;
}

export interface DB {
  agencies: AgencyTable;
  units: UnitTable;
  people: PersonTable;
  accounts: AccountTable;
  role_grants: RoleGrantTable;
  certificates: CertificateTable;
  certificate_events: CertificateEventTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  log_entries: LogEntryTable;
  log_tiles: LogTileTable;
  log_entry_bundles: LogEntryBundleTable;
  log_checkpoints: LogCheckpointTable;
  recorders: RecorderTable;
  recorder_loans: RecorderLoanTable;
  enforcement_steps: EnforcementStepTable;
  evidence_files: EvidenceFileTable;
  av_checklists: AvChecklistTable;
  retention_policies: RetentionPolicyTable;
  power_items: PowerItemTable;
  power_item_versions: PowerItemVersionTable;
  power_review_events: PowerReviewEventTable;
  cases: CaseTable;
  case_number_series: CaseNumberSeriesTable;
  case_parties: CasePartyTable;
  case_officers: CaseOfficerTable;
  case_events: CaseEventTable;
  case_deadlines: CaseDeadlineTable;
  recusal_applications: RecusalApplicationTable;
  case_payments: CasePaymentTable;
  case_payment_plans: CasePaymentPlanTable;
  case_cash_handovers: CaseCashHandoverTable;
  service_guides: ServiceGuideTable;
  publications: PublicationTable;
  publication_events: PublicationEventTable;
  correction_requests: CorrectionRequestTable;
  correction_number_series: CorrectionNumberSeriesTable;
  publicity_settings: PublicitySettingsTable;
  document_settings: DocumentSettingsTable;
  calendar_notices: CalendarNoticeTable;
  witness_logs: WitnessLogTable;
  witness_checkpoints: WitnessCheckpointTable;
  witness_alerts: WitnessAlertTable;
  county_agencies: CountyAgencyTable;
  county_agency_events: CountyAgencyEventTable;
  county_batches: CountyBatchTable;
  county_records: CountyRecordTable;
  county_push_rejections: CountyPushRejectionTable;
  upstreams: UpstreamTable;
  push_outbox: PushOutboxTable;
  push_deliveries: PushDeliveryTable;
  push_receipts: PushReceiptTable;
  push_rejections: PushRejectionTable;
  log_cosignatures: LogCosignatureTable;
  document_templates: DocumentTemplateTable;
  document_number_patterns: DocumentNumberPatternTable;
  document_number_sequences: DocumentNumberSequenceTable;
  issued_documents: IssuedDocumentTable;
  document_renderings: DocumentRenderingTable;
  review_catalogues: ReviewCatalogueTable;
  reviews: ReviewTable;
  review_findings: ReviewFindingTable;
  review_participants: ReviewParticipantTable;
  review_deliberations: ReviewDeliberationTable;
  reviewer_qualifications: ReviewerQualificationTable;
  reviewer_trainings: ReviewerTrainingTable;
  review_refusals: ReviewRefusalTable;
  rate_limit_counters: RateLimitCounterTable;
  sign_in_unknown_counts: SignInUnknownCountTable;
  log_entry_refusals: LogEntryRefusalTable;
  log_entries_before_mac: LogEntryBeforeMacTable;
  inspection_targets: InspectionTargetTable;
  inspection_target_events: InspectionTargetEventTable;
  inspection_plans: InspectionPlanTable;
  inspection_tasks: InspectionTaskTable;
  inspection_commitments: InspectionCommitmentTable;
  inspection_beacons: InspectionBeaconTable;
  inspection_draws: InspectionDrawTable;
  inspection_assignments: InspectionAssignmentTable;
}

/** Requests per limit and client address in the current fixed window (0013; platform/http/rate-limit.ts). */
export interface RateLimitCounterTable {
  key: string;
  window_started_at: Instant;
  hits: number;
}

/** Failed sign-ins with an unknown username, per client address and hour (0013; org/sign-in.store.ts). */
export interface SignInUnknownCountTable {
  address: string;
  hour: Instant;
  attempts: number;
  first_at: Instant;
  last_at: Instant;
}

/** Documents (0008): one uploaded version of an agency's .docx template; bytes in the blob store. */
export interface DocumentTemplateTable {
  id: string;
  agency_id: string;
  type: string;
  version: number;
  sha256: string;
  size: number;
  filename: string;
  note: string;
  uploaded_by: string | null;
  uploaded_at: Instant;
}

/** An agency's document number pattern for a type, e.g. `衡县市监处罚〔{year}〕{n}号`. */
export interface DocumentNumberPatternTable {
  id: string;
  agency_id: string;
  type: string;
  pattern: string;
  updated_by: string | null;
  updated_at: Instant;
}

/** The next serial of a document type in a year (allocated under the row lock of the issuing transaction). */
export interface DocumentNumberSequenceTable {
  agency_id: string;
  type: string;
  year: number;
  next_serial: number;
}

/** An issued document: written once when issued, sealed once when its .docx is made (see 0008). */
export interface IssuedDocumentTable {
  id: string;
  agency_id: string;
  subject_type: string;
  subject_id: string;
  type: string;
  year: number;
  serial: number;
  number: string;
  template_id: string | null;
  template_version: number;
  template_sha256: string;
  data: Json<DocumentData>;
  issued_at: Instant;
  issued_by: string | null;
  sha256: string | null;
  size: number | null;
  verification_code: string | null;
  sealed_at: MaybeInstant;
}

/**
 * The PDF rendering of an agency's sealed .docx (0025): made once by LibreOffice, kept in the blob store
 * under `pdf_sha256`, with its page count. Written once, never changed.
 */
export interface DocumentRenderingTable {
  agency_id: string;
  docx_sha256: string;
  pdf_sha256: string;
  pdf_size: number;
  pages: number;
  rendered_at: Instant;
}

/** Legal review (0010): a version of an agency's review catalogue (法制审核目录) and its county approval. */
export interface ReviewCatalogueTable {
  id: string;
  agency_id: string;
  version: number;
  rules: Json<CatalogueRule[]>;
  period: Json<ReviewPeriod>;
  effective_from: string;
  reason: string;
  drafted_by: string | null;
  drafted_at: Instant;
  approved_by_body: string | null;
  approval_reference: string | null;
  approved_on: string | null;
  approval_recorded_by: string | null;
  approval_recorded_at: MaybeInstant;
}

/** One round of legal review of a case: its package fixed at submission, then its progress. */
export interface ReviewTable {
  id: string;
  agency_id: string;
  case_id: string;
  round: number;
  previous_id: string | null;
  status: ReviewStatus;
  catalogue_id: string | null;
  major_reasons: Json<MajorReason[]>;
  proposal: Json<Proposal>;
  /** The package as submitted (dates as ISO strings), see review/package.queries.ts. */
  package: Json<StoredPackage>;
  digest: string;
  prechecks: Json<PrecheckResult[]>;
  diff: Json<ReviewDiff | null>;
  submitted_by: string | null;
  submitted_at: Instant;
  submitted_on: string;
  due_on: string;
  due_warnings: Json<CalendarWarning[]>;
  extended: Generated<boolean>;
  extension_reason: string | null;
  reviewer_id: string | null;
  assigned_by: string | null;
  assigned_at: MaybeInstant;
  result: ReviewResult | null;
  opinion: string | null;
  decided_at: MaybeInstant;
  decided_on: string | null;
  opinion_document_id: string | null;
  disagreement: string | null;
  disagreed_by: string | null;
  disagreed_at: MaybeInstant;
  voided_at: MaybeInstant;
  void_reason: string | null;
  updated_at: Instant;
}

export interface ReviewFindingTable {
  id: string;
  agency_id: string;
  review_id: string;
  point: string;
  finding: 'satisfied' | 'problem' | 'not_applicable';
  note: string;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** A legal adviser or public lawyer invited to a review, with their opinion. */
export interface ReviewParticipantTable {
  id: string;
  agency_id: string;
  review_id: string;
  role: 'legal_adviser' | 'public_lawyer';
  person_id: string | null;
  name: string;
  organisation: string;
  opinion: string | null;
  invited_by: string | null;
  invited_at: Instant;
}

/** The record of a collective deliberation settling a disagreement with the review opinion. */
export interface ReviewDeliberationTable {
  id: string;
  agency_id: string;
  review_id: string;
  held_on: string;
  chair: string;
  attendees: Json<string[]>;
  disagreement: string;
  discussion: string;
  conclusion: ReviewResult;
  recorded_by: string | null;
  recorded_at: Instant;
}

export interface ReviewerQualificationTable {
  id: string;
  agency_id: string;
  person_id: string;
  kind: 'legal_professional' | 'lawyer' | 'other';
  certificate_number: string;
  obtained_on: string;
  recorded_by: string | null;
  recorded_at: Instant;
}

export interface ReviewerTrainingTable {
  id: string;
  agency_id: string;
  person_id: string;
  title: string;
  organiser: string;
  held_on: string;
  hours: number;
  recorded_by: string | null;
  recorded_at: Instant;
}

/** An attempt to make a decision that the review gate refused (S-14), recorded in its own command. */
export interface ReviewRefusalTable {
  id: string;
  agency_id: string;
  case_id: string;
  review_id: string | null;
  channel: string;
  reason: GateRefusal;
  actor_id: string | null;
  at: Instant;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
