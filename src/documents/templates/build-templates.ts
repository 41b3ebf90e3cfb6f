import fs from 'node:fs';
import path from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import PizZip from 'pizzip';
import { documentTypeCodes, specOf, type DocumentType } from '../document-types.ts';
import { solidPng } from '../png.ts';

/**
 * The templates shipped with the project, one .docx per document type, made by code with the `docx`
 * package so anyone can see and regenerate exactly what they hold: `node --import tsx
 * src/documents/templates/build-templates.ts` writes them to `templates/` (committed, so an issued
 * document's template digest stays the same across installs; the bytes are reproducible, see
 * `normaliseDocx`).
 * Agencies replace any of them by uploading their own .docx with the same placeholders
 * (docs/documents.md lists them).
 *
 * Placeholders are docxtemplater tags `{name}`; pictures are found by their alt text (`sx:qr`, the
 * signature slots), which any Word user can set on a picture of their own template.
 */
export const IMAGE_SLOTS = ['sx:qr', 'sx:sign-party', 'sx:sign-officer-1', 'sx:sign-officer-2'] as const;
export type ImageSlot = (typeof IMAGE_SLOTS)[number];

export const templatesDir = path.resolve(import.meta.dirname, '../../../templates');
export const templatePath = (type: DocumentType): string => path.join(templatesDir, `${type}.docx`);

const FONT = '仿宋';
/** 三号 (16 pt), half-points: the body size of official documents (GB/T 9704-2012). */
const BODY = 32;
/** 四号 (14 pt): the size of forms (审批表, 回证, 封面) so that one fits its page. */
const FORM = 28;

interface Look {
  size: number;
  /** Space after a paragraph, twentieths of a point. */
  after: number;
}

const text = (value: string, look: Look, options: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? look.size, bold: options.bold ?? false });

const line = (value: string, look: Look, align: 'left' | 'center' | 'right' = 'left', bold = false) =>
  new Paragraph({
    alignment:
      align === 'center'
        ? AlignmentType.CENTER
        : align === 'right'
          ? AlignmentType.RIGHT
          : AlignmentType.LEFT,
    spacing: { after: look.after },
    children: [text(value, look, { bold })],
  });

/** A labelled field: the label in bold, the value a placeholder (multi-line values keep their breaks). */
const field = (label: string, tag: string, look: Look) =>
  new Paragraph({
    spacing: { after: look.after },
    children: [text(`${label}：`, look, { bold: true }), text(`{${tag}}`, look)],
  });

/** A paragraph of the body (the decision's prescribed paragraphs): no label, first line indented 2 characters. */
const paragraph = (tag: string, look: Look) =>
  new Paragraph({
    spacing: { after: look.after, line: 420 },
    indent: { firstLine: look.size * 20 },
    children: [text(`{${tag}}`, look)],
  });

/** Distinct placeholder colours, so each slot's picture is its own media file. */
const SLOT_COLOURS: Record<ImageSlot, [number, number, number]> = {
  'sx:qr': [200, 200, 200],
  'sx:sign-party': [230, 230, 230],
  'sx:sign-officer-1': [231, 231, 231],
  'sx:sign-officer-2': [232, 232, 232],
};

const picture = (slot: ImageSlot, width: number, height: number) =>
  new ImageRun({
    type: 'png',
    data: solidPng(8, 8, SLOT_COLOURS[slot]),
    transformation: { width, height },
    altText: { name: slot, description: slot, title: slot },
  });

const cell = (value: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text: value, font: FONT, size: 21, bold })] })],
  });

function table(columns: readonly { key: string; label: string }[]): Table {
  const last = columns.length - 1;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.label, true)) }),
      // docxtemplater repeats a table row whose first cell opens a loop and last cell closes it.
      new TableRow({
        children: columns.map((c, i) =>
          cell(`${i === 0 ? '{#rows}' : ''}{${c.key}}${i === last ? '{/rows}' : ''}`),
        ),
      }),
    ],
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const noBorders = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

/**
 * The foot of every document: the verification QR and code on the left, the agency and date (where the
 * seal goes) on the right, side by side in one borderless row — so a one-page form keeps them on its page.
 */
function foot(look: Look): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              new Paragraph({ children: [picture('sx:qr', 80, 80)] }),
              new Paragraph({
                children: [new TextRun({ text: '核验码：{verificationCode}', font: FONT, size: 18 })],
              }),
              new Paragraph({
                children: [
                  new TextRun({
                    text: '凭核验码或扫描二维码，可在本机关公示网站“记录核验”页查验本文书是否经本平台记录。',
                    font: FONT,
                    size: 15,
                  }),
                ],
              }),
            ],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              new Paragraph({
                spacing: { before: 240 },
                alignment: AlignmentType.RIGHT,
                children: [text('{agencyName}', look)],
              }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [text('（印章）', look)] }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [text('{sealDate}', look)] }),
            ],
          }),
        ],
      }),
    ],
  });
}

