import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { buffer as readAll } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { sql, type Transaction } from 'kysely';
import { runCommand, systemActor, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { chinaDate } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError, fieldError, type FieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { leafHash } from '../platform/record-log/merkle.ts';
import { base64Of, fromBase64 } from '../platform/record-log/sql-bytes.ts';
import { formatVerificationCode } from '../platform/record-log/verification-code.ts';
import type { BlobStore, StagedBlob } from '../records/blob-store.ts';
import {
  decisionDocumentTypes,
  requireOwnDecisionCase,
  requireReview,
  requireReviewInCommand,
} from '../review/gate.service.ts';
import { documentTypeCodes, isDocumentType, specOf, type DocumentType } from './document-types.ts';
import { documentView } from './document-view.rules.ts';
import { documentsPolicy } from './documents.policy.ts';
import {
  documentData,
  type DocumentData,
  type DocumentDataInput,
  type IssuedDocument,
} from './documents.schema.ts';
import { noticeProposedText, noticeRightsText } from '../cases/notice.rules.ts';
import { fillDocx, qrPng, TemplateError, templateTags } from './docx-fill.ts';
import { defaultNumberPattern, formatDocumentNumber, numberPatternProblem } from './format.rules.ts';
import { solidPng } from './png.ts';
import { templatePath, type ImageSlot } from './templates/build-templates.ts';
import { ownCase, requireKnownCaseSubject, requireOwnSubject } from '../cases/case-subject.ts';

/**
 * Issuing documents (issue 5 item 5). Two steps, because the verification code printed on a document is
 * the code of the record-log entry that records its issue, and an entry's index is only given when the
 * integrator takes it into the tree, after the issuing transaction commits:
 *
 *   1. `issueDocument(ctx, …)` — inside any command (the cases service calls it in its own transaction):
 *      takes the next number of the type and year under the sequence row's lock, writes the document's
 *      data and template version, and records `documents.issued`.
 *   2. `sealDocument` — once that entry has its index: fills the template (data, number, dates, amounts,
 *      the code as text and QR, signatures), stores the .docx in the blob store, writes its SHA-256 to the
 *      row (once; the table's trigger allows nothing else) and records `documents.sealed` with the file's
 *      plain SHA-256, so whoever holds the .docx finds it in the public log.
 * Sealing runs by itself for every integrated document (`sealPendingDocuments`: after each integration in
 * the server, before a case-file export) and on demand when a document is downloaded.
 */
export interface DocumentsDeps extends CommandDeps {
  blobs: BlobStore;
}

type Reader = Db | Transaction<DB>;
type DocumentRow = Row<'issued_documents'>;

/** Largest template or document accepted (a template is text and a few pictures). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const shipped = new Map<DocumentType, { bytes: Buffer; sha256: string }>();

/** The template shipped with the project (templates/<type>.docx), version 0. */
export function shippedTemplate(type: DocumentType): { bytes: Buffer; sha256: string } {
  let found = shipped.get(type);
  if (!found) {
    const bytes = fs.readFileSync(templatePath(type));
    found = { bytes, sha256: hex(bytes) };
    shipped.set(type, found);
  }
  return found;
}

export function toIssuedDocument(r: DocumentRow): IssuedDocument {
  return {
    id: r.id,
    agencyId: r.agency_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    type: r.type,
    title: isDocumentType(r.type) ? specOf(r.type).title : r.type,
    number: r.number,
    templateVersion: r.template_version,
    templateSha256: r.template_sha256,
    issuedAt: r.issued_at.toISOString(),
    issuedBy: r.issued_by,
    sealed: r.sha256 !== null,
    sha256: r.sha256,
    size: r.size,
    verificationCode: r.verification_code,
  };
}

async function latestTemplate(db: Reader, agencyId: string, type: DocumentType) {
  return db
    .selectFrom('document_templates')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('type', '=', type)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function numberPattern(db: Reader, agencyId: string, type: DocumentType): Promise<string> {
  // The agency's own pattern for the type, else the default from its short name: one read.
  const row = await db
    .selectFrom('agencies')
    .leftJoin('document_number_patterns as p', (join) =>
      join.onRef('p.agency_id', '=', 'agencies.id').on('p.type', '=', type),
    )
    .select(['agencies.short_name', 'p.pattern'])
    .where('agencies.id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return row.pattern ?? defaultNumberPattern(row.short_name, specOf(type).word);
}

/**
 * The next serial of (agency, type, year). The upsert locks the sequence row until the calling
 * transaction ends: a concurrent issue waits, and a rolled-back one gives its serial back — no gaps, no
 * duplicates (the unique key on issued_documents is the backstop).
 */
async function nextSerial(
  trx: Transaction<DB>,
  agencyId: string,
  type: string,
  year: number,
): Promise<number> {
  const result = await sql<{ serial: number }>`
    insert into document_number_sequences (agency_id, type, year, next_serial)
    values (${agencyId}, ${type}, ${year}, 2)
    on conflict (agency_id, type, year)
    do update set next_serial = document_number_sequences.next_serial + 1
    returning next_serial - 1 as serial`.execute(trx);
  return Number(result.rows[0]!.serial);
}

export interface IssueRequest {
  agencyId: string;
  type: DocumentType;
  subjectType: string;
  subjectId: string;
  data: DocumentDataInput;
}

function dataErrors(input: DocumentDataInput): { data: ReturnType<typeof documentData.parse> } {
  const parsed = documentData.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  throw new AppError('VALIDATION_FAILED', {
    errors: parsed.error.issues.map((i) => ({
      path: ['body', 'data', ...i.path].join('.'),
      message: i.message,
    })),
  });
}

/**
 * The legal-review gate before numbering a case's decision document (S-14, 行政处罚法 §58): a decision
 * document names a case of the issuing agency (404 otherwise, as for a read of it), and is numbered only
 * once that case's decision may be made: 409 REVIEW_REQUIRED while it needs a review it has not passed.
 * With `deps` the refused attempt is recorded (after the command rolls back); the trigger of migration
 * 0016 stays the backstop.
 */
async function decisionDocumentGate(
  ctx: CommandContext,
  request: IssueRequest,
  deps: CommandDeps | undefined,
): Promise<void> {
  if (!decisionDocumentTypes.has(request.type)) return;
  if (request.subjectType !== 'case') {
    throw fieldError(
      'VALIDATION_FAILED',
      'body.subjectType',
      '决定书只能针对本机关的案件制作（对象类型应为 case）',
    );
  }
  const kase = await ownCase(ctx.trx, request.agencyId, request.subjectId, 'body.subjectId');
  if (deps) return requireReviewInCommand(deps, ctx, kase, 'document_number');
  // No deps to record it with (a caller inside another command): refused all the same.
  if (kase.decided_on === null) await requireReview(ctx, kase);
}

/**
 * Issues a document inside the caller's command (step 1 above). Returns the row: its number is final;
 * the .docx follows when the issue entry is integrated. A case's decision document passes the legal-review
 * gate first; pass `deps` so that a refusal is recorded.
 */
export async function issueDocument(
  ctx: CommandContext,
  request: IssueRequest,
  deps?: CommandDeps,
): Promise<DocumentRow> {
  await decisionDocumentGate(ctx, request, deps);
  const { data: given } = dataErrors(request.data);
  const { agencyId, type } = request;
  const data = await withNoticeRights(ctx, request, given);
  if (data.evidenceIds.length > 0) {
    const found = await ctx.trx
      .selectFrom('evidence_files')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('id', 'in', data.evidenceIds)
      .execute();
    const known = new Set(found.map((r) => r.id));
    const errors: FieldError[] = data.evidenceIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !known.has(id))
      .map(({ i }) => ({ path: `body.evidenceIds.${i}`, message: '本机关没有这个音像记录或证据文件' }));
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors });
  }
  const template = await latestTemplate(ctx.trx, agencyId, type);
  const year = Number(chinaDate(ctx.now).slice(0, 4));
  const pattern = await numberPattern(ctx.trx, agencyId, type);
  const serial = await nextSerial(ctx.trx, agencyId, type, year);
  const row = await ctx.trx
    .insertInto('issued_documents')
    .values({
      id: newId(),
      agency_id: agencyId,
      subject_type: request.subjectType,
      subject_id: request.subjectId,
      type,
      year,
      serial,
      number: formatDocumentNumber(pattern, year, serial),
      template_id: template?.id ?? null,
      template_version: template?.version ?? 0,
      template_sha256: template?.sha256 ?? shippedTemplate(type).sha256,
      data: JSON.stringify(data),
      issued_at: ctx.now,
      issued_by: ctx.actor.personId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'documents.issued',
    agencyId,
    subjectType: 'issued_document',
    subjectId: row.id,
    record: row,
  });
  return row;
}

