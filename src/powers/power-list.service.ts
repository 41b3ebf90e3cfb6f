import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency, ownScopeOf, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { duplicateField } from '../platform/db/writes.ts';
import { AppError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { assertUnitOf } from '../org/agencies.service.ts';
import { getPower, itemAgency } from './power-list.queries.ts';
import type { ActionKind } from './action-kinds.ts';
import { withBasisDefaults } from './legal-basis.rules.ts';
import { powersPolicy } from './power-list.policy.ts';
import {
  contentProblems,
  effectiveDateProblem,
  mayReview,
  nextStatus,
  type ReviewAction,
} from './power-list.rules.ts';
import type { PowerContent, PowerDetail, PowerEdit, PowerInput } from './power-list.schema.ts';
import {
  insertItemRow,
  insertReviewEvent,
  insertVersionRow,
  lockItem,
  openVersionOf,
  setVersionStatus,
  versionRowsOf,
} from './power-list.store.ts';

/** Commands of the power list (权责清单). Every change is a new version; see power-list.rules.ts. */

const itemUniques = { power_items_agency_code_key: 'body.code' };

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
  const row = await insertVersionRow(ctx.trx, ownAgency(v.agencyId), {
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
  });
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
  const row = await insertItemRow(ctx.trx, ownAgency(agencyId), {
    id,
    agency_id: agencyId,
    code: input.code,
    kind: input.kind,
    created_at: ctx.now,
  });
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
async function lockForChange(ctx: CommandContext, scope: OwnAgency, id: string) {
  const item = await lockItem(ctx.trx, scope, id);
  if (!item) throw new AppError('NOT_FOUND');
  const versions = await versionRowsOf(ctx.trx, scope, id);
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
  legalBases: withBasisDefaults(r.legal_bases),
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
  scope: OwnAgency,
  id: string,
  edit: PowerEdit,
  withdrawn: boolean,
): Promise<void> {
  const { item, latest, dated } = await lockForChange(ctx, scope, id);
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
  const agencyId = await itemAgency(deps.db, ownScopeOf(principal), id);
  authorize(principal, powersPolicy.draft, agencyId);
  if (edit.unitId !== undefined) await assertUnitOf(deps.db, agencyId, edit.unitId, 'body.unitId');
  await runCommand(deps, actorOf(principal), (ctx) =>
    draftChange(ctx, ownAgency(agencyId), id, edit, withdrawn),
  );
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
  const scope = ownScopeOf(principal);
  const agencyId = await itemAgency(deps.db, scope, id);
  authorize(principal, action === 'submit' ? powersPolicy.draft : powersPolicy.review, agencyId);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    await lockItem(ctx.trx, scope, id);
    const open = await openVersionOf(ctx.trx, scope, id);
    const to = open ? nextStatus(open.status, action) : null;
    if (!open || !to) {
      const detail = action === 'submit' ? '该事项没有待提交的草稿' : '该事项没有待审核的修改';
      throw new AppError('POWER_INVALID_STATE', { detail });
    }
    if (action !== 'submit' && !mayReview(open.author_id, principal.personId)) {
      throw new AppError('POWER_SELF_REVIEW');
    }
    const row = await setVersionStatus(ctx.trx, scope, open.id, to);
    await insertReviewEvent(ctx.trx, scope, {
      id: newId(),
      agency_id: agencyId,
      version_id: open.id,
      action: reviewEventKind[action],
      note,
      actor_id: principal.personId,
      at: ctx.now,
    });
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
