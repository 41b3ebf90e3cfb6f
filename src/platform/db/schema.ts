import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  Benchmark,
  LegalBasis,
  RandomInspection,
  Remedies,
  TimeLimit,
} from '../../powers/power-list.schema.ts';

/**
 * The database as Kysely sees it. One interface per table; a column's TypeScript type is what a query
 * returns (see type-parsers.ts: `date` is a `YYYY-MM-DD` string, `timestamptz` a Date).
 */
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

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

/** A stated interruption of an AV recording (RULES.md: on resuming, state why it stopped). */
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
  kind: 'photo' | 'audio' | 'video' | 'scan';
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
  periods: Json<Record<'photo' | 'audio' | 'video' | 'scan', number | null>>;
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
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