/**
 * A 行政处罚告知书 of a case already notified states the hearing right as the case's notice computed it
 * (行政处罚法 §63; 听证办法 §5; cases/notice.rules.ts), whatever the form sent: with its 5-working-day
 * limit where it applies, without it where it does not. The proposed sanctions fill an empty field.
 */
async function withNoticeRights(
  ctx: CommandContext,
  request: IssueRequest,
  data: DocumentData,
): Promise<DocumentData> {
  if (request.type !== 'penalty_notice' || request.subjectType !== 'case') return data;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(request.subjectId)) return data;
  const kase = await ctx.trx
    .selectFrom('cases')
    .select(['agency_id', 'hearing_right', 'proposed_sanctions'])
    .where('id', '=', request.subjectId)
    .executeTakeFirst();
  if (!kase || kase.agency_id !== request.agencyId || kase.hearing_right === null) return data;
  const proposed = data.fields.proposed?.trim()
    ? data.fields.proposed
    : noticeProposedText(kase.proposed_sanctions);
  return {
    ...data,
    fields: { ...data.fields, proposed, rights: noticeRightsText(kase.hearing_right) },
  };
}

/** A document waiting for its seal, with its issue entry's log index and leaf hash once integrated. */
interface Sealable {
  row: DocumentRow;
  index: number;
  leaf: Uint8Array;
}

