import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  digest: string;
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
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
