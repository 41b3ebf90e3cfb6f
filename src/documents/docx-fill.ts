import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import QRCode from 'qrcode';
import { modulesPng } from './png.ts';
import type { ImageSlot } from './templates/build-templates.ts';

/**
 * Filling a .docx template: docxtemplater replaces the `{tags}` (and repeats `{#rows}` table rows), then
 * each picture whose alt text names a slot (`sx:qr`, `sx:sign-party`, …) gets the slot's PNG bytes in
 * place of its placeholder picture — the frame's size and position stay the template's. A slot the
 * template lacks is skipped (the verification code is printed as text in any case).
 */
export type TemplateView = Record<string, string | Record<string, string>[]>;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

function compile(template: Uint8Array): { doc: Docxtemplater; zip: PizZip } {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw new TemplateError('不是有效的 .docx 文件');
  }
  if (!zip.file('word/document.xml'))
    throw new TemplateError('不是有效的 .docx 文件（缺少 word/document.xml）');
  try {
    const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, nullGetter: () => '' });
    return { doc, zip };
  } catch (err) {
    const errors = (err as { properties?: { errors?: { properties?: { explanation?: string } }[] } })
      .properties?.errors;
    const first = errors?.[0]?.properties?.explanation ?? (err as Error).message;
    throw new TemplateError(`模板占位符有误：${first}`);
  }
}

/** Checks an uploaded template compiles; returns the tags it uses (for the upload's answer). */
export function templateTags(template: Uint8Array): string[] {
  const { zip } = compile(template);
  const xml = zip
    .file('word/document.xml')!
    .asText()
    .replace(/<[^>]+>/g, '');
  return [...new Set([...xml.matchAll(/\{([#/]?[A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))];
}

/** The media file (path in the zip) of each picture whose alt text (name or descr) is a slot name. */
function slotMedia(zip: PizZip): Map<string, string> {
  const xml = zip.file('word/document.xml')?.asText() ?? '';
  const rels = zip.file('word/_rels/document.xml.rels')?.asText() ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  const found = new Map<string, string>();
  for (const drawing of xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)) {
    const docPr = /<wp:docPr\b[^>]*>/.exec(drawing[0])?.[0] ?? '';
    const name = /\b(?:descr|name)="(sx:[a-z0-9-]+)"/.exec(docPr)?.[1];
    const embed = /r:embed="([^"]+)"/.exec(drawing[0])?.[1];
    const target = embed && targets.get(embed);
    if (name && target) found.set(name, target);
  }
  return found;
}

export function fillDocx(
  template: Uint8Array,
  view: TemplateView,
  images: Partial<Record<ImageSlot, Uint8Array>>,
): Buffer {
  const { doc, zip } = compile(template);
  try {
    doc.render(view);
  } catch (err) {
    throw new TemplateError(`模板无法填写：${(err as Error).message}`);
  }
  const media = slotMedia(zip);
  for (const [slot, bytes] of Object.entries(images)) {
    const target = media.get(slot);
    if (target && bytes) zip.file(target, bytes, { binary: true });
  }
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Quiet zone around a QR code, in modules (ISO/IEC 18004 asks for 4; the document's margin adds to it). */
const QR_MARGIN = 2;

/** The QR image of a verification code (error correction M survives a smudged print). */
export function qrPng(text: string): Promise<Buffer> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = n + 2 * QR_MARGIN;
  const dark = (x: number, y: number) => {
    const mx = x - QR_MARGIN;
    const my = y - QR_MARGIN;
    return mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
  };
  return Promise.resolve(modulesPng(size, dark, 8));
}
