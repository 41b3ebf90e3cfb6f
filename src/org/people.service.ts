import { hashSecret } from '../platform/auth/tokens.ts';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { instanceRoles, type Role } from '../platform/auth/roles.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { assertUnitOf } from './agencies.service.ts';
import { certificatesOfPeople, insertCertificate } from './certificates.service.ts';
import { orgPolicy } from './org.policy.ts';
import type { PeopleQuery, Person, PersonInput, PersonPatch } from './org.schema.ts';

const personUniques = {
  certificates_number_key: 'body.certificates',
  accounts_username_key: 'body.account.username',
};

/** People with their unit, roles, username and certificates, in the order of `ids`. */
async function loadPeople(db: Db, ids: string[], today: string): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people')
    .leftJoin('units', 'units.id', 'people.unit_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .selectAll('people')
    .select(['units.name as unit_name', 'accounts.username'])
    .where('people.id', 'in', ids)
    .execute();
  const grants = await db
    .selectFrom('role_grants')
    .select(['person_id', 'role'])
    .where('person_id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
  const certs = await certificatesOfPeople(db, ids, today);
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
  let q = deps.db.selectFrom('people').where('people.agency_id', 'in', agencies);
  if (query.unitId) q = q.where('people.unit_id', '=', query.unitId);
  if (query.active) q = q.where('people.active', '=', query.active === 'true');
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) =>
      eb.or([
        eb('people.name', 'like', like),
        eb.exists(
          eb
            .selectFrom('certificates')
            .select('certificates.id')
            .whereRef('certificates.person_id', '=', 'people.id')
            .where('certificates.number', 'like', like),
        ),
      ]),
    );
  }
  if (query.role) {
    const role = query.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants')
          .select('role_grants.id')
          .whereRef('role_grants.person_id', '=', 'people.id')
          .where('role_grants.role', '=', role)
          .where('role_grants.revoked_at', 'is', null),
      ),
    );
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await q
    .select('people.id')
    .orderBy('people.name')
    .orderBy('people.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items = await loadPeople(
    deps.db,
    ids.map((r) => r.id),
    chinaDate(deps.clock.now()),
  );
  return { items, total: Number(total) };
}

export async function getPerson(deps: CommandDeps, principal: Principal, id: string): Promise<Person> {
  const row = await deps.db.selectFrom('people').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.readPeople, row.agency_id);
  const [person] = await loadPeople(deps.db, [id], chinaDate(deps.clock.now()));
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
    const taken = await db
      .selectFrom('certificates')
      .select('number')
      .where('number', 'in', numbers)
      .execute();
    input.certificates.forEach((c, i) => {
      if (taken.some((t) => t.number === c.number)) {
        problems.push({ path: `body.certificates.${i}.number`, message: '执法证号已被使用' });
      }
    });
  }
  if (input.account) {
    const username = input.account.username;
    const taken = await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) problems.push({ path: 'body.account.username', message: '用户名已被使用' });
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
  const row = await ctx.trx
    .insertInto('people')
    .values({
      id,
      agency_id: agencyId,
      unit_id: input.unitId,
      name: input.name,
      post: input.post,
      phone: input.phone,
      active: true,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'org.person_created',
    agencyId,
    subjectType: 'person',
    subjectId: id,
    record: row,
  });
  if (input.account && passwordHash) {
    const accountId = newId();
    await ctx.trx
      .insertInto('accounts')
      .values({
        id: accountId,
        agency_id: agencyId,
        person_id: id,
        username: input.account.username,
        password_hash: passwordHash,
        updated_at: ctx.now,
      })
      .execute();
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
  await grantRoles(ctx, agencyId, id, input.roles, []);
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
  agencyId: string,
  personId: string,
  wanted: Role[],
  held: string[],
) {
  const add = wanted.filter((r) => !held.includes(r));
  const remove = held.filter((r) => !wanted.includes(r as Role));
  for (const role of add) {
    await ctx.trx
      .insertInto('role_grants')
      .values({
        id: newId(),
        agency_id: agencyId,
        person_id: personId,
        role,
        granted_at: ctx.now,
        granted_by: ctx.actor.personId,
      })
      .execute();
  }
  if (remove.length > 0) {
    await ctx.trx
      .updateTable('role_grants')
      .set({ revoked_at: ctx.now, revoked_by: ctx.actor.personId })
      .where('person_id', '=', personId)
      .where('role', 'in', remove)
      .where('revoked_at', 'is', null)
      .execute();
  }
  if (add.length + remove.length > 0) {
    await ctx.record({
      kind: 'org.roles_changed',
      agencyId,
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
  const existing = await deps.db
    .selectFrom('people')
    .select('agency_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, existing.agency_id);
  if (patch.unitId !== undefined)
    await assertUnitOf(deps.db, existing.agency_id, patch.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const before = await ctx.trx
      .selectFrom('people')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after = await ctx.trx
      .updateTable('people')
      .set({
        name: patch.name,
        unit_id: patch.unitId,
        post: patch.post,
        phone: patch.phone,
        active: patch.active,
        updated_at: ctx.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
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
  const existing = await deps.db
    .selectFrom('people')
    .select('agency_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.managePeople, existing.agency_id);
  if (id === principal.personId && principal.roles.has('administrator') && !roles.includes('administrator')) {
    throw fieldError('CONFLICT', 'body.roles', '不能撤销自己的系统管理员角色');
  }
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const held = await ctx.trx
      .selectFrom('role_grants')
      .select('role')
      .where('person_id', '=', id)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .execute();
    const wanted = [...new Set(roles)];
    const heldRoles = held.map((h) => h.role);
    assertMayGrant(principal, [
      ...wanted.filter((r) => !heldRoles.includes(r)),
      ...heldRoles.filter((r): r is Role => !wanted.includes(r as Role)),
    ]);
    if (wanted.length === heldRoles.length && wanted.every((r) => heldRoles.includes(r))) {
      await ctx.record({
        kind: 'org.roles_confirmed',
        agencyId: existing.agency_id,
        subjectType: 'person',
        subjectId: id,
        record: { roles: wanted },
      });
      return;
    }
    await grantRoles(ctx, existing.agency_id, id, wanted, heldRoles);
  });
  return getPerson(deps, principal, id);
}
