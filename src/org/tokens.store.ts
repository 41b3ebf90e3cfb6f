import type { Insertable } from 'kysely';
import { unscoped, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';

/**
 * API tokens (issue 11: the only module that knows their SQL). Tokens are made, listed and revoked by the
 * instance's operator on the command line (`sanxiang token`), who names an account or a token and acts for
 * whichever agency it belongs to: those lookups are `…Unscoped`; the writes are scoped to that agency.
 */

/** The account of a username: the operator names an account of any agency (usernames are instance-wide). */
export const accountByUsernameUnscoped = (db: Db, username: string) =>
  db
    .selectFrom('accounts')
    .select(['id', 'agency_id', 'person_id'])
    .where('username', '=', username)
    .$call(unscoped)
    .executeTakeFirst();

export const insertToken = (
  db: Db,
  own: OwnAgency,
  values: Omit<Insertable<DB['api_tokens']>, 'agency_id'>,
) =>
  db
    .insertInto('api_tokens')
    .values({ ...values, agency_id: own.agencyId })
    .execute();

/** Every token (or one account's), oldest first: the operator lists the whole instance's. */
export const tokenListUnscoped = (db: Db, username?: string) => {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('accounts', (j) =>
      j
        .onRef('accounts.id', '=', 'api_tokens.account_id')
        .onRef('accounts.agency_id', '=', 'api_tokens.agency_id'),
    )
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'accounts.username',
      'api_tokens.scopes',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.created_at');
  if (username) q = q.where('accounts.username', '=', username);
  return q.$call(unscoped).execute();
};

/** A token by id: the operator names a token of any agency. */
export const tokenByIdUnscoped = (db: Db, id: string) =>
  db
    .selectFrom('api_tokens')
    .select(['agency_id', 'revoked_at'])
    .where('id', '=', id)
    .$call(unscoped)
    .executeTakeFirst();

export const revokeTokenRow = (db: Db, own: OwnAgency, id: string, at: Date) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('agency_id', '=', own.agencyId)
    .execute();
