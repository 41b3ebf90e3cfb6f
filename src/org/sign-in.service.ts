import { runCommand, type Actor, type CommandDeps } from '../platform/audit/command.ts';
import { burnPasswordCheck, verifyPassword } from '../platform/auth/passwords.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { isRole, rolesRequiringTotp, type Role } from '../platform/auth/roles.ts';
import { hashSecret, newSecret } from '../platform/auth/tokens.ts';
import { checkTotp, newTotpSecret, totpEnrolment, totpStep } from '../platform/auth/totp.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { isLocked, lockoutAfterFailure, totpStepFresh, type LockoutState } from './sign-in.rules.ts';
import {
  activeRoles,
  countUnknownUsername,
  enableTotp,
  endSession,
  insertSession,
  lockAccountForSignInUnscoped,
  lockTotpState,
  markSessionFull,
  principalBySecretUnscoped,
  saveLockout,
  saveSignInSuccess,
  saveTotpSecret,
  totpEnabled,
  totpState,
  type PrincipalRow,
} from './sign-in.store.ts';
import { agencySummary } from './agencies.store.ts';

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

/** Thrown inside the sign-in command when no account has the username: the command records nothing. */
class UnknownUsername extends Error {}

async function rolesOf(db: Db, agencyId: string, personId: string): Promise<Role[]> {
  return (await activeRoles(db, ownAgency(agencyId), personId)).filter(isRole);
}

/**
 * Sign-in with password, then TOTP where required. An unknown user, a wrong password and a locked account
 * get the same answer in about the same time (an argon2 verify each); 5 failures lock the account for 15
 * minutes. Every attempt on an account is recorded (an audit event and its log entry); an unknown username
 * is only counted per client address and hour (countUnknownUsername). The whole check runs in one
 * transaction holding the account's row (security sweep H3), so parallel guesses are counted one after
 * another and none passes the lock.
 */
export async function signIn(
  deps: SignInDeps,
  input: { username: string; password: string; totp?: string | undefined },
  ip: string | null,
): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase();
  const token = newSecret('sxs');
  const csrfToken = newSecret('csrf');
  // Anonymous until the password (and code) pass; then the account's own, for the auth.signed_in row.
  const actor: Actor = anonymous(ip);

  const attempt = runCommand(deps, actor, async (ctx) => {
    const account = await lockAccountForSignInUnscoped(ctx.trx, username);
    if (!account) throw new UnknownUsername();
    const own = ownAgency(account.agency_id);
    const now = ctx.now;
    const fail = async (reason: string, error: AppError, lockout: LockoutState | null, burn = false) => {
      if (lockout) await saveLockout(ctx.trx, own, account.id, lockout, now);
      await ctx.record({
        kind: 'auth.sign_in_failed',
        agencyId: account.agency_id,
        subjectType: 'account',
        subjectId: account.id,
        record: { reason, at: now.toISOString() },
        changes: [reason],
      });
      return { ok: false as const, error, burn };
    };

    const current: LockoutState = { failedCount: account.failed_count, lockedUntil: account.locked_until };
    // A locked account answers as an unknown one (sweep L4): same answer, same argon2 work, after commit.
    if (isLocked(current, now)) return fail('locked', new AppError('LOGIN_FAILED'), null, true);
    if (!(await verifyPassword(account.password_hash, input.password))) {
      return fail('wrong_password', new AppError('LOGIN_FAILED'), lockoutAfterFailure(current, now));
    }
    if (account.disabled || !account.active) return fail('disabled', new AppError('ACCOUNT_DISABLED'), null);
    const roles = await rolesOf(ctx.trx, account.agency_id, account.person_id);
    let stage: SignedIn['stage'] = 'full';
    let step: number | null = null;
    if (account.totp_enabled && account.totp_secret) {
      if (!input.totp) return fail('totp_required', new AppError('TOTP_REQUIRED'), null);
      step = totpStep(account.totp_secret, input.totp, now);
      if (step === null || !totpStepFresh(step, account.totp_last_step)) {
        return fail('wrong_totp', new AppError('TOTP_INVALID'), lockoutAfterFailure(current, now));
      }
    } else if (roles.some((r) => rolesRequiringTotp.has(r))) {
      stage = 'totp_enrolment';
    }

    actor.personId = account.person_id;
    actor.agencyId = account.agency_id;
    actor.via = 'session';
    const id = newId();
    const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
    await saveSignInSuccess(ctx.trx, own, account.id, step, now);
    await insertSession(ctx.trx, own, {
      id,
      account_id: account.id,
      token_hash: hashSecret(token),
      csrf_token: csrfToken,
      stage,
      ip,
      expires_at: expiresAt,
    });
    await ctx.record({
      kind: 'auth.signed_in',
      agencyId: account.agency_id,
      subjectType: 'session',
      subjectId: id,
      record: { account: account.id, stage, at: now.toISOString() },
    });
    return { ok: true as const, stage, expiresAt };
  });
  const outcome = await attempt.catch(async (err: unknown) => {
    if (!(err instanceof UnknownUsername)) throw err;
    // The same answer after the same argon2 work as a wrong password; counted, not recorded.
    await burnPasswordCheck(input.password);
    await countUnknownUsername(deps.db, ip, deps.clock.now());
    return { ok: false as const, error: new AppError('LOGIN_FAILED'), burn: false };
  });
  if (!outcome.ok) {
    if (outcome.burn) await burnPasswordCheck(input.password);
    throw outcome.error;
  }
  return { token, csrfToken, stage: outcome.stage, expiresAt: outcome.expiresAt };
}

export interface SessionPrincipal {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
  stage: 'full' | 'totp_enrolment';
}

/** The credential's principal (sign-in.store.ts reads it in one query). */
const loadPrincipal = principalBySecretUnscoped;

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
    await endSession(ctx.trx, ownScopeOf(principal), sessionId, ctx.now);
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
    const own = ownScopeOf(principal);
    const account = await lockTotpState(ctx.trx, own, principal.accountId);
    if (account.totp_enabled)
      throw new AppError('CONFLICT', { detail: '该账号已绑定动态验证码；如需更换，请联系系统管理员重置' });
    await saveTotpSecret(ctx.trx, own, principal.accountId, secret, ctx.now);
    await ctx.record({
      kind: 'auth.totp_enrolment_started',
      agencyId: principal.agencyId,
      subjectType: 'account',
      subjectId: principal.accountId,
      record: { at: ctx.now.toISOString(), totpSecretSha256: hashSecret(secret), totpEnabled: false },
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
  const own = ownScopeOf(principal);
  const account = await totpState(deps.db, own, principal.accountId);
  if (!account.totp_secret || !checkTotp(account.totp_secret, code, deps.clock.now())) {
    throw new AppError('TOTP_INVALID', { errors: [{ path: 'body.code', message: '动态验证码错误' }] });
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    await enableTotp(ctx.trx, own, principal.accountId, ctx.now);
    await markSessionFull(ctx.trx, own, sessionId);
    await ctx.record({
      kind: 'auth.totp_enrolled',
      agencyId: principal.agencyId,
      subjectType: 'account',
      subjectId: principal.accountId,
      record: { at: ctx.now.toISOString(), totpEnabled: true },
    });
  });
}

/** What the workbench shows of the signed-in account: its agency, and whether a second factor is bound. */
export async function ownAccountView(db: Db, principal: Principal) {
  return {
    agency: await agencySummary(db, principal.agencyId),
    totpEnabled: await totpEnabled(db, ownScopeOf(principal), principal.accountId),
  };
}
