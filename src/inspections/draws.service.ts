import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/china-date.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import type { RiskGrade } from '../platform/db/schema.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { mayAct } from '../org/certificate.rules.ts';
import { statusChangesOf } from '../org/certificates.store.ts';
import { insertCase } from '../cases/case-open.service.ts';
import {
  byteOrder,
  checkCommitment,
  computeCommitmentSha256,
  drawAlgorithm,
  drawSelection,
  riskGrades,
  type DrawCommitment,
} from './draw.rules.ts';
import type { BeaconInput, CommitInput, CommitmentView } from './commitment.schema.ts';
import { commitmentView } from './draws.queries.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { countsOf, planStateOf } from './plans.rules.ts';
import { lockTask, planById } from './plans.store.ts';
import { activeTargetsOfField, targetById, type Reader } from './targets.store.ts';
import {
  beaconsOf,
  certificateHolders,
  commitmentById,
  commitmentOfTask,
  drawOfCommitment,
  insertAssignments,
  insertBeacon,
  insertCommitment,
  insertDraw,
  poolCertificates,
} from './draws.store.ts';

/**
 * The draw of a random-inspection task, in two recorded steps (issue 15 item 3; docs/random-inspection.md):
 *
 * 1. The commitment, at least 24 hours before the draw: the snapshot of the eligible targets per grade and
 *    of the inspector pool, the counts, the declared recusals, its SHA-256 and the public random values
 *    (beacons) the draw will use, each named now and entered later with its source.
 * 2. The draw, once every beacon is in and the 24 hours have passed: the seed and the selection computed by
 *    `sanxiang-draw/v1` (draw.rules.ts), recorded and published, and an inspection case opened for each
 *    drawn target with its two inspectors (食品生产经营监督检查管理办法 §23).
 *
 * Nothing is redone: a commitment, a beacon and a draw are written once (the database refuses a change);
 * a cancelled task is a new fact on the task.
 */

/** 24 hours between the commitment and the earliest draw (research: commit ≥ 24 h before the beacon). */
export const COMMITMENT_LEAD_MS = 24 * 60 * 60 * 1000;

const valuePatterns: Record<string, { pattern: RegExp; message: string }> = {
  'county-checkpoint': {
    pattern: /^[A-Za-z0-9+/]{43}=$/,
    message: '检查点根哈希应为 32 字节的 base64（44 个字符，以 = 结尾），照检查点第三行录入',
  },
  lottery: {
    pattern: /^\d{2}( \d{2})*( \+ \d{2}( \d{2})*)?$/,
    message:
      '开奖号码按公布顺序录入，每个两位数字，以一个空格分隔；后区号码写在 “ + ” 之后，如 03 08 15 21 27 33 + 11',
  },
  drand: { pattern: /^[0-9a-f]{64}$/, message: 'drand 轮次的 randomness 应为 64 位小写十六进制' },
};

/** Builds the commitment of a task now: its field's active targets, the valid inspectors, the recusals. */
async function snapshot(
  db: Reader,
  agencyId: string,
  task: { field: string; quotas: Parameters<typeof countsOf>[0] },
  recusals: CommitInput['recusals'],
  today: string,
): Promise<{ commitment: DrawCommitment; eligible: Record<RiskGrade, number> }> {
  const scope = { agencyId, agencyIds: [agencyId] };
  const targets = await activeTargetsOfField(db, scope, task.field);
  const eligible = { A: 0, B: 0, C: 0, D: 0 } as Record<RiskGrade, number>;
  for (const t of targets) eligible[t.risk_grade]++;
  const counts = countsOf(task.quotas, eligible);
  const certs = await poolCertificates(db, scope);
  const changes = await statusChangesOf(
    db,
    scope,
    certs.map((c) => c.id),
  );
  const pool = certs
    .filter(
      (c) =>
        mayAct(
          {
            fields: c.fields,
            validFrom: c.valid_from,
            validTo: c.valid_to,
            statusChanges: changes.get(c.id) ?? [],
          },
          task.field,
          today,
        ) === null,
    )
    .map((c) => c.number)
    .sort(byteOrder);
  const commitment: DrawCommitment = {
    targets: Object.fromEntries(
      riskGrades
        .filter((g) => counts[g] > 0)
        .map((g) => [
          g,
          targets
            .filter((t) => t.risk_grade === g)
            .map((t) => t.credit_code)
            .sort(byteOrder),
        ]),
    ),
    counts: Object.fromEntries(riskGrades.filter((g) => counts[g] > 0).map((g) => [g, counts[g]])),
    inspectors: [...new Set(pool)],
    recusals: [...recusals].sort(
      (a, b) => byteOrder(a.creditCode, b.creditCode) || byteOrder(a.certificateNumber, b.certificateNumber),
    ),
  };
  const inTargets = new Set(Object.values(commitment.targets).flat());
  const inPool = new Set(commitment.inspectors);
  const problems: FieldError[] = recusals.flatMap((r, i) => [
    ...(inTargets.has(r.creditCode)
      ? []
      : [{ path: `body.recusals.${i}.creditCode`, message: `${r.creditCode} 不在本次可抽取的检查对象中` }]),
    ...(inPool.has(r.certificateNumber)
      ? []
      : [
          {
            path: `body.recusals.${i}.certificateNumber`,
            message: `${r.certificateNumber} 不是本领域持有效执法证的检查人员`,
          },
        ]),
  ]);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', {
      detail: problems.map((p) => p.message).join('；'),
      errors: problems,
    });
  return { commitment, eligible };
}

