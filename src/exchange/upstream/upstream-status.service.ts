import ExcelJS from 'exceljs';
import { agencyById } from '../../org/agencies.store.ts';
import type { CommandDeps } from '../../platform/audit/command.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { ownAgency } from '../../platform/db/agency-scope.ts';
import type { Reader } from '../../cases/cases.store.ts';
import { AppError } from '../../platform/errors.ts';
import { pushRecordTypeLabels } from '../../labels.ts';
import type { PushRecordType } from '../push.schema.ts';
import { toUpstream } from './pairing.service.ts';
import {
  acknowledgedUpTo,
  lastDelivery,
  outboxCounts,
  rejectionCount,
  rejectionsOf,
} from './upstream-status.queries.ts';
import { upstreamPolicy } from './upstream.policy.ts';
import type { Rejection, UpstreamStatus } from './upstream.schema.ts';
import { upstreamOf } from './upstream.store.ts';

/**
 * How the agency's push to the county goes (docs/county-push.md "The sender"): `sanxiang upstream status`,
 * `GET /api/v1/upstream/status` and the workbench's page, with the records the platform refused (kept,
 * never dropped) and their Excel export.
 */

async function rejectionsIn(db: Reader, agencyId: string, limit: number, ackedUpTo: number) {
  const rows = await rejectionsOf(db, ownAgency(agencyId), limit);
  return rows.map((r): Rejection => ({
    id: r.id,
    sequence: Number(r.sequence),
    type: (r.type as PushRecordType | null) ?? null,
    subjectId: r.subject_id,
    code: r.code,
    reason: r.reason,
    rejectedAt: r.rejected_at.toISOString(),
    resolved: Number(r.sequence) <= ackedUpTo,
  }));
}

/** The agency's push status (paired or not). */
export async function upstreamStatusOf(db: Reader, agencyId: string): Promise<UpstreamStatus> {
  const own = ownAgency(agencyId);
  const agency = await agencyById(db, agencyId);
  if (!agency) throw new AppError('NOT_FOUND');
  const acked = await acknowledgedUpTo(db, own);
  const [up, counts, delivery, rejected, [last]] = await Promise.all([
    upstreamOf(db, own),
    outboxCounts(db, own, acked),
    lastDelivery(db, own),
    rejectionCount(db, own),
    rejectionsIn(db, agencyId, 1, acked),
  ]);
  return {
    agencyId,
    agencyName: agency.name,
    paired: up !== undefined,
    upstream: up ? toUpstream(up) : null,
    queued: counts.queued,
    waiting: counts.waiting,
    acknowledgedUpTo: acked,
    lastSequence: counts.lastSequence,
    rejected,
    lastRejection: last ?? null,
    lastDelivery: delivery
      ? {
          attemptedAt: delivery.attempted_at.toISOString(),
          firstSequence: Number(delivery.first_sequence),
          lastSequence: Number(delivery.last_sequence),
          outcome: delivery.outcome,
          httpStatus: delivery.http_status,
          code: delivery.code,
          error: delivery.error,
        }
      : null,
  };
}

export async function upstreamStatus(deps: CommandDeps, principal: Principal): Promise<UpstreamStatus> {
  authorize(principal, upstreamPolicy.read, principal.agencyId);
  return upstreamStatusOf(deps.db, principal.agencyId);
}

/** Every rejection of the agency, newest first (the page lists them; the export holds them all). */
export async function upstreamRejections(deps: CommandDeps, principal: Principal, limit = 100_000) {
  authorize(principal, upstreamPolicy.read, principal.agencyId);
  const own = ownAgency(principal.agencyId);
  return rejectionsIn(deps.db, principal.agencyId, limit, await acknowledgedUpTo(deps.db, own));
}

export async function exportRejections(items: readonly Rejection[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('平台拒收的推送记录');
  sheet.columns = [
    { key: 'sequence', header: '推送序号', width: 10 },
    { key: 'type', header: '记录类型', width: 16 },
    { key: 'subjectId', header: '记录对象编号', width: 38 },
    { key: 'code', header: '拒收代码', width: 24 },
    { key: 'reason', header: '拒收理由', width: 60 },
    { key: 'rejectedAt', header: '拒收时间', width: 22 },
    { key: 'resolved', header: '其后已被接收', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of items) {
    sheet.addRow({
      sequence: r.sequence,
      type: r.type ? pushRecordTypeLabels[r.type] : '',
      subjectId: r.subjectId ?? '',
      code: r.code,
      reason: r.reason,
      rejectedAt: r.rejectedAt,
      resolved: r.resolved ? '是' : '否',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
