import type { ExpressionBuilder } from 'kysely';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { duplicateField } from '../platform/db/writes.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { assertUnitOf } from '../org/agencies.service.ts';
import type { ActionKind } from './action-kinds.ts';
import { benchmarkFor, type BenchmarkResult, type Circumstance } from './discretion.rules.ts';
import { powersPolicy } from './power-list.policy.ts';
import {
  contentProblems,
  effectiveDateProblem,
  mayReview,
  nextStatus,
  versionInForce,
  type ReviewAction,
} from './power-list.rules.ts';
import type {
  PowerContent,
  PowerDetail,
  PowerEdit,
  PowerInput,
  PowerItem,
  PowersQuery,
  PowerVersion,
  PublishedPower,
  PublishedQuery,
} from './power-list.schema.ts';

/** Commands and queries of the power list (权责清单). Every change is a new version; see power-list.rules.ts. */

const itemUniques = { power_items_agency_code_key: 'body.code' };

type VersionRow = Row<'power_item_versions'> & { unit_name: string | null; author_name: string | null };

function versionOf(r: VersionRow): PowerVersion {
  return {
    id: r.id,
    itemId: r.item_id,
    version: r.version,
    status: r.status,
    effectiveFrom: r.effective_from,
    reason: r.reason,
    withdrawn: r.withdrawn,
    name: r.name,
    legalBases: r.legal_bases,
    unitId: r.unit_id,
    unitName: r.unit_name,
    procedure: r.procedure,
    timeLimit: r.time_limit,
    fees: r.fees,
    supervision: r.supervision,
    remedies: r.remedies,
    randomInspection: r.random_inspection,
    benchmarks: r.benchmarks,
    authorId: r.author_id,
    authorName: r.author_name,
    createdAt: r.created_at.toISOString(),
  };
}

function versionsQuery(db: Db) {
  return db
    .selectFrom('power_item_versions as v')
    .leftJoin('units', 'units.id', 'v.unit_id')
    .leftJoin('people', 'people.id', 'v.author_id')
    .selectAll('v')
    .select(['units.name as unit_name', 'people.name as author_name']);
}

async function versionsOf(db: Db, itemIds: string[]): Promise<PowerVersion[]> {
  if (itemIds.length === 0) return [];
  const rows = await versionsQuery(db).where('v.item_id', 'in', itemIds).orderBy('v.version').execute();
  return rows.map(versionOf);
}

/** Items in the order of `ids`, each with its newest version and the number of the version in force today. */
async function loadItems(db: Db, ids: string[], today: string): Promise<PowerItem[]> {
  if (ids.length === 0) return [];
  const items = await db.selectFrom('power_items').selectAll().where('id', 'in', ids).execute();
  const versions = await versionsOf(db, ids);
  return ids.flatMap((id) => {
    const item = items.find((i) => i.id === id);
    const own = versions.filter((v) => v.itemId === id);
    const latest = own.at(-1);
    if (!item || !latest) return [];
    return [
      {
        id,
        agencyId: item.agency_id,
        code: item.code,
        kind: item.kind,
        latest,
        inForceVersion: versionInForce(own, today)?.version ?? null,
      },
    ];
  });
}

/** The newest version of each item: no other version of the same item has a higher number. */
const isLatest = (eb: ExpressionBuilder<DB & { v: DB['power_item_versions'] }, 'v'>) =>
  eb.not(
    eb.exists(
      eb
        .selectFrom('power_item_versions as newer')
        .select('newer.id')
        .whereRef('newer.item_id', '=', 'v.item_id')
        .whereRef('newer.version', '>', 'v.version'),
    ),
  );

export async function listPowers(
  deps: CommandDeps,
  principal: Principal,
  query: PowersQuery,
): Promise<{ items: PowerItem[]; total: number }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, powersPolicy.read);
  for (const id of agencies) authorize(principal, powersPolicy.read, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  let q = deps.db
    .selectFrom('power_items as i')
    .innerJoin('power_item_versions as v', 'v.item_id', 'i.id')
    .where('i.agency_id', 'in', agencies)
    .where(isLatest);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.status) q = q.where('v.status', '=', query.status);
  if (query.randomInspection) {
    q = q.where('v.random_inspection', query.randomInspection === 'true' ? 'is not' : 'is', null);
  }
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('i.code', 'like', like)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select('i.id')
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items = await loadItems(
    deps.db,
    rows.map((r) => r.id),
    chinaDate(deps.clock.now()),
  );
  return { items, total: Number(total) };
}