export async function commitTask(
  deps: CommandDeps,
  principal: Principal,
  taskId: string,
  input: CommitInput,
): Promise<CommitmentView> {
  authorize(principal, inspectionsPolicy.draw, principal.agencyId);
  const scope = ownScopeOf(principal);
  const now = deps.clock.now();
  const today = chinaDate(now);
  const id = newId();
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const task = await lockTask(ctx.trx, scope, taskId);
    if (!task) throw new AppError('NOT_FOUND', { detail: '没有该抽查任务' });
    if (task.cancelled_at)
      throw new AppError('INSPECTION_TASK_STATE', {
        detail: `任务「${task.title}」已取消：${task.cancelled_reason}`,
      });
    const plan = await planById(ctx.trx, scope, task.plan_id);
    if (!plan || planStateOf(plan) !== 'published')
      throw new AppError('INSPECTION_TASK_STATE', { detail: '抽查计划公示后方可承诺抽取' });
    if (await commitmentOfTask(ctx.trx, scope, taskId))
      throw new AppError('INSPECTION_TASK_STATE', {
        detail: `任务「${task.title}」已作出抽取承诺，不能再次承诺`,
      });
    const { commitment } = await snapshot(ctx.trx, scope.agencyId, task, input.recusals, today);
    checkCommitment(commitment);
    const sha256 = computeCommitmentSha256(commitment);
    const drawNotBefore = new Date(ctx.now.getTime() + COMMITMENT_LEAD_MS);
    const eventId = await ctx.record({
      kind: 'inspection.draw_committed',
      agencyId: scope.agencyId,
      subjectType: 'inspection_task',
      subjectId: taskId,
      record: {
        algorithm: drawAlgorithm,
        commitmentSha256: sha256,
        beacons: input.beacons,
        drawNotBefore: drawNotBefore.toISOString(),
      },
    });
    await insertCommitment(ctx.trx, {
      id,
      agency_id: scope.agencyId,
      task_id: taskId,
      algorithm: drawAlgorithm,
      commitment,
      commitment_sha256: sha256,
      beacon_sources: input.beacons,
      committed_at: ctx.now,
      draw_not_before: drawNotBefore,
      committed_by: ctx.actor.personId,
      event_id: eventId,
    });
  });
  return commitmentView(deps.db, principal, id);
}

export async function enterBeacon(
  deps: CommandDeps,
  principal: Principal,
  commitmentId: string,
  input: BeaconInput,
): Promise<CommitmentView> {
  authorize(principal, inspectionsPolicy.draw, principal.agencyId);
  const scope = ownScopeOf(principal);
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const commitment = await commitmentById(ctx.trx, scope, commitmentId);
    if (!commitment) throw new AppError('NOT_FOUND', { detail: '没有该抽取承诺' });
    const named = commitment.beacon_sources[input.position];
    if (!named)
      throw fieldError(
        'VALIDATION_FAILED',
        'body.position',
        `承诺只指定了 ${commitment.beacon_sources.length} 个公开随机数（序号 0–${commitment.beacon_sources.length - 1}）`,
      );
    const format = valuePatterns[named.kind];
    if (format && !format.pattern.test(input.value))
      throw fieldError('VALIDATION_FAILED', 'body.value', format.message);
    const entered = (await beaconsOf(ctx.trx, scope, commitmentId)).find(
      (b) => b.position === input.position,
    );
    if (entered)
      throw new AppError('INSPECTION_BEACON_ENTERED', {
        detail: `第 ${input.position + 1} 个公开随机数已于 ${entered.entered_at.toISOString()} 录入为「${entered.value}」，不能重复录入或更改`,
      });
    const eventId = await ctx.record({
      kind: 'inspection.beacon_entered',
      agencyId: scope.agencyId,
      subjectType: 'inspection_commitment',
      subjectId: commitmentId,
      record: { position: input.position, kind: named.kind, value: input.value, source: input.source },
    });
    await insertBeacon(ctx.trx, {
      id: newId(),
      agency_id: scope.agencyId,
      commitment_id: commitmentId,
      position: input.position,
      value: input.value,
      source: input.source,
      entered_by: ctx.actor.personId,
      entered_at: ctx.now,
      event_id: eventId,
    });
  });
  return commitmentView(deps.db, principal, commitmentId);
}

