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

/** Converts .docx bytes to PDF bytes. Throws when LibreOffice is absent (check `findSoffice` first). */
export async function docxToPdf(docx: Uint8Array): Promise<Buffer> {
  const soffice = await findSoffice();
  if (!soffice) throw new Error('LibreOffice is not installed');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sanxiang-pdf-'));
  try {
    const input = path.join(dir, 'document.docx');
    await fs.promises.writeFile(input, docx);
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
    return await fs.promises.readFile(path.join(dir, 'document.pdf'));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
