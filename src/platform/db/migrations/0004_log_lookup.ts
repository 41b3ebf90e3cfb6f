import { sql, type Kysely } from 'kysely';

/**
 * Finding a file in the record log (issue 3 item 5): the public verification page looks an issued document
 * or evidence file up by its plain SHA-256, and the workbench lists an agency's past full verifications
 * (`log.verify_run` events, kept in audit_events like every other recorded command).
 */
const statements = [
  `create index audit_events_file_sha256 on audit_events(file_sha256) where file_sha256 is not null`,
  `create index audit_events_agency_kind on audit_events(agency_id, kind, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
