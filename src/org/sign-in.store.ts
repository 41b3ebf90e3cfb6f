import { sql, type Transaction } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { LockoutState } from './sign-in.rules.ts';

/**
 * The account signing in, its row locked until the attempt's transaction ends (security sweep H3): parallel
 * attempts for one account are checked one after another, each seeing the failures counted before it.
 */
export const lockAccountForSignIn = (trx: Transaction<DB>, username: string) =>
  trx
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'accounts.id',
      'accounts.agency_id',
      'accounts.person_id',
      'accounts.password_hash',
      'accounts.totp_secret',
      'accounts.totp_enabled',
      'accounts.totp_last_step',
      'accounts.failed_count',
      'accounts.locked_until',
      'accounts.disabled',
      'people.active',
    ])
    .where('accounts.username', '=', username)
    .forUpdate('accounts')
    .executeTakeFirst();

export const saveLockout = (trx: Transaction<DB>, accountId: string, state: LockoutState, now: Date) =>
  trx
    .updateTable('accounts')
    .set({ failed_count: state.failedCount, locked_until: state.lockedUntil, updated_at: now })
    .where('id', '=', accountId)
    .execute();

/** A success: the count starts again, and the TOTP step used (if any) is the last one accepted. */
export const saveSignInSuccess = (
  trx: Transaction<DB>,
  accountId: string,
  totpStep: number | null,
  now: Date,
) =>
  trx
    .updateTable('accounts')
    .set({
      failed_count: 0,
      locked_until: null,
      updated_at: now,
      ...(totpStep === null ? {} : { totp_last_step: totpStep }),
    })
    .where('id', '=', accountId)
    .execute();

/**
 * A failed sign-in with a username no account has: counted per client address and hour (migration 0013),
 * not recorded as an event each. Nothing of any agency's happened, and each public log entry would be
 * kept for ever (a stranger could grow the log at will); the count keeps what a security review needs.
 */
export async function countUnknownUsername(db: Db, address: string | null, now: Date): Promise<void> {
  const hour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
  await db
    .insertInto('sign_in_unknown_counts')
    .values({ address: address ?? 'unknown', hour, attempts: 1, first_at: now, last_at: now })
    .onConflict((oc) =>
      oc.columns(['address', 'hour']).doUpdateSet({
        attempts: sql<number>`sign_in_unknown_counts.attempts + 1`,
        last_at: now,
      }),
    )
    .execute();
}
