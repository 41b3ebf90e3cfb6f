import { authorize } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { reachScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { DrawCommitment, DrawFile } from './draw.rules.ts';
import { beaconKindLabels, type CommitmentView } from './commitment.schema.ts';
import { inspectionsPolicy } from './inspections.policy.ts';
import { taskById } from './plans.store.ts';
import {
  assignmentsOfDraw,
  beaconsOf,
  certificateHolders,
  commitmentById,
  commitmentOfTask,
  drawById,
  drawOfCommitment,
  drawsOf,
  type CommitmentRow,
} from './draws.store.ts';

/**
 * The reads of commitments and draws (draws.service.ts writes them): a commitment with its beacons and
 * draw as the workbench shows it, and the published draw file and list of the portal.
 */

async function viewOf(db: Db, scope: AgencyScope, c: CommitmentRow): Promise<CommitmentView> {
  const commitment = c.commitment as DrawCommitment;
  const [beacons, draw] = await Promise.all([beaconsOf(db, scope, c.id), drawOfCommitment(db, scope, c.id)]);
  const assignments = draw ? await assignmentsOfDraw(db, scope, draw.id) : [];
  const holders = await certificateHolders(
    db,
    { agencyId: c.agency_id, agencyIds: [c.agency_id] },
    draw ? draw.selection.flatMap((s) => s.inspectors) : [],
  );
  return {
    id: c.id,
    taskId: c.task_id,
    algorithm: c.algorithm,
    commitmentSha256: c.commitment_sha256,
    committedAt: c.committed_at.toISOString(),
    drawNotBefore: c.draw_not_before.toISOString(),
    counts: commitment.counts,
    eligible: Object.fromEntries(Object.entries(commitment.targets).map(([g, list]) => [g, list.length])),
    inspectorCount: commitment.inspectors.length,
    recusalCount: commitment.recusals.length,
    beacons: c.beacon_sources.map((named, position) => {
      const b = beacons.find((x) => x.position === position);
      return {
        position,
        kind: named.kind,
        kindLabel: beaconKindLabels[named.kind],
        description: named.description,
        value: b?.value ?? null,
        source: b?.source ?? null,
        enteredAt: b ? b.entered_at.toISOString() : null,
      };
    }),
    draw: draw
      ? {
          id: draw.id,
          seed: draw.seed,
          drawnAt: draw.drawn_at.toISOString(),
          selection: draw.selection.map((s, i) => {
            const a = assignments.find((x) => x.position === i);
            return {
              creditCode: s.creditCode,
              name: a?.target_name ?? '',
              address: a?.target_address ?? '',
              inspectors: s.inspectors.map((n) => ({
                certificateNumber: n,
                name: holders.get(n)?.name ?? '',
              })),
              caseId: a?.case_id ?? null,
            };
          }),
        }
      : null,
  };
}

export async function commitmentView(db: Db, principal: Principal, id: string): Promise<CommitmentView> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const row = await commitmentById(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND', { detail: '没有该抽取承诺' });
  authorize(principal, inspectionsPolicy.read, row.agency_id);
  return viewOf(db, scope, row);
}

export async function commitmentViewOfTask(
  db: Db,
  principal: Principal,
  taskId: string,
): Promise<CommitmentView | null> {
  const scope = reachScopeOf(principal, inspectionsPolicy.read);
  const task = await taskById(db, scope, taskId);
  if (!task) throw new AppError('NOT_FOUND', { detail: '没有该抽查任务' });
  authorize(principal, inspectionsPolicy.read, task.agency_id);
  const row = await commitmentOfTask(db, scope, taskId);
  return row ? viewOf(db, scope, row) : null;
}

/**
 * The published draw file (`GET /inspections/draws/{id}.json`): everything `sanxiang verify-draw` and any
 * re-implementation of `sanxiang-draw/v1` need, and nothing personal (credit codes and certificate numbers
 * are public: 企业信息公示暂行条例, and officers' certificates on the portal).
 */
export async function publishedDrawFile(
  db: Db,
  agencyIds: readonly string[],
  drawId: string,
): Promise<DrawFile> {
  const scope = { agencyIds: [...agencyIds] };
  const draw = await drawById(db, scope, drawId);
  if (!draw) throw new AppError('NOT_FOUND', { detail: '没有该次抽取' });
  const c = (await commitmentById(db, scope, draw.commitment_id))!;
  const beacons = await beaconsOf(db, scope, c.id);
  return {
    algorithm: c.algorithm,
    commitment: c.commitment as DrawCommitment,
    commitmentSha256: c.commitment_sha256,
    beacons: beacons.map((b) => ({
      kind: c.beacon_sources[b.position]!.kind,
      source: `${c.beacon_sources[b.position]!.description}；${b.source}`,
      value: b.value,
    })),
    seed: draw.seed,
    selection: draw.selection.map((s) => ({
      creditCode: s.creditCode,
      inspectors: [s.inspectors[0]!, s.inspectors[1]!],
    })),
  };
}

/** The draws of these agencies, newest first (the portal's 抽查任务公告). */
export async function publishedDraws(db: Db, agencyIds: readonly string[]) {
  const rows = await drawsOf(db, { agencyIds: [...agencyIds] });
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    taskId: r.task_id,
    title: r.title,
    field: r.field,
    committedAt: r.committed_at.toISOString(),
    drawnAt: r.drawn_at.toISOString(),
    commitmentSha256: r.commitment_sha256,
    seed: r.seed,
    drawnCount: r.selection.length,
    cancelledReason: r.cancelled_reason,
    file: `/inspections/draws/${r.id}.json`,
  }));
}
