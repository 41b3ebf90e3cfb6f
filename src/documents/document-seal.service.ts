import { Readable } from 'node:stream';
import { runCommand, systemActor } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { leafHash } from '../platform/record-log/merkle.ts';
import { fromBase64 } from '../platform/record-log/sql-bytes.ts';
import { formatVerificationCode } from '../platform/record-log/verification-code.ts';
import type { BlobStore, StagedBlob } from '../records/blob-store.ts';
import { blobBytes } from './document-blobs.ts';
import { shippedTemplate } from './document-templates.service.ts';
import { isDocumentType } from './document-types.ts';
import { documentView } from './document-view.rules.ts';
import type { DocumentsDeps } from './documents.service.ts';
import {
  agencyNames,
  documentRow,
  sealablePendingUnscoped,
  sealableOf,
  sealRows,
} from './documents.store.ts';
import { fillDocx, qrPng } from './docx-fill.ts';
import { solidPng } from './png.ts';
import type { ImageSlot } from './templates/build-templates.ts';

/**
 * Sealing documents (step 2 of documents.service.ts): once a document's issue entry has its log index,
 * the template is filled (data, number, dates, amounts, the code as text and QR, signatures), the .docx
 * stored in the blob store, its SHA-256 written to the row once, and `documents.sealed` recorded with the
 * file's plain SHA-256, so whoever holds the .docx finds it in the public log.
 */

type DocumentRow = Row<'issued_documents'>;

const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/** A document waiting for its seal, with its issue entry's log index and leaf hash once integrated. */
interface Sealable {
  row: DocumentRow;
  index: number;
  leaf: Uint8Array;
}

/**
 * Unsealed documents whose issue entry is in the tree (every agency's, or those of `only`), oldest first. A
 * document not yet integrated is simply not returned.
 */
async function sealable(
  db: DocumentsDeps['db'],
  options: { only?: { agencyId: string; ids: string[] }; limit: number },
): Promise<Sealable[]> {
  const rows = options.only
    ? await sealableOf(db, ownAgency(options.only.agencyId), options.only.ids, options.limit)
    : await sealablePendingUnscoped(db, options.limit);
  return rows.map(({ log_index, entry, ...row }) => ({
    row,
    index: Number(log_index),
    leaf: leafHash(fromBase64(entry)),
  }));
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

/**
 * Step 2 for a batch: renders and stages each .docx outside the transaction, then ONE command writes the
 * digests and records one `documents.sealed` per document. A document sealed meanwhile by another
 * process keeps its seal (the update's `sha256 is null` guard) and its staged bytes are dropped.
 */
async function sealBatch(deps: DocumentsDeps, batch: readonly Sealable[]): Promise<DocumentRow[]> {
  if (batch.length === 0) return [];
  const agencyIds = [...new Set(batch.map((b) => b.row.agency_id))];
  const agencies = await agencyNames(deps.db, agencyIds);
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
      const sealed = await sealRows(
        ctx.trx,
        [...byId.values()].map(({ item, code, blob }) => ({
          id: item.row.id,
          agencyId: item.row.agency_id,
          sha256: blob.sha256,
          size: blob.size,
          code,
        })),
        ctx.now,
      );
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

/** Step 2: seals the agency's document if its issue entry is integrated. Null when it is not yet. */
export async function sealDocument(
  deps: DocumentsDeps,
  agencyId: string,
  id: string,
): Promise<DocumentRow | null> {
  const scope = ownAgency(agencyId);
  const row = await documentRow(deps.db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.sha256 !== null) return row;
  const batch = await sealable(deps.db, { only: { agencyId, ids: [id] }, limit: 1 });
  if (batch.length === 0) return null;
  await sealBatch(deps, batch);
  return (await documentRow(deps.db, scope, id)) ?? null;
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
