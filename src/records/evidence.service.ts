import type { Readable } from 'node:stream';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { requireOwnSubject } from '../cases/case-subject.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { checklistOf } from './av-checklist.service.ts';
import { stepLabel } from './av-checklist.rules.ts';
import { BlobTooLargeError, type BlobStore, type StagedBlob } from './blob-store.ts';
import { getEvidence } from './evidence.queries.ts';
import { loadRow, toEvidence, type EvidenceRow, numbersOf } from './evidence.rows.ts';
import {
  enforcementStepOf,
  hasRecorder,
  insertEvidence,
  issuedDocumentOf,
  lockBlobDigest,
  markEvidenceRow,
  peopleOfAgency,
} from './evidence.store.ts';
import type { Evidence, UploadQuery } from './evidence.schema.ts';
import {
  digestMismatches,
  evidenceProblems,
  MAX_EVIDENCE_BYTES,
  mediaTypeProblem,
  type EvidenceFacts,
} from './evidence.rules.ts';
import {
  extractionDigestProblem,
  extractionProblems,
  extractionRecordProblem,
} from './electronic-data.rules.ts';
import { recordsPolicy } from './records.policy.ts';
import type { RetentionMark } from './retention.rules.ts';
import { retentionPeriodsOf } from './retention.service.ts';

/**
 * Evidence files (issue 3 item 6): upload (streamed into the blob store while hashed, then one command
 * that commits the bytes, writes the row and records the upload with the file's plain SHA-256), the
 * stored bytes, and retention marks. Reads are in evidence.queries.ts; disposal, the one command that
 * removes a file's bytes, in evidence-disposal.service.ts.
 */
export interface EvidenceDeps extends CommandDeps {
  blobs: BlobStore;
}

/** The upload as it arrives: the body stream, its media type and the digests it declares. */
export interface UploadBody {
  stream: Readable;
  mediaType: string;
  contentLength: number | undefined;
  /** SHA-256 from RFC 9530 Content-Digest, if sent. */
  contentDigestSha256: string | undefined;
}

const queryPath = (field: string) => `querystring.${field}`;

const instant = (value: string | undefined): Date | null => (value === undefined ? null : new Date(value));

