/**
 * The electronic case file (电子卷宗, issue 5 item 8), pure parts: the prescribed order of its items and
 * their page numbers, and the shape of the manifest that travels with an export.
 *
 * Order (market-regulation case-file practice, 市场监督管理行政处罚案件立卷归档规定 style): cover (卷宗封面),
 * index (卷内文件目录), the documents in the order they were made, the evidence list (证据清单), the notes
 * sheet (卷内备考表). Pages are numbered from the first document on; the cover and the index carry none.
 */
export type Section = 'cover' | 'index' | 'document' | 'evidence_list' | 'notes' | 'evidence';

export const SECTION_ORDER: readonly Section[] = [
  'cover',
  'index',
  'document',
  'evidence_list',
  'notes',
  'evidence',
];

export interface Pages {
  from: number;
  to: number;
}

export interface Paginable {
  section: Section;
  pages: number;
}

/**
 * Page ranges for items in the prescribed order: cover and index unnumbered, evidence files (media,
 * listed on the evidence list) unnumbered; everything else numbered consecutively from 1.
 */
export function paginate<T extends Paginable>(items: readonly T[]): (T & { range: Pages | null })[] {
  let next = 1;
  return items.map((item) => {
    if (item.section === 'cover' || item.section === 'index' || item.section === 'evidence') {
      return { ...item, range: null };
    }
    const range = { from: next, to: next + Math.max(1, item.pages) - 1 };
    next = range.to + 1;
    return { ...item, range };
  });
}

/** Sorts items into the prescribed order, keeping the given order inside a section. */
export function inPrescribedOrder<T extends { section: Section }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
}

/**
 * Pages of a .docx without rendering it: one plus each hard page break in the body. A fair count for the
 * shipped templates (each fits its text to pages only by breaks it writes); where LibreOffice is
 * installed the PDF's own page count is used instead.
 */
export function estimateDocxPages(documentXml: string): number {
  const breaks = documentXml.match(
    /<w:br\b[^>]*w:type="page"[^>]*\/>|<w:pageBreakBefore\b(?![^>]*w:val="(?:0|false)")[^>]*\/>/g,
  );
  // A long body flows onto more pages: about 1,200 characters of 三号 text fill one A4 page.
  const text = documentXml.replace(/<[^>]+>/g, '').length;
  return Math.max(1 + (breaks?.length ?? 0), Math.ceil(text / 1200));
}

/** The manifest's shape (format `sanxiang-case-file/1`), written by the export and read by verify-file. */
export interface ManifestItem {
  seq: number;
  section: Section;
  path: string;
  title: string;
  number: string | null;
  sha256: string;
  size: number;
  pages: Pages | null;
  /** The record-log entry committing the file's SHA-256, and its inclusion proof in the checkpoint's tree. */
  proof: { index: number; entry: string; hashes: string[] };
}

export interface Manifest {
  format: 'sanxiang-case-file/1';
  subject: { type: string; id: string };
  caseNumber: string;
  agency: { name: string; creditCode: string };
  exportedAt: string;
  log: { origin: string; checkpoint: string; verifierKeys: string[] };
  items: ManifestItem[];
  /**
   * The documents as one PDF (where LibreOffice is installed): each document's rendering (made once, and
   * kept) joined at export, checked against its digest here but not itself in the record log.
   */
  pdf?: { path: string; sha256: string; size: number };
}

export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_FORMAT = 'sanxiang-case-file/1';
