import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { runCommand, systemActor } from '../platform/audit/command.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { blobBytes, hex } from '../documents/document-blobs.ts';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { docxsToPdfs, findSoffice } from '../documents/pdf.ts';
import type { StagedBlob } from '../records/blob-store.ts';
import { insertRenderings, renderingsOf, type RenderingRow } from './case-file-renderings.store.ts';

/**
 * PDF renderings of sealed documents, made once (issue 12 item 10). A sealed .docx never changes — the
 * blob store keeps it under its SHA-256 — so its LibreOffice rendering is made the first time it is
 * needed (assembling the case file, which wants real page counts; or exporting it) and kept in the blob
 * store with its page count (table `document_renderings`). Every rendering missing at once is made in ONE
 * LibreOffice process (src/documents/pdf.ts `docxsToPdfs`). The .docx stays the document; the PDF is a
 * rendering of it, not in the record log.
 */

const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** A sealed document to render: its .docx's SHA-256, and its bytes when the caller has them already. */
export interface Renderable {
  sha256: string;
  bytes?: Uint8Array;
}

/** A command that found every rendering written meanwhile: nothing to write, nothing to record. */
class WrittenMeanwhile extends Error {}

async function pagesOf(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

/**
 * The agency's renderings of the documents, by .docx SHA-256, the missing ones made now; null when some
 * are missing and LibreOffice is not installed.
 */
export async function renderingsFor(
  deps: DocumentsDeps,
  agencyId: string,
  docs: readonly Renderable[],
): Promise<Map<string, RenderingRow> | null> {
  const scope = ownAgency(agencyId);
  const kept = await renderingsOf(
    deps.db,
    scope,
    docs.map((d) => d.sha256),
  );
  const found = new Map(kept.map((r) => [r.docx_sha256, r]));
  const missing = [...new Map(docs.filter((d) => !found.has(d.sha256)).map((d) => [d.sha256, d])).values()];
  if (missing.length === 0) return found;
  if (!(await findSoffice())) return null;
  const docxs = await Promise.all(
    missing.map(async (d): Promise<Uint8Array> =>
      d.bytes && hex(d.bytes) === d.sha256 ? d.bytes : blobBytes(deps.blobs, d.sha256),
    ),
  );
  const pdfs = await docxsToPdfs(docxs);
  const staged: { docx: string; pages: number; blob: StagedBlob }[] = [];
  try {
    for (const [i, pdf] of pdfs.entries()) {
      const blob = await deps.blobs.stage(Readable.from([pdf]), {
        maxBytes: MAX_PDF_BYTES,
        sizeHint: pdf.length,
      });
      staged.push({ docx: missing[i]!.sha256, pages: await pagesOf(pdf), blob });
    }
    const byDocx = new Map(staged.map((s) => [s.docx, s]));
    const written = await runCommand(deps, systemActor, async (ctx) => {
      const rows = await insertRenderings(
        ctx.trx,
        scope,
        staged.map((s) => ({
          docx_sha256: s.docx,
          pdf_sha256: s.blob.sha256,
          pdf_size: s.blob.size,
          pages: s.pages,
          rendered_at: ctx.now,
        })),
      );
      if (rows.length === 0) throw new WrittenMeanwhile();
      await Promise.all(rows.map((r) => byDocx.get(r.docx_sha256)!.blob.commit()));
      for (const row of rows) {
        await ctx.record({
          kind: 'documents.rendered',
          agencyId,
          subjectType: 'document_rendering',
          subjectId: null,
          record: row,
        });
      }
      return rows;
    }).catch((err: unknown) => {
      if (err instanceof WrittenMeanwhile) return [];
      throw err;
    });
    for (const row of written) found.set(row.docx_sha256, row);
  } finally {
    for (const s of staged) await s.blob.discard();
  }
  // Renderings another process wrote meanwhile: theirs are the ones kept.
  if (docs.some((d) => !found.has(d.sha256))) {
    const theirs = await renderingsOf(
      deps.db,
      scope,
      missing.map((d) => d.sha256),
    );
    for (const r of theirs) found.set(r.docx_sha256, r);
  }
  return found;
}

/** The PDF bytes of a rendering, checked against its address. */
export function renderingBytes(deps: DocumentsDeps, rendering: RenderingRow): Promise<Buffer> {
  return blobBytes(deps.blobs, rendering.pdf_sha256);
}
