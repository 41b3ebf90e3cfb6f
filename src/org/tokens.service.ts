import { runCommand, type Actor, type CommandDeps } from '../platform/audit/command.ts';
import { hashSecret, newSecret } from '../platform/auth/tokens.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  accountByUsernameUnscoped,
  insertToken,
  revokeTokenRow,
  tokenByIdUnscoped,
  tokenListUnscoped,
} from './tokens.store.ts';

/**
 * API tokens for other systems (the supervision platform, a push client). The token is shown once; only
 * its hash is kept. A token acts as its account, limited to its scopes: `read`, or `read` and `write`.
 */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

const cliActor = (personId: string | null, agencyId: string | null): Actor => ({
  personId,
  agencyId,
  via: 'cli',
  ip: null,
});

async function accountOf(deps: CommandDeps, username: string) {
  const account = await accountByUsernameUnscoped(deps.db, username.toLowerCase());
  if (!account) throw new AppError('NOT_FOUND', { detail: `没有用户名为 ${username} 的账号` });
  return account;
}

export async function createToken(
  deps: CommandDeps,
  input: { username: string; name: string; scopes: TokenScope[]; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  const account = await accountOf(deps, input.username);
  const token = newSecret('sxt');
  const id = newId();
  await runCommand(deps, cliActor(null, account.agency_id), async (ctx) => {
    await insertToken(ctx.trx, ownAgency(account.agency_id), {
      id,
      account_id: account.id,
      name: input.name,
      token_hash: hashSecret(token),
      scopes: JSON.stringify(input.scopes),
      expires_at: input.expiresAt,
    });
    await ctx.record({
      kind: 'auth.token_created',
      agencyId: account.agency_id,
      subjectType: 'api_token',
      subjectId: id,
      // The digest of the stored hash, never the token (verify-accounts.ts compares the row with it).
      record: {
        account: account.id,
        name: input.name,
        scopes: input.scopes,
        tokenSha256: hashSecret(hashSecret(token)),
        expiresAt: input.expiresAt?.toISOString() ?? null,
      },
    });
  });
  return { id, token };
}

export async function listTokens(deps: CommandDeps, username?: string) {
  return tokenListUnscoped(deps.db, username?.toLowerCase());
}

export async function revokeToken(deps: CommandDeps, id: string): Promise<void> {
  const token = await tokenByIdUnscoped(deps.db, id);
  if (!token) throw new AppError('NOT_FOUND', { detail: `没有编号为 ${id} 的令牌` });
  if (token.revoked_at) throw new AppError('CONFLICT', { detail: '该令牌已撤销' });
  await runCommand(deps, cliActor(null, token.agency_id), async (ctx) => {
    await revokeTokenRow(ctx.trx, ownAgency(token.agency_id), id, ctx.now);
    await ctx.record({
      kind: 'auth.token_revoked',
      agencyId: token.agency_id,
      subjectType: 'api_token',
      subjectId: id,
      record: { at: ctx.now.toISOString() },
    });
  });
}
