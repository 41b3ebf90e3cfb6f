import type { Readable } from 'node:stream';
import { sql, type Transaction } from 'kysely';
import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { checklistOf } from './av-checklist.service.ts';
import { stepLabel } from './av-checklist.rules.ts';
import { BlobTooLargeError, type BlobStore, type DetachedBlob, type StagedBlob } from './blob-store.ts';
import type { Evidence, EvidenceQuery, UploadQuery } from './evidence.schema.ts';
import {
  digestMismatches,
  evidenceProblems,
  MAX_EVIDENCE_BYTES,
  mediaTypeProblem,
  type EvidenceFacts,
} from './evidence.rules.ts';
import { recordsPolicy } from './records.policy.ts';
import {
  disposalProblem,
  retentionMarks,
  retentionOf,
  type RetentionFacts,
  type RetentionMark,
  type RetentionPeriods,
} from './retention.rules.ts';
import { retentionPeriodsOf } from './retention.service.ts';

/**
 * Evidence files (issue 3 item 6): upload (streamed into the blob store while hashed, then one command
 * that commits the bytes, writes the row and records the upload with the file's plain SHA-256), listing,
 * reading, retention marks and disposal. No command changes or removes a file's bytes except disposal.
 */
export interface EvidenceDeps extends CommandDeps {
  blobs: BlobStore;
}

type Reader = Db | Transaction<DB>;
type EvidenceRow = Row<'evidence_files'>;

const marksOf = (r: EvidenceRow): RetentionMark[] => retentionMarks.filter((m) => r[m]);

const retentionFacts = (r: EvidenceRow): RetentionFacts => ({
  kind: r.kind,
  capturedTo: r.captured_to,
  uploadedAt: r.uploaded_at,
  marks: marksOf(r),
});

function toEvidence(r: EvidenceRow, periods: RetentionPeriods): Evidence {
  const retention = retentionOf(retentionFacts(r), periods);
  return {
    id: r.id,
    agencyId: r.agency_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
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
  };
}

async function loadRow(db: Reader, id: string): Promise<EvidenceRow> {
  const row = await db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getEvidence(deps: CommandDeps, principal: Principal, id: string): Promise<Evidence> {
  const row = await loadRow(deps.db, id);
  authorize(principal, recordsPolicy.readEvidence, row.agency_id);
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id));
}

