import { hashSecret } from '../platform/auth/tokens.ts';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { instanceRoles, type Role } from '../platform/auth/roles.ts';
import { chinaDate } from '../platform/clock.ts';
import {
  agenciesScope,
  ownAgency,
  ownScopeOf,
  readScopeOf,
  type AgencyScope,
  type OwnAgency,
} from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { assertUnitOf } from './agencies.service.ts';
import { certificatesOfPeople, insertCertificate } from './certificates.service.ts';
import { takenCertificateNumbersUnscoped } from './certificates.store.ts';
import {
  activeRoleRows,
  insertAccount,
  insertPersonRow,
  insertRoleGrant,
  listPeopleIds,
  activeRoles,
  lockPerson,
  peopleRows,
  personAgency,
  revokeRoleGrants,
  updatePersonRow,
  usernameTakenUnscoped,
} from './people.store.ts';
import { orgPolicy } from './org.policy.ts';
import type { PeopleQuery, Person, PersonInput, PersonPatch } from './org.schema.ts';

const personUniques = {
  certificates_number_key: 'body.certificates',
  accounts_username_key: 'body.account.username',
};

/** People with their unit, roles, username and certificates, in the order of `ids`. */
export async function loadPeople(
  db: Db,
  scope: AgencyScope,
  ids: string[],
  today: string,
): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await peopleRows(db, scope, ids);
  const grants = await activeRoleRows(db, scope, ids);
  const certs = await certificatesOfPeople(db, scope, ids, today);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        agencyId: r.agency_id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        name: r.name,
        post: r.post,
        phone: r.phone,
        active: r.active,
        username: r.username,
        roles: grants.filter((g) => g.person_id === id).map((g) => g.role),
        certificates: certs.filter((c) => c.personId === id),
      },
    ];
  });
}

export async function listPeople(
  deps: CommandDeps,
  principal: Principal,
  query: PeopleQuery,
): Promise<{ items: Person[]; total: number }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, orgPolicy.readPeople);
  for (const id of agencies) authorize(principal, orgPolicy.readPeople, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  const scope = agenciesScope(agencies);
  const { ids, total } = await listPeopleIds(deps.db, scope, query, query);
  const items = await loadPeople(deps.db, scope, ids, chinaDate(deps.clock.now()));
  return { items, total };
}

export async function getPerson(deps: CommandDeps, principal: Principal, id: string): Promise<Person> {
  const scope = readScopeOf(principal, orgPolicy.readPeople);
  const agencyId = await personAgency(deps.db, scope, id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.readPeople, agencyId);
  const [person] = await loadPeople(deps.db, scope, [id], chinaDate(deps.clock.now()));
  if (!person) throw new AppError('NOT_FOUND');
  return person;
}

/** Problems a whole person input has that a field schema cannot see: repeated numbers, weak passwords. */
export function personInputProblems(input: PersonInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.account) {
    const weak = passwordProblem(input.account.password);
    if (weak) problems.push({ path: 'body.account.password', message: weak });
  }
  input.certificates.forEach((c, i) => {
    if (input.certificates.findIndex((o) => o.number === c.number) !== i) {
      problems.push({ path: `body.certificates.${i}.number`, message: '执法证号重复' });
    }
  });
  return problems;
}

/** Certificate numbers and usernames of the input already in use, each named by its field. */
export async function takenValues(db: Db, input: PersonInput): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const numbers = input.certificates.map((c) => c.number);
  if (numbers.length > 0) {
    const taken = await takenCertificateNumbersUnscoped(db, numbers);
    input.certificates.forEach((c, i) => {
      if (taken.includes(c.number)) {
        problems.push({ path: `body.certificates.${i}.number`, message: '执法证号已被使用' });
      }
    });
  }
  if (input.account) {
    if (await usernameTakenUnscoped(db, input.account.username))
      problems.push({ path: 'body.account.username', message: '用户名已被使用' });
  }
  return problems;
}

/** Inserts a person with account, roles and certificates inside a running command. */
export async function insertPerson(
  ctx: CommandContext,
  agencyId: string,
  input: PersonInput,
  passwordHash: string | null,
): Promise<string> {
  const id = newId();
  const own = ownAgency(agencyId);
  const row = await insertPersonRow(ctx.trx, own, {
    id,
    unit_id: input.unitId,
    name: input.name,
    post: input.post,
    phone: input.phone,
    active: true,
    updated_at: ctx.now,
  });
  await ctx.record({
    kind: 'org.person_created',
    agencyId,
    subjectType: 'person',
    subjectId: id,
    record: row,
  });
  if (input.account && passwordHash) {
    const accountId = newId();
    await insertAccount(ctx.trx, own, {
      id: accountId,
      person_id: id,
      username: input.account.username,
      password_hash: passwordHash,
      updated_at: ctx.now,
    });
    await ctx.record({
      kind: 'org.account_created',
      agencyId,
      subjectType: 'account',
      subjectId: accountId,
      // Digests, never the secret (verify-accounts.ts compares the row's security state with these).
      record: {
        person: id,
        username: input.account.username,
        passwordSha256: hashSecret(passwordHash),
        totpSecretSha256: null,
        totpEnabled: false,
        disabled: false,
      },
    });
  }
  await grantRoles(ctx, own, id, input.roles, []);
  for (const cert of input.certificates) await insertCertificate(ctx, agencyId, id, cert);
  return id;
}