/** What the metadata says, checked before a byte is read so a bad upload fails fast. */
async function checkUpload(
  db: Db,
  principal: Principal,
  query: UploadQuery,
  now: Date,
): Promise<{ stepCode: string | null; officerIds: string[] }> {
  const agencyId = principal.agencyId;
  const facts: EvidenceFacts = {
    kind: query.kind,
    recorderId: query.recorderId ?? null,
    capturedFrom: instant(query.capturedFrom),
    capturedTo: instant(query.capturedTo),
    fullProcess: query.fullProcess === 'true',
    interruptions: (query.interruptions ?? []).map((i) => ({
      stoppedAt: new Date(i.stoppedAt),
      resumedAt: new Date(i.resumedAt),
      reason: i.reason,
    })),
  };
  const errors: FieldError[] = [
    ...evidenceProblems(facts, now),
    ...extractionProblems(
      query.kind,
      {
        originalCarrier: query.originalCarrier,
        extractionMethod: query.extractionMethod,
        extractionSha256: query.extractionSha256,
        extractedAt: query.extractedAt === undefined ? undefined : new Date(query.extractedAt),
        extractionPlace: query.extractionPlace,
        extractionDocumentId: query.extractionDocumentId,
      },
      now,
    ),
  ].map((p) => ({ path: queryPath(p.field), message: p.message }));
  if (query.kind === 'electronic_data' && query.extractionDocumentId) {
    const record = await issuedDocumentOf(db, ownAgency(agencyId), query.extractionDocumentId);
    const problem = extractionRecordProblem(
      record && { type: record.type, subjectType: record.subject_type, subjectId: record.subject_id },
      query,
    );
    if (problem) errors.push({ path: queryPath('extractionDocumentId'), message: problem });
  }
  if ((query.latitude === undefined) !== (query.longitude === undefined)) {
    errors.push({ path: queryPath('longitude'), message: '经度和纬度须同时填写' });
  }
  if (query.recorderId) {
    if (!(await hasRecorder(db, ownAgency(agencyId), query.recorderId)))
      errors.push({ path: queryPath('recorderId'), message: '本机关没有这台设备' });
  }
  const officerIds = [...new Set(query.officerIds ?? [principal.personId])];
  const officers = await peopleOfAgency(db, ownAgency(agencyId), officerIds);
  if (officers.length !== officerIds.length) {
    errors.push({ path: queryPath('officerIds'), message: '执法人员须为本机关人员' });
  }
  let stepCode = query.step ?? null;
  if (query.stepId) {
    const step = await enforcementStepOf(db, ownAgency(agencyId), query.stepId);
    if (!step || step.subject_type !== query.subjectType || step.subject_id !== query.subjectId) {
      errors.push({ path: queryPath('stepId'), message: '该对象下没有这个执法环节' });
    } else if (stepCode !== null && stepCode !== step.step) {
      errors.push({ path: queryPath('step'), message: '环节代码与所选执法环节不一致' });
    } else {
      stepCode = step.step;
    }
  } else if (stepCode !== null && stepLabel(stepCode, await checklistOf(db, agencyId)) === undefined) {
    errors.push({ path: queryPath('step'), message: `未知的执法环节：${stepCode}` });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  await requireOwnSubject(db, agencyId, query, queryPath('subjectId'));
  return { stepCode, officerIds };
}

/** Errors of the request stream itself: the client went away or sent less than it announced. */
const BROKEN_UPLOAD = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR']);

async function receive(blobs: BlobStore, body: UploadBody): Promise<StagedBlob> {
  try {
    return await blobs.stage(body.stream, { maxBytes: MAX_EVIDENCE_BYTES, sizeHint: body.contentLength });
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw new AppError('PAYLOAD_TOO_LARGE');
    const e = err as { code?: unknown; message?: unknown };
    if ((typeof e.code === 'string' && BROKEN_UPLOAD.has(e.code)) || e.message === 'aborted') {
      throw new AppError('UPLOAD_INCOMPLETE');
    }
    throw err;
  }
}

/**
 * Serialises the commands that touch one blob (an upload committing it, a disposal removing it), in
 * every database: a transaction-scoped advisory lock on the digest.
 */
export async function lockBlob(ctx: CommandContext, sha256: string): Promise<void> {
  await lockBlobDigest(ctx.trx, sha256);
}

/**
 * Uploads one file. Until the bytes are all in and their digests match what was declared, nothing is
 * stored under an address and nothing is recorded: an interrupted or mismatched upload leaves no trace
 * but a removed temporary file.
 */
export async function uploadEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  query: UploadQuery,
  body: UploadBody,
): Promise<Evidence> {
  const agencyId = principal.agencyId;
  authorize(principal, recordsPolicy.uploadEvidence, agencyId);
  const typeProblem = mediaTypeProblem(query.kind, body.mediaType);
  if (typeProblem) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: typeProblem });
  if (
    body.contentDigestSha256 !== undefined &&
    query.sha256 !== undefined &&
    body.contentDigestSha256 !== query.sha256
  ) {
    throw fieldError('VALIDATION_FAILED', queryPath('sha256'), '与 Content-Digest 声明的摘要不一致');
  }
  if (body.contentLength !== undefined && body.contentLength > MAX_EVIDENCE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE');
  }
  const { stepCode, officerIds } = await checkUpload(deps.db, principal, query, deps.clock.now());

  const staged = await receive(deps.blobs, body);
  try {
    if (staged.size === 0) throw new AppError('BAD_REQUEST', { detail: '上传的文件是空的' });
    const declared = { sha256: query.sha256 ?? body.contentDigestSha256, sm3: query.sm3 };
    const wrong = digestMismatches(declared, staged);
    if (wrong.length > 0) {
      throw new AppError('DIGEST_MISMATCH', {
        detail: `收到的文件的 ${wrong.map((w) => w.toUpperCase()).join('、')} 摘要与声明的不一致，文件可能在传输中损坏`,
        extra: { received: { sha256: staged.sha256, sm3: staged.sm3, size: staged.size } },
      });
    }
    // 电子数据: the bytes are the data extracted only if they have the digest the extraction record states.
    const extracted =
      query.extractionSha256 === undefined
        ? null
        : extractionDigestProblem(query.extractionSha256, staged.sha256);
    if (extracted) {
      throw new AppError('DIGEST_MISMATCH', {
        detail: extracted,
        errors: [{ path: queryPath('extractionSha256'), message: extracted }],
        extra: { received: { sha256: staged.sha256, sm3: staged.sm3, size: staged.size } },
      });
    }
    const row = await runCommand(deps, actorOf(principal), async (ctx) => {
      await lockBlob(ctx, staged.sha256);
      await staged.commit();
      const written = await insertEvidence(ctx.trx, ownAgency(agencyId), {
        id: newId(),
        subject_type: query.subjectType,
        subject_id: query.subjectId,
        step: stepCode,
        step_id: query.stepId ?? null,
        kind: query.kind,
        media_type: body.mediaType,
        filename: query.filename ?? null,
        size: staged.size,
        sha256: staged.sha256,
        sm3: staged.sm3,
        recorder_id: query.recorderId ?? null,
        officer_ids: JSON.stringify(officerIds),
        captured_from: query.capturedFrom ?? null,
        captured_to: query.capturedTo ?? null,
        place: query.place ?? null,
        latitude: query.latitude ?? null,
        longitude: query.longitude ?? null,
        full_process: query.fullProcess === 'true',
        interruptions: JSON.stringify(query.interruptions ?? []),
        original_carrier: query.originalCarrier ?? null,
        extraction_method: query.extractionMethod ?? null,
        extraction_sha256: query.extractionSha256 ?? null,
        extracted_at: query.extractedAt ?? null,
        extraction_place: query.extractionPlace ?? null,
        extraction_document_id: query.extractionDocumentId ?? null,
        uploaded_by: ctx.actor.personId,
        uploaded_at: ctx.now,
      });
      await ctx.record({
        kind: 'records.evidence_uploaded',
        agencyId,
        subjectType: 'evidence_file',
        subjectId: written.id,
        record: written,
        fileSha256: written.sha256,
      });
      return written;
    });
    return toEvidence(row, await retentionPeriodsOf(deps.db, agencyId), await numbersOf(deps.db, [row]));
  } finally {
    await staged.discard();
  }
}

