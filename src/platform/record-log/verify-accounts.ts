import { hashSecret } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { canonicalJson } from './entry.ts';
import type { Problem } from './verify-rows.ts';
import {
  accountRowsUnscoped,
  activeGrantsUnscoped,
  sessionRowsUnscoped,
  subjectTypeEventsUnscoped,
  tokenRowsUnscoped,
  type SubjectEvent,
} from './verify.store.ts';

/**
 * Accounts, role grants and API tokens against their recorded events (issue 10 item 6; security sweep
 * M1). Their rows hold secrets, so their events record digests instead (the SHA-256 of the password hash,
 * of the TOTP secret and of the token hash: the private record holds no secret, the public entry only a
 * salted digest of that). Each account's security state (person, username, password, TOTP secret and
 * whether it is on, disabled) must be what its events last said; each person's active grants must be what
 * the granted/revoked records add up to; each token must have its creation record and be revoked exactly
 * when a revocation was recorded. Fields an old record does not carry (before these digests) are not
 * compared; rows only recorded before the record log (no record kept) are skipped. Each session must have
 * been opened by a recorded sign-in of its account and agency, and be ended when its sign-out was recorded
 * (a session row written outside a command would be a sign-in nobody made).
 */

type Event = SubjectEvent & { subject_id: string };

async function eventsOf(db: Db, subjectType: string): Promise<Map<string, Event[]>> {
  return (await subjectTypeEventsUnscoped(db, subjectType)) as Map<string, Event[]>;
}

const recordOf = (e: Event): Record<string, unknown> => {
  const value: unknown = e.record === null ? null : JSON.parse(e.record);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
};

const digestOrNull = (secret: string | null) => (secret === null ? null : hashSecret(secret));
const noRow = '没有任何记录写入过这一行（在命令之外写入？）';
const gone = '记录中有这一行，但它已不在表中（被删除？）';

/** The recorded account fields and the row's, in the recorded form. */
const accountFields: Record<string, (row: AccountRow) => unknown> = {
  person: (r) => r.person_id,
  username: (r) => r.username,
  passwordSha256: (r) => hashSecret(r.password_hash),
  totpSecretSha256: (r) => digestOrNull(r.totp_secret),
  totpEnabled: (r) => r.totp_enabled,
  disabled: (r) => r.disabled,
};
const accountLabels: Record<string, string> = {
  person: 'person_id',
  username: 'username',
  passwordSha256: 'password_hash',
  totpSecretSha256: 'totp_secret',
  totpEnabled: 'totp_enabled',
  disabled: 'disabled',
};

interface AccountRow {
  id: string;
  person_id: string;
  username: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  disabled: boolean;
}

async function accountProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const rows = await accountRowsUnscoped(db);
  const events = await eventsOf(db, 'account');
  const problems: Problem[] = [];
  for (const row of rows) {
    const own = events.get(row.id) ?? [];
    if (!own.some((e) => e.kind === 'org.account_created')) {
      problems.push({ table: 'accounts', id: row.id, message: noRow });
      continue;
    }
    const expected = new Map<string, { value: unknown; kind: string }>();
    for (const e of own) {
      for (const [key, value] of Object.entries(recordOf(e))) {
        if (key in accountFields) expected.set(key, { value, kind: e.kind });
      }
    }
    for (const [key, { value, kind }] of expected) {
      if (canonicalJson(accountFields[key]!(row)) !== canonicalJson(value)) {
        problems.push({
          table: 'accounts',
          id: row.id,
          message: `列 ${accountLabels[key]} 与最后写入它的记录（${kind}）不一致`,
        });
        break;
      }
    }
  }
  const present = new Set(rows.map((r) => r.id));
  for (const [id, own] of events) {
    if (!present.has(id) && own.some((e) => e.kind === 'org.account_created')) {
      problems.push({ table: 'accounts', id, message: gone });
    }
  }
  return { problems, checked: rows.length };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

async function grantProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const rows = await activeGrantsUnscoped(db);
  const recorded = new Map<string, Set<string>>();
  for (const [person, own] of await eventsOf(db, 'person')) {
    for (const e of own) {
      if (e.kind !== 'org.roles_changed' || e.record === null) continue;
      const record = recordOf(e);
      const roles = recorded.get(person) ?? new Set<string>();
      for (const role of strings(record.granted)) roles.add(role);
      for (const role of strings(record.revoked)) roles.delete(role);
      recorded.set(person, roles);
    }
  }
  const problems: Problem[] = [];
  const held = new Map<string, Set<string>>();
  for (const row of rows) {
    held.set(row.person_id, (held.get(row.person_id) ?? new Set<string>()).add(row.role));
    if (!recorded.get(row.person_id)?.has(row.role)) {
      problems.push({
        table: 'role_grants',
        id: row.id,
        message: `人员 ${row.person_id} 的角色 ${row.role} 没有授予记录（在命令之外授予？）`,
      });
    }
  }
  for (const [person, roles] of recorded) {
    for (const role of roles) {
      if (!held.get(person)?.has(role)) {
        problems.push({
          table: 'role_grants',
          id: person,
          message: `记录中人员 ${person} 持有角色 ${role}，但表中没有有效的授予（被改动或撤销？）`,
        });
      }
    }
  }
  return { problems, checked: rows.length };
}