async function itemAgency(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('power_items').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row.agency_id;
}

export async function getPower(deps: CommandDeps, principal: Principal, id: string): Promise<PowerDetail> {
  authorize(principal, powersPolicy.read, await itemAgency(deps.db, id));
  const [item] = await loadItems(deps.db, [id], chinaDate(deps.clock.now()));
  if (!item) throw new AppError('NOT_FOUND');
  const versions = await versionsOf(deps.db, [id]);
  const reviews = await deps.db
    .selectFrom('power_review_events as e')
    .innerJoin('power_item_versions as v', 'v.id', 'e.version_id')
    .leftJoin('people', 'people.id', 'e.actor_id')
    .select(['e.id', 'v.version', 'e.action', 'e.note', 'e.at', 'people.name as actor_name'])
    .where('v.item_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return {
    item,
    versions,
    reviews: reviews.map((r) => ({
      id: r.id,
      version: r.version,
      action: r.action,
      note: r.note,
      actorName: r.actor_name,
      at: r.at.toISOString(),
    })),
  };
}

/** Problems of a version's content a field schema cannot see, with paths under `body`. */
function problemsOf(kind: ActionKind, content: PowerContent, effectiveFrom: string): FieldError[] {
  return contentProblems(kind, content, effectiveFrom).map((p) => ({
    path: `body.${p.path}`,
    message: p.message,
  }));
}

export interface NewVersion {
  itemId: string;
  agencyId: string;
  version: number;
  status: 'draft' | 'published';
  effectiveFrom: string;
  reason: string;
  withdrawn: boolean;
  content: PowerContent;
  authorId: string | null;
}

/** Writes a version and records it, inside a running command. */
export async function insertVersion(ctx: CommandContext, v: NewVersion): Promise<string> {
  const id = newId();
  const row = await ctx.trx
    .insertInto('power_item_versions')
    .values({
      id,
      agency_id: v.agencyId,
      item_id: v.itemId,
      version: v.version,
      status: v.status,
      effective_from: v.effectiveFrom,
      reason: v.reason,
      withdrawn: v.withdrawn,
      name: v.content.name,
      legal_bases: JSON.stringify(v.content.legalBases),
      unit_id: v.content.unitId,
      procedure: v.content.procedure,
      time_limit: JSON.stringify(v.content.timeLimit),
      fees: v.content.fees,
      supervision: v.content.supervision,
      remedies: JSON.stringify(v.content.remedies),
      random_inspection: JSON.stringify(v.content.randomInspection),
      benchmarks: JSON.stringify(v.content.benchmarks),
      author_id: v.authorId,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: v.withdrawn ? 'powers.withdrawal_drafted' : 'powers.version_drafted',
    agencyId: v.agencyId,
    subjectType: 'power_item',
    subjectId: v.itemId,
    record: row,
    changes: [`version:${v.version}`],
  });
  return id;
}

/** Creates an item with its first version as a draft, inside a running command. */
export async function insertPowerItem(
  ctx: CommandContext,
  agencyId: string,
  input: PowerInput,
  status: 'draft' | 'published' = 'draft',
): Promise<string> {
  const id = newId();
  const row = await ctx.trx
    .insertInto('power_items')
    .values({ id, agency_id: agencyId, code: input.code, kind: input.kind, created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'powers.item_created',
    agencyId,
    subjectType: 'power_item',
    subjectId: id,
    record: row,
  });
  const { code: _code, kind: _kind, effectiveFrom, reason, ...content } = input;
  await insertVersion(ctx, {
    itemId: id,
    agencyId,
    version: 1,
    status,
    effectiveFrom,
    reason,
    withdrawn: false,
    content,
    authorId: ctx.actor.personId,
  });
  return id;
}

/** Checks a new item's content (and its unit), throwing VALIDATION_FAILED with every problem. */
export async function checkNewItem(db: Db, agencyId: string, input: PowerInput): Promise<void> {
  const problems = problemsOf(input.kind, input, input.effectiveFrom);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { errors: problems });
  await assertUnitOf(db, agencyId, input.unitId, 'body.unitId');
}

