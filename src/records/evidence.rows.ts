import type { Transaction } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import type { Rule } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { readScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { caseNumbersById, documentNumbersById, evidenceById } from './evidence.store.ts';
import type { ExtractionMethod } from './electronic-data.rules.ts';
import type { Evidence } from './evidence.schema.ts';
import {
  retentionMarks,
  retentionOf,
  type RetentionFacts,
  type RetentionMark,
  type RetentionPeriods,
} from './retention.rules.ts';

/** An evidence file's row as the commands and reads of evidence files share it: loaded, and shown. */

export type Reader = Db | Transaction<DB>;
export type EvidenceRow = Row<'evidence_files'>;

const marksOf = (r: EvidenceRow): RetentionMark[] => retentionMarks.filter((m) => r[m]);

export const retentionFacts = (r: EvidenceRow): RetentionFacts => ({
  kind: r.kind,
  capturedTo: r.captured_to,
  uploadedAt: r.uploaded_at,
  marks: marksOf(r),
});

/**
 * The numbers people know things by, by id: the case numbers (案号) of the cases these files are about,
 * and the document numbers (文号) of the extraction records of electronic data. A subject given as free
 * text (from before cases had a table) has none.
 */
export async function numbersOf(db: Reader, rows: readonly EvidenceRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      rows.filter((r) => r.subject_type === 'case' && UUID.test(r.subject_id)).map((r) => r.subject_id),
    ),
  ];
  const documentIds = [...new Set(rows.flatMap((r) => r.extraction_document_id ?? []))];
  const agencies = [...new Set(rows.map((r) => r.agency_id))];
  const cases = ids.length === 0 ? [] : await caseNumbersById(db, agencies, ids);
  const documents = documentIds.length === 0 ? [] : await documentNumbersById(db, agencies, documentIds);
  return new Map([
    ...cases.map((c) => [c.id, c.case_number] as const),
    ...documents.map((d) => [d.id, d.number] as const),
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toEvidence(
  r: EvidenceRow,
  periods: RetentionPeriods,
  numbers: ReadonlyMap<string, string>,
): Evidence {
  const retention = retentionOf(retentionFacts(r), periods);
  return {
    id: r.id,
    agencyId: r.agency_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectName: r.subject_type === 'case' ? (numbers.get(r.subject_id) ?? null) : null,
    step: r.step,
    stepId: r.step_id,
    kind: r.kind,
    mediaType: r.media_type,
    filename: r.filename,
    size: r.size,
    sha256: r.sha256,
    sm3: r.sm3,
    recorderId: r.recorder_id,
    officerIds: r.officer_ids,
    capturedFrom: r.captured_from ? r.captured_from.toISOString() : null,
    capturedTo: r.captured_to ? r.captured_to.toISOString() : null,
    place: r.place,
    latitude: r.latitude,
    longitude: r.longitude,
    fullProcess: r.full_process,
    interruptions: r.interruptions,
    marks: marksOf(r),
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at.toISOString(),
    retention: retention.permanent
      ? { permanent: true, until: null }
      : { permanent: false, until: retention.until },
    disposal:
      r.disposed_at && r.disposed_by && r.disposal_reason !== null && r.disposal_approval !== null
        ? {
            at: r.disposed_at.toISOString(),
            by: r.disposed_by,
            reason: r.disposal_reason,
            approval: r.disposal_approval,
          }
        : null,
    electronicData:
      r.kind === 'electronic_data' &&
      r.original_carrier !== null &&
      r.extraction_method !== null &&
      r.extraction_sha256 !== null &&
      r.extracted_at !== null &&
      r.extraction_place !== null
        ? {
            originalCarrier: r.original_carrier,
            extractionMethod: r.extraction_method as ExtractionMethod,
            extractionSha256: r.extraction_sha256,
            extractedAt: r.extracted_at.toISOString(),
            extractionPlace: r.extraction_place,
            extractionDocumentId: r.extraction_document_id,
            extractionDocumentNumber: r.extraction_document_id
              ? (numbers.get(r.extraction_document_id) ?? null)
              : null,
          }
        : null,
  };
}

/**
 * One file the principal may reach under the rule: 403 when the rule reaches no agency of theirs, 404 for a
 * file that is not in the agencies it reaches (another agency's answers as an unknown one). The caller
 * still authorizes on the row's agency.
 */
export async function loadRow(
  db: Reader,
  principal: Principal,
  rule: Rule,
  id: string,
): Promise<EvidenceRow> {
  const scope = readScopeOf(principal, rule);
  if (scope.agencyIds.length === 0) throw new AppError('FORBIDDEN');
  const row = await evidenceById(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
