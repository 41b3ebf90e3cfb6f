import { sql } from 'kysely';
import { runCommand, type Actor, type CommandDeps } from '../platform/audit/command.ts';
import { burnPasswordCheck, verifyPassword } from '../platform/auth/passwords.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { isRole, rolesRequiringTotp, type Role } from '../platform/auth/roles.ts';
import { hashSecret, newSecret } from '../platform/auth/tokens.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from '../platform/auth/totp.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { lockoutAfterFailure, type LockoutState } from './sign-in.rules.ts';

export interface SignInDeps extends CommandDeps {
  sessionHours: number;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  stage: 'full' | 'totp_enrolment';
  expiresAt: Date;
}

const anonymous = (ip: string | null): Actor => ({ personId: null, agencyId: null, via: 'anonymous', ip });

async function rolesOf(db: Db, personId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select('role')
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.role).filter(isRole);
}

/**
 * Sign-in with password, then TOTP where required. An unknown user and a wrong password get the same
 * answer in the same time; 5 failures lock the account for 15 minutes; every attempt is recorded.
 */
export async function signIn(
  deps: SignInDeps,
  input: { username: string; password: string; totp?: string | undefined },
  ip: string | null,
): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase();
  const account = await deps.db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select([
      'accounts.id',
      'accounts.agency_id',
      'accounts.person_id',
      'accounts.password_hash',
      'accounts.totp_secret',
      'accounts.totp_enabled',
      'accounts.failed_count',
      'accounts.locked_until',
      'accounts.disabled',
      'people.active',
    ])
    .where('accounts.username', '=', username)
    .executeTakeFirst();

  const recordFailure = async (reason: string, lockout: LockoutState | null) =>
    runCommand(deps, anonymous(ip), async (ctx) => {
      if (account && lockout) {
        await ctx.trx
          .updateTable('accounts')
          .set({ failed_count: lockout.failedCount, locked_until: lockout.lockedUntil, updated_at: ctx.now })
          .where('id', '=', account.id)
          .execute();
      }
      await ctx.record({
        kind: 'auth.sign_in_failed',
        agencyId: account?.agency_id ?? null,
        subjectType: 'account',
        subjectId: account?.id ?? null,
        record: { reason, at: ctx.now.toISOString() },
        changes: [reason],
      });
    });

  if (!account) {
    await burnPasswordCheck(input.password);
    await recordFailure('unknown_user', null);
    throw new AppError('LOGIN_FAILED');
  }
  const now = deps.clock.now();
  const current: LockoutState = { failedCount: account.failed_count, lockedUntil: account.locked_until };
  if (account.locked_until && account.locked_until > now) {
    await recordFailure('locked', null);
    throw new AppError('ACCOUNT_LOCKED', { extra: { lockedUntil: account.locked_until.toISOString() } });
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    await recordFailure('wrong_password', lockoutAfterFailure(current, now));
    throw new AppError('LOGIN_FAILED');
  }
  if (account.disabled || !account.active) {
    await recordFailure('disabled', null);
    throw new AppError('ACCOUNT_DISABLED');
  }
  const roles = await rolesOf(deps.db, account.person_id);
  let stage: SignedIn['stage'] = 'full';
  if (account.totp_enabled && account.totp_secret) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!checkTotp(account.totp_secret, input.totp, now)) {
      await recordFailure('wrong_totp', lockoutAfterFailure(current, now));
      throw new AppError('TOTP_INVALID');
    }
  } else if (roles.some((r) => rolesRequiringTotp.has(r))) {
    stage = 'totp_enrolment';
  }

  const token = newSecret('sxs');
  const csrfToken = newSecret('csrf');
  const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
  await runCommand(
    deps,
    { personId: account.person_id, agencyId: account.agency_id, via: 'session', ip },
    async (ctx) => {
      const id = newId();
      await ctx.trx
        .updateTable('accounts')
        .set({ failed_count: 0, locked_until: null, updated_at: ctx.now })
        .where('id', '=', account.id)
        .execute();
      await ctx.trx
        .insertInto('sessions')
        .values({
          id,
          agency_id: account.agency_id,
          account_id: account.id,
          token_hash: hashSecret(token),
          csrf_token: csrfToken,
          stage,
          ip,
          expires_at: expiresAt,
        })
        .execute();
      await ctx.record({
        kind: 'auth.signed_in',
        agencyId: account.agency_id,
        subjectType: 'session',
        subjectId: id,
        record: { account: account.id, stage, at: ctx.now.toISOString() },
      });
    },
  );
  return { token, csrfToken, stage, expiresAt };
}

export interface SessionPrincipal {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
  stage: 'full' | 'totp_enrolment';
}