/**
 * A role that reaches beyond the agency (the instance administrator's) is granted and revoked only by one
 * who holds it: an agency administrator manages their own agency, not what every agency shares.
 */
export function assertMayGrant(principal: Principal, changed: readonly Role[], path = 'body.roles'): void {
  const beyond = changed.filter((r) => instanceRoles.has(r));
  if (beyond.length > 0 && !beyond.every((r) => principal.roles.has(r))) {
    throw fieldError('FORBIDDEN', path, '只有平台管理员可以授予或撤销平台管理员角色');
  }
}

async function grantRoles(
  ctx: CommandContext,
  own: OwnAgency,
  personId: string,
  wanted: Role[],
  held: string[],
) {
  const add = wanted.filter((r) => !held.includes(r));
  const remove = held.filter((r) => !wanted.includes(r as Role));
  for (const role of add) {
    await insertRoleGrant(ctx.trx, own, {
      id: newId(),
      person_id: personId,
      role,
      granted_at: ctx.now,
      granted_by: ctx.actor.personId,
    });
  }
  if (remove.length > 0) await revokeRoleGrants(ctx.trx, own, personId, remove, ctx.now, ctx.actor.personId);
  if (add.length + remove.length > 0) {
    await ctx.record({
      kind: 'org.roles_changed',
      agencyId: own.agencyId,
      subjectType: 'person',
      subjectId: personId,
      record: { granted: add, revoked: remove },
      changes: [...add.map((r) => `+${r}`), ...remove.map((r) => `-${r}`)],
    });
  }
}

export async function createPerson(
  deps: CommandDeps,
  principal: Principal,
  input: PersonInput,
): Promise<Person> {
  const agencyId = principal.agencyId;
  authorize(principal, orgPolicy.managePeople, agencyId);
  assertMayGrant(principal, input.roles);
  const problems = personInputProblems(input);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { errors: problems });
  const taken = await takenValues(deps.db, input);
  if (taken.length > 0) throw new AppError('DUPLICATE', { errors: taken });
  await assertUnitOf(deps.db, agencyId, input.unitId, 'body.unitId');
  const passwordHash = input.account ? await hashPassword(input.account.password) : null;
  const id = await duplicateField(personUniques, () =>
    runCommand(deps, actorOf(principal), (ctx) => insertPerson(ctx, agencyId, input, passwordHash)),
  );
  return getPerson(deps, principal, id);
}

export async function updatePerson(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: PersonPatch,
): Promise<Person> {
  const agencyId = await personAgency(deps.db, ownScopeOf(principal), id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, agencyId);
  const own = ownAgency(agencyId);
  if (patch.unitId !== undefined) await assertUnitOf(deps.db, agencyId, patch.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await lockPerson(ctx.trx, own, id);
    const after = await updatePersonRow(ctx.trx, own, id, {
      name: patch.name,
      unit_id: patch.unitId,
      post: patch.post,
      phone: patch.phone,
      active: patch.active,
      updated_at: ctx.now,
    });
    await ctx.record({
      kind: 'org.person_updated',
      agencyId: after.agency_id,
      subjectType: 'person',
      subjectId: id,
      record: after,
      changes: changedFields(before, after),
    });
  });
  return getPerson(deps, principal, id);
}

export async function setRoles(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  roles: Role[],
): Promise<Person> {
  const agencyId = await personAgency(deps.db, ownScopeOf(principal), id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, agencyId);
  const own = ownAgency(agencyId);
  if (id === principal.personId && principal.roles.has('administrator') && !roles.includes('administrator')) {
    throw fieldError('CONFLICT', 'body.roles', '不能撤销自己的系统管理员角色');
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const heldRoles = await activeRoles(ctx.trx, own, id, true);
    const wanted = [...new Set(roles)];
    assertMayGrant(principal, [
      ...wanted.filter((r) => !heldRoles.includes(r)),
      ...heldRoles.filter((r): r is Role => !wanted.includes(r as Role)),
    ]);
    if (wanted.length === heldRoles.length && wanted.every((r) => heldRoles.includes(r))) {
      await ctx.record({
        kind: 'org.roles_confirmed',
        agencyId,
        subjectType: 'person',
        subjectId: id,
        record: { roles: wanted },
      });
      return;
    }
    await grantRoles(ctx, own, id, wanted, heldRoles);
  });
  return getPerson(deps, principal, id);
}