export async function makeDraw(
  deps: CommandDeps,
  principal: Principal,
  commitmentId: string,
): Promise<CommitmentView> {
  authorize(principal, inspectionsPolicy.draw, principal.agencyId);
  const scope = ownScopeOf(principal);
  const today = chinaDate(deps.clock.now());
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const commitment = await commitmentById(ctx.trx, scope, commitmentId);
    if (!commitment) throw new AppError('NOT_FOUND', { detail: '没有该抽取承诺' });
    const task = await lockTask(ctx.trx, scope, commitment.task_id);
    if (!task) throw new AppError('NOT_FOUND', { detail: '没有该抽查任务' });
    if (task.cancelled_at)
      throw new AppError('INSPECTION_TASK_STATE', {
        detail: `任务「${task.title}」已取消：${task.cancelled_reason}`,
      });
    if (await drawOfCommitment(ctx.trx, scope, commitmentId))
      throw new AppError('INSPECTION_ALREADY_DRAWN', {
        detail: `任务「${task.title}」已抽取，抽取结果不能重做`,
      });
    if (ctx.now < commitment.draw_not_before)
      throw new AppError('INSPECTION_DRAW_TOO_EARLY', {
        detail: `承诺于 ${commitment.committed_at.toISOString()} 作出，${commitment.draw_not_before.toISOString()} 之后方可抽取`,
        extra: { drawNotBefore: commitment.draw_not_before.toISOString() },
      });
    const beacons = await beaconsOf(ctx.trx, scope, commitmentId);
    const missing = commitment.beacon_sources.filter((_, i) => !beacons.some((b) => b.position === i));
    if (missing.length > 0)
      throw new AppError('INSPECTION_BEACON_MISSING', {
        detail: `尚未录入：${missing.map((m) => m.description).join('；')}`,
      });
    const drawn = drawSelection(
      commitment.commitment as DrawCommitment,
      beacons.map((b) => b.value),
    );
    const drawId = newId();
    const eventId = await ctx.record({
      kind: 'inspection.draw_made',
      agencyId: scope.agencyId,
      subjectType: 'inspection_task',
      subjectId: task.id,
      record: {
        commitmentSha256: commitment.commitment_sha256,
        seed: drawn.seed,
        selection: drawn.selection,
      },
    });
    await insertDraw(ctx.trx, {
      id: drawId,
      agency_id: scope.agencyId,
      commitment_id: commitmentId,
      seed: drawn.seed,
      selection: drawn.selection,
      drawn_by: ctx.actor.personId,
      drawn_at: ctx.now,
      event_id: eventId,
    });
    const targets = new Map(
      (await activeTargetsOfField(ctx.trx, scope, task.field)).map((t) => [t.credit_code, t.id]),
    );
    const holders = await certificateHolders(
      ctx.trx,
      scope,
      drawn.selection.flatMap((s) => s.inspectors),
    );
    const assignments = [];
    for (const [position, s] of drawn.selection.entries()) {
      const targetId = targets.get(s.creditCode);
      const target = targetId && (await targetById(ctx.trx, scope, targetId));
      if (!target) throw new AppError('CONFLICT', { detail: `检查对象 ${s.creditCode} 已不在名录库中` });
      const inspectors = s.inspectors.map((n) => holders.get(n)!);
      const kase = await insertCase(
        ctx,
        scope.agencyId,
        {
          kind: 'inspection',
          title: `${task.title}：${target.name}`,
          itemId: task.power_item_id,
          field: task.field as never,
          unitId: null,
          source: `双随机抽查（${task.title}，抽取序号 ${position + 1}）`,
          parties: [
            {
              type: 'organisation',
              name: target.name,
              creditCode: target.credit_code,
              legalRepresentative: null,
              phone: null,
              address: target.address || null,
            },
          ],
          officerIds: inspectors.map((i) => i.personId),
        },
        today,
      );
      assignments.push({
        id: newId(),
        agency_id: scope.agencyId,
        draw_id: drawId,
        position,
        target_id: target.id,
        inspector_ids: inspectors.map((i) => i.personId),
        case_id: kase.id,
        result: null,
        result_on: null,
        result_summary: null,
        result_by: null,
        publish_due_on: null,
        published_at: null,
        published_by: null,
      });
    }
    await insertAssignments(ctx.trx, assignments);
  });
  return commitmentView(deps.db, principal, commitmentId);
}