/** The stored bytes of a file the principal may read: its row, size and a reader of any range. */
export async function evidenceContent(
  deps: EvidenceDeps,
  principal: Principal,
  id: string,
): Promise<{
  evidence: EvidenceRow;
  size: number;
  read: (range?: { start: number; end: number }) => Readable;
}> {
  const row = await loadRow(deps.db, principal, recordsPolicy.readEvidence, id);
  authorize(principal, recordsPolicy.readEvidence, row.agency_id);
  if (row.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
  const size = await deps.blobs.size(row.sha256);
  // The row says the bytes were stored and never disposed of: a missing or resized file is damage.
  if (size !== row.size) throw new AppError('EVIDENCE_CONTENT_MISSING');
  return { evidence: row, size, read: (range) => deps.blobs.read(row.sha256, range) };
}

/** Marks a file to be kept permanently (行政处罚法 §47; retention.rules.ts `retentionMarks`). A mark is never removed. */
export async function markEvidence(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { mark: RetentionMark; reason: string },
): Promise<Evidence> {
  const current = await loadRow(deps.db, principal, recordsPolicy.markEvidence, id);
  authorize(principal, recordsPolicy.markEvidence, current.agency_id);
  if (current.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
  if (current[input.mark]) return getEvidence(deps, principal, id);
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const after = await markEvidenceRow(ctx.trx, ownAgency(current.agency_id), id, input.mark);
    if (!after) throw new AppError('EVIDENCE_DISPOSED');
    await ctx.record({
      kind: 'records.evidence_marked',
      agencyId: after.agency_id,
      subjectType: 'evidence_file',
      subjectId: id,
      record: { ...after, markReason: input.reason },
      changes: [input.mark],
      fileSha256: after.sha256,
    });
    return after;
  });
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id), await numbersOf(deps.db, [row]));
}