export async function createPower(
  deps: CommandDeps,
  principal: Principal,
  input: PowerInput,
): Promise<PowerDetail> {
  const agencyId = principal.agencyId;
  authorize(principal, powersPolicy.draft, agencyId);
  await checkNewItem(deps.db, agencyId, input);
  const id = await duplicateField(itemUniques, () =>
    runCommand(deps, actorOf(principal), (ctx) => insertPowerItem(ctx, agencyId, input)),
  );
  return getPower(deps, principal, id);
}

/** The item locked for a change, its versions, and the newest one; refuses while a change is open. */
async function lockForChange(ctx: CommandContext, id: string) {
  const item = await ctx.trx
    .selectFrom('power_items')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const versions = await ctx.trx
    .selectFrom('power_item_versions')
    .selectAll()
    .where('item_id', '=', id)
    .orderBy('version')
    .execute();
  const latest = versions.at(-1);
  if (!latest) throw new AppError('NOT_FOUND');
  const open = versions.find((v) => v.status === 'draft' || v.status === 'submitted');
  if (open) {
    throw new AppError('POWER_INVALID_STATE', {
      detail: `该事项已有未发布的修改（第 ${open.version} 版），请先提交审核并由公示管理员发布或退回`,
    });
  }
  const dated = versions.map((v) => ({
    version: v.version,
    status: v.status,
    effectiveFrom: v.effective_from,
    withdrawn: v.withdrawn,
  }));
  return { item, latest, dated };
}

const contentOfRow = (r: Row<'power_item_versions'>): PowerContent => ({
  name: r.name,
  legalBases: r.legal_bases,
  unitId: r.unit_id,
  procedure: r.procedure,
  timeLimit: r.time_limit,
  fees: r.fees,
  supervision: r.supervision,
  remedies: r.remedies,
  randomInspection: r.random_inspection,
  benchmarks: r.benchmarks,
});

/** Drafts a new version: the newest version's content with the edit applied, or a withdrawal. */
export async function draftChange(
  ctx: CommandContext,
  id: string,
  edit: PowerEdit,
  withdrawn: boolean,
): Promise<void> {
  const { item, latest, dated } = await lockForChange(ctx, id);
  const { effectiveFrom, reason, ...patch } = edit;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const content: PowerContent = { ...contentOfRow(latest), ...defined };
  const dateProblem = effectiveDateProblem(effectiveFrom, dated);
  const problems = [
    ...(dateProblem ? [{ path: 'body.effectiveFrom', message: dateProblem }] : []),
    ...(withdrawn ? [] : problemsOf(item.kind, content, effectiveFrom)),
  ];
  if (withdrawn && latest.withdrawn) {
    problems.push({ path: 'body', message: '该事项已撤销，无需再次撤销' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { errors: problems });
  await insertVersion(ctx, {
    itemId: id,
    agencyId: item.agency_id,
    version: latest.version + 1,
    status: 'draft',
    effectiveFrom,
    reason,
    withdrawn,
    content,
    authorId: ctx.actor.personId,
  });
}

export async function changePower(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  edit: PowerEdit,
  withdrawn: boolean,
): Promise<PowerDetail> {
  const agencyId = await itemAgency(deps.db, id);
  authorize(principal, powersPolicy.draft, agencyId);
  if (edit.unitId !== undefined) await assertUnitOf(deps.db, agencyId, edit.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), (ctx) => draftChange(ctx, id, edit, withdrawn));
  return getPower(deps, principal, id);
}

const reviewEventKind = { submit: 'submitted', approve: 'published', reject: 'rejected' } as const;

/** Submits the item's open draft, or (the publisher) approves or rejects the submitted one (S-2.3). */
export async function reviewPower(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  action: ReviewAction,
  note: string,
): Promise<PowerDetail> {
  const agencyId = await itemAgency(deps.db, id);
  authorize(principal, action === 'submit' ? powersPolicy.draft : powersPolicy.review, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    await ctx.trx.selectFrom('power_items').select('id').where('id', '=', id).forUpdate().execute();
    const open = await ctx.trx
      .selectFrom('power_item_versions')
      .selectAll()
      .where('item_id', '=', id)
      .where('status', 'in', ['draft', 'submitted'])
      .executeTakeFirst();
    const to = open ? nextStatus(open.status, action) : null;
    if (!open || !to) {
      const detail = action === 'submit' ? '该事项没有待提交的草稿' : '该事项没有待审核的修改';
      throw new AppError('POWER_INVALID_STATE', { detail });
    }
    if (action !== 'submit' && !mayReview(open.author_id, principal.personId)) {
      throw new AppError('POWER_SELF_REVIEW');
    }
    const row = await ctx.trx
      .updateTable('power_item_versions')
      .set({ status: to })
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.trx
      .insertInto('power_review_events')
      .values({
        id: newId(),
        agency_id: agencyId,
        version_id: open.id,
        action: reviewEventKind[action],
        note,
        actor_id: principal.personId,
        at: ctx.now,
      })
      .execute();
    await ctx.record({
      kind: `powers.version_${reviewEventKind[action]}`,
      agencyId,
      subjectType: 'power_item',
      subjectId: id,
      record: { version: row.version, status: row.status, note },
      changes: ['status'],
    });
  });
  return getPower(deps, principal, id);
}

