import { PDFDocument } from 'pdf-lib';
import { docxToPdf, findSoffice } from '../documents/pdf.ts';

/**
 * The case file as one PDF for printing (issue 5 item 8), where LibreOffice is installed: each document
 * rendered by LibreOffice, then the renderings joined in the file's order (pdf-lib). A rendering, not a
 * record: the items themselves (.docx, with their proofs) are what the manifest commits to.
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

/** One PDF of the documents in order, or null where LibreOffice is not installed. */
export async function caseFilePdf(docxs: readonly Uint8Array[]): Promise<Buffer | null> {
  if (!(await findSoffice())) return null;
  const pdfs: Buffer[] = [];
  for (const docx of docxs) pdfs.push(await docxToPdf(docx));
  return (await mergePdfs(pdfs)).bytes;
}
