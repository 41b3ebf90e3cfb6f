import type { z } from 'zod';
import { toPartyForOutsider, type CaseDetail } from '../cases/case-view.ts';
import type { Person } from '../org/org.schema.ts';
import type { PublicationDetail } from '../publicity/publications.schema.ts';
import { parseCheckpoint } from '../platform/record-log/checkpoint.ts';
import type {
  caseSummaryRecord,
  checkpointRecord,
  inspectionResultRecord,
  officerRecord,
  publicationWithdrawalRecord,
} from './push.schema.ts';

/**
 * The push records that are not a plain pick of an area's view (push.schema.ts), built from those views.
 * Pure: the sender (issue 14 item 2) reads the views and calls these.
 */

export const officerRecordOf = (p: Person): z.infer<typeof officerRecord> => ({
  id: p.id,
  agencyId: p.agencyId,
  unitId: p.unitId,
  unitName: p.unitName,
  name: p.name,
  post: p.post,
  active: p.active,
  certificates: p.certificates.map(({ personName: _n, unitName: _u, agencyId: _a, ...c }) => c),
});

/** `occurredOn`: the day the decision was changed, revoked or found unlawful (the stored withdrawal_occurred_on). */
export function publicationWithdrawalOf(
  p: PublicationDetail,
  occurredOn: string,
): z.infer<typeof publicationWithdrawalRecord> {
  if (!p.withdrawnAt || !p.withdrawalReason) throw new Error(`publication ${p.id} is not withdrawn`);
  return {
    publicationId: p.id,
    agencyId: p.agencyId,
    documentNumber: p.documentNumber,
    reason: p.withdrawalReason,
    occurredOn,
    withdrawnAt: p.withdrawnAt,
  };
}

const partiesOf = (d: CaseDetail) =>
  d.parties.map(toPartyForOutsider).map((p) => ({
    type: p.type,
    name: p.name,
    creditCode: p.creditCode,
  }));

/** A case as supervision sees it; `reviewResult` is the legal review's result (review area), null if none. */
export const caseSummaryOf = (
  d: CaseDetail,
  reviewResult: string | null,
): z.infer<typeof caseSummaryRecord> => ({
  id: d.case.id,
  agencyId: d.case.agencyId,
  caseNumber: d.case.caseNumber,
  kind: d.case.kind,
  actionKind: d.case.actionKind as z.infer<typeof caseSummaryRecord>['actionKind'],
  procedure: d.case.procedure,
  state: d.case.state,
  stateLabel: d.case.stateLabel,
  final: d.case.final,
  itemCode: d.case.itemCode,
  unitId: d.case.unitId,
  discoveredOn: d.case.discoveredOn,
  filedOn: d.case.filedOn,
  decidedOn: d.case.decidedOn,
  closedOn: d.case.closedOn,
  sanctions: d.case.sanctions,
  parties: partiesOf(d),
  officers: d.officers.map((o) => ({ personId: o.personId, name: o.name, lead: o.lead })),
  reviewResult,
  deadlines: d.deadlines.map((x) => ({
    code: x.code,
    label: x.label,
    dueOn: x.dueOn,
    metOn: x.metOn,
    late: x.late,
    endedReason: x.endedReason,
  })),
});

/** An inspection case's result (lifecycles/inspection.ts: 责令整改中, 已转为案源 are its outcomes). */
export function inspectionResultOf(
  d: CaseDetail,
  passed: readonly string[],
): z.infer<typeof inspectionResultRecord> {
  if (d.case.kind !== 'inspection') throw new Error(`case ${d.case.id} is not an inspection`);
  return {
    caseId: d.case.id,
    agencyId: d.case.agencyId,
    caseNumber: d.case.caseNumber,
    itemCode: d.case.itemCode,
    state: d.case.state,
    stateLabel: d.case.stateLabel,
    inspectedOn: d.case.discoveredOn,
    closedOn: d.case.closedOn,
    correctionOrdered: passed.includes('correcting'),
    referred: passed.includes('referred'),
    parties: partiesOf(d),
  };
}

/** A signed checkpoint note as served at /log/checkpoint. */
export function checkpointRecordOf(note: string): z.infer<typeof checkpointRecord> {
  const body = note.slice(0, note.indexOf('\n\n') + 1);
  const c = parseCheckpoint(body);
  return { origin: c.origin, size: c.size, rootHash: Buffer.from(c.root).toString('base64'), note };
}
