import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { changedFields, duplicateField } from '../platform/db/writes.ts';
import {
  agenciesByIds,
  agencyById,
  agencyIdByCreditCode,
  insertAgencyRow,
  insertUnitRow,
  isUnitOf,
  lockAgency,
  lockUnit,
  unitAgency,
  unitRows,
  updateAgencyRow,
  updateUnitRow,
} from './agencies.store.ts';
import { orgPolicy } from './org.policy.ts';
import type { Agency, AgencyInput, Unit, UnitInput } from './org.schema.ts';

export const toAgency = (r: Row<'agencies'>): Agency => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  creditCode: r.credit_code,
  regionCode: r.region_code,
  level: r.level,
  kind: r.kind,
  parentId: r.parent_id,
});

export const toUnit = (r: Row<'units'>): Unit => ({
  id: r.id,
  agencyId: r.agency_id,
  name: r.name,
  kind: r.kind,
  active: r.active,
});

export async function listAgencies(db: Db, principal: Principal): Promise<Agency[]> {
  const ids = readableAgencies(principal, orgPolicy.readAgency);
  const rows = await agenciesByIds(db, ids);
  return rows.map(toAgency);
}

/** An agency by its unified social credit code (the command line names agencies so). */
export const agencyByCreditCode = (db: Db, creditCode: string) => agencyIdByCreditCode(db, creditCode);

export async function getAgency(db: Db, principal: Principal, id: string): Promise<Agency> {
  authorize(principal, orgPolicy.readAgency, id);
  const row = await agencyById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toAgency(row);
}

const agencyUniques = { agencies_credit_code_key: 'body.creditCode' };

/** An administrator creates agencies directly below their own (a county office registers its bureaus). */
export async function createAgency(
  deps: CommandDeps,
  principal: Principal,
  input: AgencyInput,
): Promise<Agency> {
  const parentId = input.parentId ?? principal.agencyId;
  if (parentId !== principal.agencyId) {
    throw fieldError('FORBIDDEN', 'body.parentId', '只能在本机关之下新建机关');
  }
  authorize(principal, orgPolicy.manageAgency, parentId);
  return duplicateField(agencyUniques, () =>
    runCommand(deps, actorOf(principal), async (ctx) => {
      const id = newId();
      const row = await insertAgencyRow(ctx.trx, {
        id,
        name: input.name,
        short_name: input.shortName,
        credit_code: input.creditCode,
        region_code: input.regionCode,
        level: input.level,
        kind: input.kind,
        parent_id: parentId,
        updated_at: ctx.now,
      });
      await ctx.record({
        kind: 'org.agency_created',
        agencyId: id,
        subjectType: 'agency',
        subjectId: id,
        record: row,
      });
      return toAgency(row);
    }),
  );
}

export async function updateAgency(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: Partial<Omit<AgencyInput, 'parentId'>>,
): Promise<Agency> {
  authorize(principal, orgPolicy.manageAgency, id);
  return duplicateField(agencyUniques, () =>
    runCommand(deps, actorOf(principal), async (ctx) => {
      const before = await lockAgency(ctx.trx, id);
      if (!before) throw new AppError('NOT_FOUND');
      const row = await updateAgencyRow(ctx.trx, id, {
        name: patch.name,
        short_name: patch.shortName,
        credit_code: patch.creditCode,
        region_code: patch.regionCode,
        level: patch.level,
        kind: patch.kind,
        updated_at: ctx.now,
      });
      await ctx.record({
        kind: 'org.agency_updated',
        agencyId: id,
        subjectType: 'agency',
        subjectId: id,
        record: row,
        changes: changedFields(before, row),
      });
      return toAgency(row);
    }),
  );
}

export async function listUnits(db: Db, principal: Principal, agencyId: string): Promise<Unit[]> {
  authorize(principal, orgPolicy.readAgency, agencyId);
  const rows = await unitRows(db, ownAgency(agencyId));
  return rows.map(toUnit);
}

const unitUniques = { units_agency_id_name_key: 'body.name' };

export async function createUnit(
  deps: CommandDeps,
  principal: Principal,
  agencyId: string,
  input: UnitInput,
): Promise<Unit> {
  authorize(principal, orgPolicy.manageAgency, agencyId);
  return duplicateField(unitUniques, () =>
    runCommand(deps, actorOf(principal), async (ctx) => {
      const id = newId();
      const row = await insertUnitRow(ctx.trx, ownAgency(agencyId), {
        id,
        name: input.name,
        kind: input.kind,
        active: true,
        updated_at: ctx.now,
      });
      await ctx.record({
        kind: 'org.unit_created',
        agencyId,
        subjectType: 'unit',
        subjectId: id,
        record: row,
      });
      return toUnit(row);
    }),
  );
}

export async function updateUnit(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  patch: Partial<UnitInput> & { active?: boolean | undefined },
): Promise<Unit> {
  const agencyId = await unitAgency(deps.db, ownScopeOf(principal), id);
  if (!agencyId) throw new AppError('NOT_FOUND');
  authorize(principal, orgPolicy.manageAgency, agencyId);
  const own = ownAgency(agencyId);
  return duplicateField(unitUniques, () =>
    runCommand(deps, actorOf(principal), async (ctx) => {
      const before = await lockUnit(ctx.trx, own, id);
      const row = await updateUnitRow(ctx.trx, own, id, {
        name: patch.name,
        kind: patch.kind,
        active: patch.active,
        updated_at: ctx.now,
      });
      await ctx.record({
        kind: 'org.unit_updated',
        agencyId: row.agency_id,
        subjectType: 'unit',
        subjectId: id,
        record: row,
        changes: changedFields(before, row),
      });
      return toUnit(row);
    }),
  );
}

/** A unit given for a person must belong to the person's agency. */
export async function assertUnitOf(
  db: Db,
  agencyId: string,
  unitId: string | null,
  path: string,
): Promise<void> {
  if (unitId === null) return;
  if (!(await isUnitOf(db, ownAgency(agencyId), unitId)))
    throw fieldError('VALIDATION_FAILED', path, '所选内设机构不属于本机关');
}
