import { sql, type Insertable, type Transaction } from 'kysely';
import { unscoped, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { LockoutState } from './sign-in.rules.ts';

/**
 * Sign-in, sessions and second factors (issue 11: the only module that knows their SQL). Two lookups cannot
 * know the agency before they run — the account of a username signing in, and the principal of a session
 * or token presented — and are `…Unscoped`; everything after is scoped to the account's agency.
 */

/**
 * The account signing in, its row locked until the attempt's transaction ends (security sweep H3): parallel
 * attempts for one account are checked one after another, each seeing the failures counted before it.
 * Unscoped: a username is what names the account (and so its agency) at sign-in.
 */
export const lockAccountForSignInUnscoped = (trx: Transaction<DB>, username: string) =>
  trx
    .selectFrom('accounts')
    .innerJoin('people', (j) =>
      j.onRef('people.id', '=', 'accounts.person_id').onRef('people.agency_id', '=', 'accounts.agency_id'),
    )
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
    .$call(unscoped)
    .executeTakeFirst();

export const saveLockout = (
  trx: Transaction<DB>,
  own: OwnAgency,
  accountId: string,
  state: LockoutState,
  now: Date,
) =>
  trx
    .updateTable('accounts')
    .set({ failed_count: state.failedCount, locked_until: state.lockedUntil, updated_at: now })
    .where('id', '=', accountId)
    .where('agency_id', '=', own.agencyId)
    .execute();

/** A success: the count starts again, and the TOTP step used (if any) is the last one accepted. */
export const saveSignInSuccess = (
  trx: Transaction<DB>,
  own: OwnAgency,
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
    .where('agency_id', '=', own.agencyId)
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

/** The roles a person holds now: the people store's (one home of role grants). */
export { activeRoles } from './people.store.ts';

export const insertSession = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['sessions']>, 'agency_id'>,
) =>
  db
    .insertInto('sessions')
    .values({ ...values, agency_id: own.agencyId })
    .execute();

export const endSession = (db: Db, own: OwnAgency, sessionId: string, at: Date) =>
  db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('id', '=', sessionId)
    .where('agency_id', '=', own.agencyId)
    .execute();

/** The session's second factor is done: it may do everything its roles allow. */
export const markSessionFull = (db: Db, own: OwnAgency, sessionId: string) =>
  db
    .updateTable('sessions')
    .set({ stage: 'full' })
    .where('id', '=', sessionId)
    .where('agency_id', '=', own.agencyId)
    .execute();

/** The account's TOTP state, locked until the command ends. */
export const lockTotpState = (db: Db, own: OwnAgency, accountId: string) =>
  db
    .selectFrom('accounts')
    .select(['totp_enabled', 'totp_secret'])
    .where('id', '=', accountId)
    .where('agency_id', '=', own.agencyId)
    .forUpdate()
    .executeTakeFirstOrThrow();

export const totpState = (db: Db, own: OwnAgency, accountId: string) =>
  db
    .selectFrom('accounts')
    .select(['totp_enabled', 'totp_secret'])
    .where('id', '=', accountId)
    .where('agency_id', '=', own.agencyId)
    .executeTakeFirstOrThrow();

/** A new TOTP secret, not active until a code from it is confirmed. */
export const saveTotpSecret = (db: Db, own: OwnAgency, accountId: string, secret: string, now: Date) =>
  db
    .updateTable('accounts')
    .set({ totp_secret: secret, totp_enabled: false, updated_at: now })
    .where('id', '=', accountId)
    .where('agency_id', '=', own.agencyId)
    .execute();

export const enableTotp = (db: Db, own: OwnAgency, accountId: string, now: Date) =>
  db
    .updateTable('accounts')
    .set({ totp_enabled: true, updated_at: now })
    .where('id', '=', accountId)
    .where('agency_id', '=', own.agencyId)
    .execute();

export interface PrincipalRow {
  session_id: string | null;
  csrf_token: string | null;
  stage: 'full' | 'totp_enrolment' | null;
  scopes: string[] | null;
  account_id: string;
  person_id: string;
  agency_id: string;
  username: string;
  name: string;
  roles: string[] | null;
  supervised: string[] | null;
}

/**
 * One query: the credential, its account and person, their roles, and the agencies below theirs.
 * Unscoped: the session's or token's secret is all a request presents; the agency is what it finds.
 */
export async function principalBySecretUnscoped(
  db: Db,
  credential: 'session' | 'token',
  secretHash: string,
  now: Date,
): Promise<PrincipalRow | undefined> {
  const source =
    credential === 'session'
      ? sql`select id as session_id, csrf_token, stage, null::jsonb as scopes, account_id from sessions
            where token_hash = ${secretHash} and ended_at is null and expires_at > ${now}`
      : sql`select null::uuid as session_id, null as csrf_token, null as stage, scopes, account_id from api_tokens
            where token_hash = ${secretHash} and revoked_at is null and (expires_at is null or expires_at > ${now})`;
  const { rows } = await sql<PrincipalRow>`
    with cred as (${source}) /* sanxiang:unscoped */
    select cred.session_id, cred.csrf_token, cred.stage, cred.scopes, a.id as account_id, a.person_id,
           a.agency_id, a.username, p.name,
           (select array_agg(g.role) from role_grants g
             where g.person_id = a.person_id and g.agency_id = a.agency_id and g.revoked_at is null) as roles,
           (with recursive below(id) as (
              select c.id from agencies c where c.parent_id = a.agency_id
              union all select c.id from agencies c join below on c.parent_id = below.id)
            select array_agg(id) from below) as supervised
    from cred join accounts a on a.id = cred.account_id
      join people p on p.id = a.person_id and p.agency_id = a.agency_id
    where not a.disabled and p.active`.execute(db);
  return rows[0];
}

/** Whether the account has a second factor bound (for the workbench's own view). */
export const totpEnabled = async (db: Db, own: OwnAgency, accountId: string) =>
  (await totpState(db, own, accountId)).totp_enabled;