/**
 * Unsealed documents whose issue entry is in the tree (all of them, or those of `ids`), oldest first. A
 * document not yet integrated is simply not returned.
 */
async function sealable(db: Reader, options: { ids?: string[]; limit: number }): Promise<Sealable[]> {
  let q = db
    .selectFrom('issued_documents')
    .innerJoin('audit_events', (join) =>
      join
        .on('audit_events.subject_type', '=', 'issued_document')
        .on('audit_events.kind', '=', 'documents.issued')
        .onRef('audit_events.subject_id', '=', 'issued_documents.id'),
    )
    .innerJoin('log_entries', 'log_entries.event_id', 'audit_events.id')
    .selectAll('issued_documents')
    .select(['log_entries.log_index', base64Of('log_entries.entry').as('entry')])
    .where('issued_documents.sha256', 'is', null)
    .where('log_entries.log_index', 'is not', null);
  if (options.ids) q = q.where('issued_documents.id', 'in', options.ids);
  const rows = await q.orderBy('log_entries.log_index').limit(options.limit).execute();
  return rows.map(({ log_index, entry, ...row }) => ({
    row,
    index: Number(log_index),
    leaf: leafHash(fromBase64(entry)),
  }));
}

async function blobBytes(blobs: BlobStore, sha256: string): Promise<Buffer> {
  if ((await blobs.size(sha256)) === null) throw new Error(`blob ${sha256} is missing from the store`);
  const bytes = await readAll(blobs.read(sha256));
  if (hex(bytes) !== sha256) throw new Error(`blob ${sha256} does not match its address`);
  return bytes;
}

async function templateBytes(blobs: BlobStore, row: DocumentRow): Promise<Buffer> {
  if (row.template_id !== null) return blobBytes(blobs, row.template_sha256);
  if (!isDocumentType(row.type)) throw new Error(`unknown document type ${row.type}`);
  const own = shippedTemplate(row.type);
  // The shipped template changed since this document was issued (an upgrade in between): refuse rather
  // than make a document from a template other than the one recorded.
  if (own.sha256 !== row.template_sha256) throw new Error(`the shipped template of ${row.type} has changed`);
  return own.bytes;
}

/** A signature pad's white: where a party refused, the slot shows blank paper, and the text says why. */
const BLANK = solidPng(8, 8, [255, 255, 255]);

