import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergePdfs } from './case-file-pdf.ts';

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

describe('one PDF of the case file', () => {
  it('joins the renderings in order and counts each one’s pages', async () => {
    const { bytes, pages } = await mergePdfs([await pdfOf(1), await pdfOf(3), await pdfOf(2)]);
    expect(pages).toEqual([1, 3, 2]);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(6);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