interface TokenRow {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  scopes: unknown;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** What is wrong with a token row given its events, or null. */
function tokenProblem(row: TokenRow, own: readonly Event[]): string | null {
  const created = own.find((e) => e.kind === 'auth.token_created');
  if (!created) return noRow;
  if (created.record === null) return null;
  const record = recordOf(created);
  const compare: [string, unknown, unknown][] = [
    ['account_id', row.account_id, record.account],
    ['name', row.name, record.name],
    ['scopes', row.scopes, record.scopes],
  ];
  if ('tokenSha256' in record) compare.push(['token_hash', hashSecret(row.token_hash), record.tokenSha256]);
  if ('expiresAt' in record)
    compare.push(['expires_at', row.expires_at?.toISOString() ?? null, record.expiresAt]);
  for (const [column, actual, value] of compare) {
    if (canonicalJson(actual) !== canonicalJson(value)) return `列 ${column} 与创建它的记录不一致`;
  }
  const revoked = own.find((e) => e.kind === 'auth.token_revoked');
  if (!revoked && row.revoked_at !== null) return '列 revoked_at：没有撤销记录，却已撤销';
  if (revoked && row.revoked_at === null) return '列 revoked_at：记录中已撤销，表中却仍有效（被恢复？）';
  if (revoked && row.revoked_at !== null && row.revoked_at.getTime() !== revoked.at.getTime()) {
    return '列 revoked_at 与撤销记录的时间不一致';
  }
  return null;
}

async function tokenProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const rows = await tokenRowsUnscoped(db);
  const events = await eventsOf(db, 'api_token');
  const problems: Problem[] = [];
  for (const row of rows) {
    const problem = tokenProblem(row, events.get(row.id) ?? []);
    if (problem) problems.push({ table: 'api_tokens', id: row.id, message: problem });
  }
  const present = new Set(rows.map((r) => r.id));
  for (const [id, own] of events) {
    if (!present.has(id) && own.some((e) => e.kind === 'auth.token_created')) {
      problems.push({ table: 'api_tokens', id, message: gone });
    }
  }
  return { problems, checked: rows.length };
}

/** What is wrong with a session row given its events, or null. */
function sessionProblem(
  row: { agency_id: string; account_id: string; ended_at: Date | null },
  own: readonly Event[],
): string | null {
  const opened = own.find((e) => e.kind === 'auth.signed_in');
  if (!opened) return noRow;
  if (opened.record === null) return null;
  const record = recordOf(opened);
  if ('account' in record && record.account !== row.account_id) return '列 account_id 与登录记录不一致';
  if (own.some((e) => e.kind === 'auth.signed_out') && row.ended_at === null) {
    return '列 ended_at：记录中已退出登录，表中会话却仍有效（被恢复？）';
  }
  return null;
}

async function sessionProblems(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const rows = await sessionRowsUnscoped(db);
  const events = await eventsOf(db, 'session');
  const problems: Problem[] = [];
  for (const row of rows) {
    const own = events.get(row.id) ?? [];
    const problem =
      own.length > 0 && own.some((e) => e.kind === 'auth.signed_in' && e.agency_id !== row.agency_id)
        ? '列 agency_id 与登录记录不一致'
        : sessionProblem(row, own);
    if (problem) problems.push({ table: 'sessions', id: row.id, message: problem });
  }
  const present = new Set(rows.map((r) => r.id));
  for (const [id, own] of events) {
    if (!present.has(id) && own.some((e) => e.kind === 'auth.signed_in')) {
      problems.push({ table: 'sessions', id, message: gone });
    }
  }
  return { problems, checked: rows.length };
}

/**
 * The tables this module compares, each with its check: `sanxiang verify` runs them all, and the coverage
 * list (verify-coverage.ts) is made from these keys, so the two cannot drift apart.
 */
export const accountChecks = {
  accounts: accountProblems,
  role_grants: grantProblems,
  api_tokens: tokenProblems,
  sessions: sessionProblems,
} as const satisfies Record<string, (db: Db) => Promise<{ problems: Problem[]; checked: number }>>;

export async function verifyAccounts(db: Db): Promise<{ problems: Problem[]; checked: number }> {
  const parts: { problems: Problem[]; checked: number }[] = [];
  for (const check of Object.values(accountChecks)) parts.push(await check(db));
  return {
    problems: parts.flatMap((p) => p.problems),
    checked: parts.reduce((n, p) => n + p.checked, 0),
  };
}