/** Fills the document's template (pure apart from reading blobs): the .docx bytes. */
export async function renderDocument(
  blobs: BlobStore,
  row: DocumentRow,
  agencyName: string,
  verificationCode: string,
): Promise<Buffer> {
  if (!isDocumentType(row.type)) throw new Error(`unknown document type ${row.type}`);
  const view = documentView(row.type, row.data, {
    agencyName,
    number: row.number,
    issuedOn: chinaDate(row.issued_at),
    verificationCode,
  });
  const images: Partial<Record<ImageSlot, Uint8Array>> = { 'sx:qr': await qrPng(verificationCode) };
  const signatures = row.data.signatures;
  if (signatures) {
    images['sx:sign-party'] =
      signatures.party && 'sha256' in signatures.party
        ? await blobBytes(blobs, signatures.party.sha256)
        : BLANK;
    const [first, second] = signatures.officers;
    images['sx:sign-officer-1'] = first ? await blobBytes(blobs, first) : BLANK;
    images['sx:sign-officer-2'] = second ? await blobBytes(blobs, second) : BLANK;
  }
  return fillDocx(await templateBytes(blobs, row), view, images);
}

async function loadDocument(db: Reader, id: string): Promise<DocumentRow> {
  const row = await db.selectFrom('issued_documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Step 2 for a batch: renders and stages each .docx outside the transaction, then ONE command writes the
 * digests and records one `documents.sealed` per document. A document sealed meanwhile by another
 * process keeps its seal (the update's `sha256 is null` guard) and its staged bytes are dropped.
 */
async function sealBatch(deps: DocumentsDeps, batch: readonly Sealable[]): Promise<DocumentRow[]> {
  if (batch.length === 0) return [];
  const agencyIds = [...new Set(batch.map((b) => b.row.agency_id))];
  const agencies = await deps.db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', 'in', agencyIds)
    .execute();
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  // Rendering is CPU, staging mostly waiting for the disk: each file is staged while the next renders.
  const staging: Promise<{ item: Sealable; code: string; blob: StagedBlob } | null>[] = [];
  try {
    for (const item of batch) {
      const code = formatVerificationCode(item.index, item.leaf);
      const bytes = await renderDocument(deps.blobs, item.row, names.get(item.row.agency_id) ?? '', code);
      staging.push(
        deps.blobs
          .stage(Readable.from([bytes]), { maxBytes: MAX_DOCUMENT_BYTES, sizeHint: bytes.length })
          .then((blob) => ({ item, code, blob })),
      );
    }
    const staged = await Promise.all(staging);
    const byId = new Map(staged.flatMap((s) => (s ? [[s.item.row.id, s] as const] : [])));
    return await runCommand(deps, systemActor, async (ctx) => {
      // One statement seals the batch; `sha256 is null` leaves a document sealed meanwhile as it is.
      const values = sql.join(
        [...byId.values()].map(
          ({ item, code, blob }) =>
            sql`(${item.row.id}::uuid, ${blob.sha256}, ${blob.size}::integer, ${code})`,
        ),
      );
      const result = await sql<DocumentRow>`
        update issued_documents d
        set sha256 = v.sha256, size = v.size, verification_code = v.code, sealed_at = ${ctx.now}
        from (values ${values}) as v(id, sha256, size, code)
        where d.id = v.id and d.sha256 is null
        returning d.*`.execute(ctx.trx);
      const sealed = result.rows;
      // Each commit links and flushes a directory entry: done side by side, not one after another.
      await Promise.all(sealed.map((row) => byId.get(row.id)!.blob.commit()));
      for (const row of sealed) {
        const { blob } = byId.get(row.id)!;
        await ctx.record({
          kind: 'documents.sealed',
          agencyId: row.agency_id,
          subjectType: 'issued_document',
          subjectId: row.id,
          record: row,
          changes: ['sha256', 'size', 'verification_code', 'sealed_at'],
          fileSha256: blob.sha256,
        });
      }
      // Every one was sealed meanwhile by another process: nothing changed, and that is recorded too.
      if (sealed.length === 0) {
        await ctx.record({
          kind: 'documents.seal_skipped',
          agencyId: null,
          subjectType: 'issued_document',
          subjectId: null,
          record: { ids: batch.map((b) => b.row.id) },
        });
      }
      return sealed;
    });
  } finally {
    const settled = await Promise.allSettled(staging);
    for (const s of settled) if (s.status === 'fulfilled' && s.value) await s.value.blob.discard();
  }
}

/** Step 2: seals the document if its issue entry is integrated. Null when it is not yet. */
export async function sealDocument(deps: DocumentsDeps, id: string): Promise<DocumentRow | null> {
  const row = await loadDocument(deps.db, id);
  if (row.sha256 !== null) return row;
  const batch = await sealable(deps.db, { ids: [id], limit: 1 });
  if (batch.length === 0) return null;
  await sealBatch(deps, batch);
  return loadDocument(deps.db, id);
}

/** How many documents one sealing command takes. */
const SEAL_BATCH = 50;

/** Seals every unsealed document whose issue entry is integrated (oldest first); returns how many. */
export async function sealPendingDocuments(deps: DocumentsDeps, limit = 500): Promise<number> {
  let sealed = 0;
  while (sealed < limit) {
    const batch = await sealable(deps.db, { limit: Math.min(SEAL_BATCH, limit - sealed) });
    if (batch.length === 0) break;
    const done = await sealBatch(deps, batch);
    sealed += done.length;
    if (done.length === 0) break;
  }
  return sealed;
}

// ——— what the routes call ———

export async function issueForPrincipal(
  deps: DocumentsDeps,
  principal: Principal,
  input: { type: DocumentType; subjectType: string; subjectId: string; data: DocumentDataInput },
): Promise<IssuedDocument> {
  authorize(principal, documentsPolicy.issue, principal.agencyId);
  const actor = { ...actorOf(principal), agencyId: principal.agencyId };
  if (decisionDocumentTypes.has(input.type)) {
    await requireOwnDecisionCase(deps, actor, input, 'document_number', 'body.subjectId');
  } else {
    await requireOwnSubject(deps.db, principal.agencyId, input);
  }
  const row = await runCommand(deps, actor, (ctx) =>
    issueDocument(ctx, { ...input, agencyId: principal.agencyId }, deps),
  );
  return toIssuedDocument(row);
}

export async function getDocument(
  deps: DocumentsDeps,
  principal: Principal,
  id: string,
): Promise<IssuedDocument> {
  const row = await loadDocument(deps.db, id);
  authorize(principal, documentsPolicy.read, row.agency_id);
  return toIssuedDocument(row);
}

export async function listDocuments(
  deps: DocumentsDeps,
  principal: Principal,
  query: { subjectType: string; subjectId: string },
): Promise<IssuedDocument[]> {
  const agencies = readableAgencies(principal, documentsPolicy.read);
  await requireKnownCaseSubject(deps.db, agencies, query);
  if (agencies.length === 0) return [];
  const rows = await deps.db
    .selectFrom('issued_documents')
    .selectAll()
    .where('agency_id', 'in', agencies)
    .where('subject_type', '=', query.subjectType)
    .where('subject_id', '=', query.subjectId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
  return rows.map(toIssuedDocument);
}

/** The sealed .docx of a document (sealing it now if its entry is integrated). */
export async function documentContent(
  deps: DocumentsDeps,
  principal: Principal,
  id: string,
): Promise<{ document: DocumentRow; bytes: Buffer }> {
  const row = await loadDocument(deps.db, id);
  authorize(principal, documentsPolicy.read, row.agency_id);
  const sealed = row.sha256 !== null ? row : await sealDocument(deps, id);
  if (!sealed?.sha256) throw new AppError('DOCUMENT_NOT_SEALED');
  return { document: sealed, bytes: await blobBytes(deps.blobs, sealed.sha256) };
}

// ——— templates ———

export interface TemplateInfo {
  type: string;
  title: string;
  version: number;
  sha256: string;
  size: number;
  filename: string;
  note: string;
  uploadedBy: string | null;
  uploadedAt: string | null;
  current: boolean;
}

/** Every version of every type's template for the agency, the shipped one (version 0) first. */
export async function listTemplates(deps: DocumentsDeps, principal: Principal): Promise<TemplateInfo[]> {
  authorize(principal, documentsPolicy.read, principal.agencyId);
  const rows = await deps.db
    .selectFrom('document_templates')
    .selectAll()
    .where('agency_id', '=', principal.agencyId)
    .orderBy('type')
    .orderBy('version')
    .execute();
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(r.type, Math.max(latest.get(r.type) ?? 0, r.version));
  const out: TemplateInfo[] = [];
  for (const t of documentTypeCodes) {
    const type: string = t;
    const own = shippedTemplate(t);
    out.push({
      type,
      title: specOf(t).title,
      version: 0,
      sha256: own.sha256,
      size: own.bytes.length,
      filename: `${type}.docx`,
      note: '系统内置模板',
      uploadedBy: null,
      uploadedAt: null,
      current: !latest.has(type),
    });
    for (const r of rows.filter((x) => x.type === type)) {
      out.push({
        type,
        title: specOf(t).title,
        version: r.version,
        sha256: r.sha256,
        size: r.size,
        filename: r.filename,
        note: r.note,
        uploadedBy: r.uploaded_by,
        uploadedAt: r.uploaded_at.toISOString(),
        current: latest.get(type) === r.version,
      });
    }
  }
  return out;
}

export async function templateContent(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  version: number,
): Promise<{ bytes: Buffer; filename: string }> {
  authorize(principal, documentsPolicy.read, principal.agencyId);
  if (version === 0) return { bytes: shippedTemplate(type).bytes, filename: `${type}.docx` };
  const row = await deps.db
    .selectFrom('document_templates')
    .selectAll()
    .where('agency_id', '=', principal.agencyId)
    .where('type', '=', type)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return { bytes: await blobBytes(deps.blobs, row.sha256), filename: row.filename };
}

/** An agency's own template: a new version (old ones stay), checked to compile before it is kept. */
export async function uploadTemplate(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  bytes: Buffer,
  meta: { filename?: string | undefined; note: string },
): Promise<TemplateInfo> {
  authorize(principal, documentsPolicy.manageTemplates, principal.agencyId);
  if (bytes.length === 0) throw new AppError('TEMPLATE_INVALID', { detail: '上传的文件是空的' });
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  try {
    templateTags(bytes);
  } catch (err) {
    if (err instanceof TemplateError) throw new AppError('TEMPLATE_INVALID', { detail: err.message });
    throw err;
  }
  const staged = await deps.blobs.stage(Readable.from([bytes]), {
    maxBytes: MAX_TEMPLATE_BYTES,
    sizeHint: bytes.length,
  });
  try {
    const row = await runCommand(deps, actorOf(principal), async (ctx) => {
      // One upload of a type at a time per agency: the advisory lock orders concurrent uploads.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${principal.agencyId}/template/${type}`}, 0))`.execute(
        ctx.trx,
      );
      const latest = await latestTemplate(ctx.trx, principal.agencyId, type);
      await staged.commit();
      const written = await ctx.trx
        .insertInto('document_templates')
        .values({
          id: newId(),
          agency_id: principal.agencyId,
          type,
          version: (latest?.version ?? 0) + 1,
          sha256: staged.sha256,
          size: staged.size,
          filename: meta.filename ?? `${type}.docx`,
          note: meta.note,
          uploaded_by: ctx.actor.personId,
          uploaded_at: ctx.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.record({
        kind: 'documents.template_uploaded',
        agencyId: principal.agencyId,
        subjectType: 'document_template',
        subjectId: written.id,
        record: written,
        fileSha256: written.sha256,
      });
      return written;
    });
    return {
      type,
      title: specOf(type).title,
      version: row.version,
      sha256: row.sha256,
      size: row.size,
      filename: row.filename,
      note: row.note,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at.toISOString(),
      current: true,
    };
  } finally {
    await staged.discard();
  }
}

/** Sets the agency's number pattern of a type (e.g. `衡县市监处罚〔{year}〕{n}号`); recorded. */
export async function setNumberPattern(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  pattern: string,
): Promise<{ type: string; pattern: string }> {
  authorize(principal, documentsPolicy.manageTemplates, principal.agencyId);
  const problem = numberPatternProblem(pattern);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ path: 'body.pattern', message: problem }] });
  }
  return runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await ctx.trx
      .insertInto('document_number_patterns')
      .values({
        id: newId(),
        agency_id: principal.agencyId,
        type,
        pattern,
        updated_by: ctx.actor.personId,
        updated_at: ctx.now,
      })
      .onConflict((oc) =>
        oc.columns(['agency_id', 'type']).doUpdateSet({
          pattern,
          updated_by: ctx.actor.personId,
          updated_at: ctx.now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.record({
      kind: 'documents.number_pattern_set',
      agencyId: principal.agencyId,
      subjectType: 'document_number_pattern',
      subjectId: row.id,
      record: row,
    });
    return { type, pattern: row.pattern };
  });
}