/**
 * The published list on a day, as the portal shows it: per item the version in force (the SQL form of
 * `versionInForce`: published, effective by then, no later published version, not withdrawn).
 * Takes no principal: the list is public (S-2); callers choose the agencies.
 */
export async function publishedPowers(
  db: Db,
  agencyIds: string[],
  on: string,
  query: Omit<PublishedQuery, 'agencyId' | 'on'>,
): Promise<{ items: PublishedPower[]; total: number }> {
  if (agencyIds.length === 0) return { items: [], total: 0 };
  let q = db
    .selectFrom('power_items as i')
    .innerJoin('power_item_versions as v', 'v.item_id', 'i.id')
    .where('i.agency_id', 'in', agencyIds)
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', on)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('power_item_versions as later')
            .select('later.id')
            .whereRef('later.item_id', '=', 'v.item_id')
            .where('later.status', '=', 'published')
            .where('later.effective_from', '<=', on)
            .where((l) =>
              l.or([
                l('later.effective_from', '>', l.ref('v.effective_from')),
                l.and([
                  l('later.effective_from', '=', l.ref('v.effective_from')),
                  l('later.version', '>', l.ref('v.version')),
                ]),
              ]),
            ),
        ),
      ),
    )
    .where('v.withdrawn', '=', false);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.randomInspection) {
    q = q.where('v.random_inspection', query.randomInspection === 'true' ? 'is not' : 'is', null);
  }
  if (query.q) {
    const like = `%${query.q}%`;
    q = q.where((eb) => eb.or([eb('v.name', 'like', like), eb('i.code', 'like', like)]));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['v.id', 'i.agency_id', 'i.code', 'i.kind'])
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const versions = ids.length === 0 ? [] : await versionsQuery(db).where('v.id', 'in', ids).execute();
  const items = rows.flatMap((r) => {
    const v = versions.find((x) => x.id === r.id);
    if (!v) return [];
    const { status: _s, authorId: _a, authorName: _n, createdAt: _c, ...shown } = versionOf(v);
    return [{ ...shown, agencyId: r.agency_id, code: r.code, kind: r.kind }];
  });
  return { items, total: Number(total) };
}

export async function listPublished(
  deps: CommandDeps,
  principal: Principal,
  query: PublishedQuery,
): Promise<{ items: PublishedPower[]; total: number; on: string }> {
  const agencies = query.agencyId ? [query.agencyId] : readableAgencies(principal, powersPolicy.read);
  for (const id of agencies) authorize(principal, powersPolicy.read, id);
  const on = query.on ?? chinaDate(deps.clock.now());
  return { ...(await publishedPowers(deps.db, agencies, on, query)), on };
}

/** The benchmark check on the version of a penalty item in force on a day (for the cases and review areas). */
export async function checkBenchmark(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  circumstance: Circumstance,
  amountFen: number,
  on: string | undefined,
): Promise<{ version: number | null; result: BenchmarkResult }> {
  const agencyId = await itemAgency(deps.db, id);
  authorize(principal, powersPolicy.read, agencyId);
  const [item] = await loadItems(deps.db, [id], chinaDate(deps.clock.now()));
  const versions = await versionsOf(deps.db, [id]);
  const inForce = versionInForce(versions, on ?? chinaDate(deps.clock.now()));
  if (!item || !inForce) return { version: null, result: { outcome: 'no_benchmark' } };
  return {
    version: inForce.version,
    result: benchmarkFor({ kind: item.kind, benchmarks: inForce.benchmarks }, circumstance, amountFen),
  };
}