interface PrincipalRow {
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

/** One query: the credential, its account and person, their roles, and the agencies below theirs. */
async function loadPrincipal(db: Db, credential: 'session' | 'token', secretHash: string, now: Date) {
  const source =
    credential === 'session'
      ? sql`select id as session_id, csrf_token, stage, null::jsonb as scopes, account_id from sessions
            where token_hash = ${secretHash} and ended_at is null and expires_at > ${now}`
      : sql`select null::uuid as session_id, null as csrf_token, null as stage, scopes, account_id from api_tokens
            where token_hash = ${secretHash} and revoked_at is null and (expires_at is null or expires_at > ${now})`;
  const { rows } = await sql<PrincipalRow>`
    with cred as (${source})
    select cred.session_id, cred.csrf_token, cred.stage, cred.scopes, a.id as account_id, a.person_id,
           a.agency_id, a.username, p.name,
           (select array_agg(g.role) from role_grants g
             where g.person_id = a.person_id and g.revoked_at is null) as roles,
           (with recursive below(id) as (
              select c.id from agencies c where c.parent_id = a.agency_id
              union all select c.id from agencies c join below on c.parent_id = below.id)
            select array_agg(id) from below) as supervised
    from cred join accounts a on a.id = cred.account_id join people p on p.id = a.person_id
    where not a.disabled and p.active`.execute(db);
  return rows[0];
}

function toPrincipal(row: PrincipalRow, via: 'session' | 'token', ip: string | null): Principal {
  return {
    accountId: row.account_id,
    personId: row.person_id,
    agencyId: row.agency_id,
    username: row.username,
    name: row.name,
    roles: new Set((row.roles ?? []).filter(isRole)),
    supervisedAgencyIds: new Set(row.supervised ?? []),
    via,
    scopes: via === 'token' ? (row.scopes ?? []) : null,
    ip,
  };
}

export async function principalForSession(
  db: Db,
  token: string,
  now: Date,
  ip: string | null,
): Promise<SessionPrincipal | null> {
  const row = await loadPrincipal(db, 'session', hashSecret(token), now);
  if (!row?.session_id || !row.csrf_token || !row.stage) return null;
  return {
    principal: toPrincipal(row, 'session', ip),
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    stage: row.stage,
  };
}

export async function principalForToken(
  db: Db,
  token: string,
  now: Date,
  ip: string | null,
): Promise<Principal | null> {
  const row = await loadPrincipal(db, 'token', hashSecret(token), now);
  return row ? toPrincipal(row, 'token', ip) : null;
}

export async function signOut(deps: CommandDeps, principal: Principal, sessionId: string): Promise<void> {
  await runCommand(deps, actorOf(principal), async (ctx) => {
    await ctx.trx.updateTable('sessions').set({ ended_at: ctx.now }).where('id', '=', sessionId).execute();
    await ctx.record({
      kind: 'auth.signed_out',
      agencyId: principal.agencyId,
      subjectType: 'session',
      subjectId: sessionId,
      record: { at: ctx.now.toISOString() },
    });
  });
}

/** Starts TOTP enrolment: a new secret, not active until a code from it is confirmed. */
export async function startTotpEnrolment(
  deps: CommandDeps,
  principal: Principal,
): Promise<{ uri: string; qr: string; secret: string }> {
  const secret = newTotpSecret();
  await runCommand(deps, actorOf(principal), async (ctx) => {
    // Re-enrolling must not switch off a second factor already bound: that would let any session drop it.
    const account = await ctx.trx
      .selectFrom('accounts')
      .select('totp_enabled')
      .where('id', '=', principal.accountId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (account.totp_enabled)
      throw new AppError('CONFLICT', { detail: '该账号已绑定动态验证码；如需更换，请联系系统管理员重置' });
    await ctx.trx
      .updateTable('accounts')
      .set({ totp_secret: secret, totp_enabled: false, updated_at: ctx.now })
      .where('id', '=', principal.accountId)
      .execute();
    await ctx.record({
      kind: 'auth.totp_enrolment_started',
      agencyId: principal.agencyId,
      subjectType: 'account',
      subjectId: principal.accountId,
      record: { at: ctx.now.toISOString() },
    });
  });
  return { ...(await totpEnrolment(secret, principal.username)), secret };
}

export async function confirmTotpEnrolment(
  deps: CommandDeps,
  principal: Principal,
  sessionId: string,
  code: string,
): Promise<void> {
  const account = await deps.db
    .selectFrom('accounts')
    .select('totp_secret')
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow();
  if (!account.totp_secret || !checkTotp(account.totp_secret, code, deps.clock.now())) {
    throw new AppError('TOTP_INVALID', { errors: [{ path: 'body.code', message: '动态验证码错误' }] });
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    await ctx.trx
      .updateTable('accounts')
      .set({ totp_enabled: true, updated_at: ctx.now })
      .where('id', '=', principal.accountId)
      .execute();
    await ctx.trx.updateTable('sessions').set({ stage: 'full' }).where('id', '=', sessionId).execute();
    await ctx.record({
      kind: 'auth.totp_enrolled',
      agencyId: principal.agencyId,
      subjectType: 'account',
      subjectId: principal.accountId,
      record: { at: ctx.now.toISOString() },
    });
  });
}
