import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PDF for printing (issue 5 item 5) through LibreOffice, only where it is installed: `soffice --headless
 * --convert-to pdf`. The .docx is always the document; the PDF is a rendering of it. Each conversion runs
 * in a profile directory of its own, so conversions in parallel do not fight over one user profile.
 */
const run = promisify(execFile);

let found: Promise<string | null> | undefined;

/** The LibreOffice binary (SOFFICE, else `soffice` or `libreoffice` on the PATH), or null. */
export function findSoffice(): Promise<string | null> {
  found ??= (async () => {
    for (const candidate of [process.env.SOFFICE, 'soffice', 'libreoffice']) {
      if (!candidate) continue;
      try {
        await run(candidate, ['--version'], { timeout: 30_000 });
        return candidate;
      } catch {
        // not this one
      }
    }
    return null;
  })();
  return found;
}

/**
 * Converts several .docx to PDF in ONE LibreOffice process (`--convert-to pdf --outdir D a.docx b.docx …`):
 * its start (~1 s, more with a fresh profile) is paid once, not per document. The PDFs come back in the
 * order given. The process has a profile directory of its own, so batches in parallel stay apart. Throws
 * when LibreOffice is absent (check `findSoffice` first) or when it made no PDF of one of them.
 */
export async function docxsToPdfs(docxs: readonly Uint8Array[]): Promise<Buffer[]> {
  if (docxs.length === 0) return [];
  const soffice = await findSoffice();
  if (!soffice) throw new Error('LibreOffice is not installed');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sanxiang-pdf-'));
  try {
    const names = docxs.map((_, i) => `document-${String(i + 1).padStart(4, '0')}`);
    const inputs = names.map((name) => path.join(dir, `${name}.docx`));
    await Promise.all(docxs.map((docx, i) => fs.promises.writeFile(inputs[i]!, docx)));
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...inputs,
      ],
      // A minute for starting, and a few seconds more for each document.
      { timeout: 120_000 + 10_000 * docxs.length },
    );
    return await Promise.all(
      names.map(async (name, i) => {
        try {
          return await fs.promises.readFile(path.join(dir, `${name}.pdf`));
        } catch (err) {
          throw new Error(`LibreOffice made no PDF of document ${i + 1} of ${docxs.length}`, { cause: err });
        }
      }),
    );
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Converts .docx bytes to PDF bytes. Throws when LibreOffice is absent (check `findSoffice` first). */
export async function docxToPdf(docx: Uint8Array): Promise<Buffer> {
  return (await docxsToPdfs([docx]))[0]!;
}