function signatures(look: Look): FileChild[] {
  return [
    new Paragraph({
      spacing: { before: 120, after: look.after },
      children: [
        text('当事人（签名）：', look, { bold: true }),
        picture('sx:sign-party', 120, 48),
        text('{partyRefusal}', look),
      ],
    }),
    new Paragraph({
      spacing: { after: look.after },
      children: [
        text('执法人员（签名）：', look, { bold: true }),
        picture('sx:sign-officer-1', 120, 48),
        text('  ', look),
        picture('sx:sign-officer-2', 120, 48),
      ],
    }),
  ];
}

/**
 * One type's template, in the order of the 2021 format: the agency, title and number; the party with
 * every element the case holds; the officers with their certificates; the fields — labelled lines, or
 * for a decision the prescribed paragraphs without labels; the bases and the amount in figures and in
 * capitals; the table; the signatures of a written record; the foot with the seal's place and the code.
 */
function body(type: DocumentType): FileChild[] {
  const spec = specOf(type);
  const look: Look = spec.onePage === true ? { size: FORM, after: 60 } : { size: BODY, after: 120 };
  const children: FileChild[] = [
    line('{agencyName}', look, 'center', true),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: spec.onePage === true ? 120 : 240 },
      children: [text(spec.title, look, { bold: true, size: spec.onePage === true ? 36 : 44 })],
    }),
    line('{number}', look, 'right'),
  ];
  if (spec.party === true || spec.party === 'optional') children.push(field('当事人', 'partiesText', look));
  if (spec.officers === true) children.push(field('执法人员', 'officersText', look));
  for (const f of spec.fields)
    children.push(f.paragraph === true ? paragraph(`f_${f.key}`, look) : field(f.label, `f_${f.key}`, look));
  if (spec.bases === true) children.push(field('法律依据', 'basesText', look));
  if (spec.amount === true) {
    children.push(
      new Paragraph({
        spacing: { after: look.after },
        children: [text('金额：', look, { bold: true }), text('{amountText}', look)],
      }),
    );
  }
  if (spec.table) children.push(table(spec.table.columns));
  if (spec.signatures === true) children.push(...signatures(look));
  children.push(foot(look));
  return children;
}

/** A fixed time for every part of a shipped template, so its bytes do not depend on when it was built. */
const BUILT_AT = new Date('2026-01-01T00:00:00Z');

/**
 * Rewrites a .docx so its bytes depend only on its content: every zip entry dated BUILT_AT, the core
 * properties' created/modified times fixed, media files named image1.png, image2.png, … in the order
 * the relationships list them (docx names them at random).
 */
export function normaliseDocx(bytes: Uint8Array): Buffer {
  const zip = new PizZip(bytes);
  const rels = zip.file('word/_rels/document.xml.rels')?.asText() ?? '';
  const renames = new Map<string, string>();
  for (const m of rels.matchAll(/Target="media\/([^"]+)"/g)) {
    const from = m[1]!;
    if (!renames.has(from)) renames.set(from, `image${renames.size + 1}${path.extname(from)}`);
  }
  const out = new PizZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    let target = name;
    let content: string | Uint8Array = entry.asUint8Array();
    if (name.startsWith('word/media/'))
      target = `word/media/${renames.get(name.slice(11)) ?? name.slice(11)}`;
    if (name === 'word/_rels/document.xml.rels') {
      content = rels.replace(
        /Target="media\/([^"]+)"/g,
        (_, f: string) => `Target="media/${renames.get(f) ?? f}"`,
      );
    }
    if (name === 'docProps/core.xml') {
      content = entry
        .asText()
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${BUILT_AT.toISOString().slice(0, 19)}Z`);
    }
    out.file(target, content, { date: BUILT_AT, binary: typeof content !== 'string' });
  }
  return out.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function buildTemplate(type: DocumentType): Promise<Buffer> {
  const spec = specOf(type);
  const document = new Document({
    creator: 'sanxiang',
    title: spec.title,
    description: `sanxiang 文书模板：${spec.title}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: body(type),
      },
    ],
  });
  return normaliseDocx(await Packer.toBuffer(document));
}

/** Run as a script: writes every shipped template to templates/. */
async function main(): Promise<void> {
  fs.mkdirSync(templatesDir, { recursive: true });
  for (const type of documentTypeCodes) {
    fs.writeFileSync(templatePath(type), await buildTemplate(type));
  }
  console.log(`wrote ${documentTypeCodes.length} templates to ${templatesDir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
