import { sql, type Kysely } from 'kysely';

/**
 * Sign-in hardening (issue 10 item 5; security sweep M4): the last TOTP time step accepted for an account,
 * so that a code is accepted once and no older step after it (RFC 6238 §5.2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column totp_last_step integer`.execute(db);
}