export async function listEvidence(
  deps: CommandDeps,
  principal: Principal,
  query: EvidenceQuery,
): Promise<{ items: Evidence[]; total: number }> {
  const agencies = query.agencyId
    ? [query.agencyId]
    : readableAgencies(principal, recordsPolicy.readEvidence);
  for (const id of agencies) authorize(principal, recordsPolicy.readEvidence, id);
  if (agencies.length === 0) return { items: [], total: 0 };
  let q = deps.db.selectFrom('evidence_files').where('agency_id', 'in', agencies);
  if (query.subjectType) q = q.where('subject_type', '=', query.subjectType);
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  if (query.stepId) q = q.where('step_id', '=', query.stepId);
  if (query.recorderId) q = q.where('recorder_id', '=', query.recorderId);
  if (query.kind) q = q.where('kind', '=', query.kind);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const periods = new Map<string, RetentionPeriods>();
  for (const agencyId of new Set(rows.map((r) => r.agency_id))) {
    periods.set(agencyId, await retentionPeriodsOf(deps.db, agencyId));
  }
  return { items: rows.map((r) => toEvidence(r, periods.get(r.agency_id)!)), total: Number(total) };
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
  const errors: FieldError[] = evidenceProblems(facts, now).map((p) => ({
    path: queryPath(p.field),
    message: p.message,
  }));
  if ((query.latitude === undefined) !== (query.longitude === undefined)) {
    errors.push({ path: queryPath('longitude'), message: '经度和纬度须同时填写' });
  }
  if (query.recorderId) {
    const recorder = await db
      .selectFrom('recorders')
      .select('id')
      .where('id', '=', query.recorderId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!recorder) errors.push({ path: queryPath('recorderId'), message: '本机关没有这台设备' });
  }
  const officerIds = [...new Set(query.officerIds ?? [principal.personId])];
  const officers = await db
    .selectFrom('people')
    .select('id')
    .where('id', 'in', officerIds)
    .where('agency_id', '=', agencyId)
    .execute();
  if (officers.length !== officerIds.length) {
    errors.push({ path: queryPath('officerIds'), message: '执法人员须为本机关人员' });
  }
  let stepCode = query.step ?? null;
  if (query.stepId) {
    const step = await db
      .selectFrom('enforcement_steps')
      .select(['step', 'subject_type', 'subject_id'])
      .where('id', '=', query.stepId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
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
async function lockBlob(ctx: CommandContext, sha256: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${sha256}, 0))`.execute(ctx.trx);
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
    const row = await runCommand(deps, actorOf(principal), async (ctx) => {
      await lockBlob(ctx, staged.sha256);
      await staged.commit();
      const written = await ctx.trx
        .insertInto('evidence_files')
        .values({
          id: newId(),
          agency_id: agencyId,
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
          uploaded_by: ctx.actor.personId,
          uploaded_at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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
    return toEvidence(row, await retentionPeriodsOf(deps.db, agencyId));
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
  const row = await loadRow(deps.db, id);
  authorize(principal, recordsPolicy.readEvidence, row.agency_id);
  if (row.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
  const size = await deps.blobs.size(row.sha256);
  // The row says the bytes were stored and never disposed of: a missing or resized file is damage.
  if (size !== row.size) throw new AppError('EVIDENCE_CONTENT_MISSING');
  return { evidence: row, size, read: (range) => deps.blobs.read(row.sha256, range) };
}

/** Marks a file to be kept permanently (公安机关现场执法视音频记录工作规定 §13). A mark is never removed. */
export async function markEvidence(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  input: { mark: RetentionMark; reason: string },
): Promise<Evidence> {
  const current = await loadRow(deps.db, id);
  authorize(principal, recordsPolicy.markEvidence, current.agency_id);
  if (current.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
  if (current[input.mark]) return getEvidence(deps, principal, id);
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const after = await ctx.trx
      .updateTable('evidence_files')
      .set(input.mark, true)
      .where('id', '=', id)
      .where('disposed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
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
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id));
}

/**
 * Disposes of a file whose retention has run out (issue 3 item 9): only an agency head, only after the
 * period, never a marked file. The row, its digests and its log entries stay; the bytes go unless another
 * live row holds the same content. The bytes are moved aside before the commit and removed after it, so a
 * failed command puts them back.
 */
export async function disposeEvidence(
  deps: EvidenceDeps,
  principal: Principal,
  id: string,
  input: { reason: string; approval: string },
): Promise<Evidence> {
  const current = await loadRow(deps.db, id);
  authorize(principal, recordsPolicy.disposeEvidence, current.agency_id);
  const held: { blob?: DetachedBlob | null } = {};
  let row: EvidenceRow;
  try {
    row = await runCommand(deps, actorOf(principal), async (ctx) => {
      const before = await ctx.trx
        .selectFrom('evidence_files')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (before.disposed_at) throw new AppError('EVIDENCE_DISPOSED');
      const periods = await retentionPeriodsOf(ctx.trx, before.agency_id);
      const problem = disposalProblem(retentionFacts(before), periods, chinaDate(ctx.now));
      if (problem) throw new AppError('RETENTION_NOT_ELAPSED', { detail: problem });
      await lockBlob(ctx, before.sha256);
      const after = await ctx.trx
        .updateTable('evidence_files')
        .set({
          disposed_at: ctx.now,
          disposed_by: ctx.actor.personId,
          disposal_reason: input.reason,
          disposal_approval: input.approval,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.record({
        kind: 'records.evidence_disposed',
        agencyId: after.agency_id,
        subjectType: 'evidence_file',
        subjectId: id,
        record: after,
        changes: ['disposed_at', 'disposed_by', 'disposal_reason', 'disposal_approval'],
        fileSha256: after.sha256,
      });
      const others = await ctx.trx
        .selectFrom('evidence_files')
        .select('id')
        .where('sha256', '=', after.sha256)
        .where('disposed_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      if (!others) held.blob = await deps.blobs.detach(after.sha256);
      return after;
    });
  } catch (err) {
    await held.blob?.restore();
    throw err;
  }
  await held.blob?.purge();
  return toEvidence(row, await retentionPeriodsOf(deps.db, row.agency_id));
}
