import { PDFDocument } from 'pdf-lib';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { renderingBytes, renderingsFor, type Renderable } from './case-file-renderings.service.ts';

/**
 * The case file as one PDF for printing (issue 5 item 8), where LibreOffice is installed: each document's
 * rendering (made once, case-file-renderings.service.ts), joined in the file's order (pdf-lib). A
 * rendering, not a record: the items themselves (.docx, with their proofs) are what the manifest commits
 * to. The same documents make the same PDF, byte for byte.
 */
export async function mergePdfs(pdfs: readonly Uint8Array[]): Promise<{ bytes: Buffer; pages: number[] }> {
  const merged = await PDFDocument.create();
  const pages: number[] = [];
  for (const pdf of pdfs) {
    const source = await PDFDocument.load(pdf);
    const copied = await merged.copyPages(source, source.getPageIndices());
    for (const page of copied) merged.addPage(page);
    pages.push(copied.length);
  }
  // Fixed dates: the same documents make the same PDF.
  merged.setCreationDate(new Date(0));
  merged.setModificationDate(new Date(0));
  merged.setProducer('sanxiang');
  return { bytes: Buffer.from(await merged.save()), pages };
}

/** One PDF of the agency's sealed documents in order, or null where LibreOffice is not installed. */
export async function caseFilePdf(
  deps: DocumentsDeps,
  agencyId: string,
  docs: readonly Renderable[],
): Promise<Buffer | null> {
  const renderings = await renderingsFor(deps, agencyId, docs);
  if (!renderings) return null;
  const pdfs = await Promise.all(docs.map((d) => renderingBytes(deps, renderings.get(d.sha256)!)));
  return (await mergePdfs(pdfs)).bytes;
}
