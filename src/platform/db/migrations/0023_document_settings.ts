import { sql, type Kysely } from 'kysely';

/**
 * What an agency's documents say of payment and remedies (issue 12): where and how a fine is paid (the
 * payee, bank and account of 行政处罚法 §67 ¶3, the place or channel), the reconsideration body (行政复议法
 * §20, §24), the people's court of first instance (行政诉讼法 §18, §46), and the contact printed on a
 * notice. One row per change, never edited: the newest row is in force, an older document keeps what it
 * said.
 */
const statements = [
  `create table document_settings (
    id uuid not null,
    agency_id uuid not null references agencies(id),
    config jsonb not null,
    reason text not null,
    created_by uuid references people(id),
    created_at timestamptz not null,
    primary key (agency_id, id)
  )`,
  `create index document_settings_agency on document_settings(agency_id, created_at desc)`,
  `create trigger document_settings_frozen before update or delete on document_settings
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
