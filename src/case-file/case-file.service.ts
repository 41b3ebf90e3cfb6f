import { createHash } from 'node:crypto';
import { buffer as readAll } from 'node:stream/consumers';
import PizZip from 'pizzip';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { runCommand, type Actor } from '../platform/audit/command.ts';
import { chinaDate } from '../platform/clock.ts';
import { ownAgency, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { inclusionProofFor } from '../platform/record-log/log.service.ts';
import { latestCheckpoint } from '../platform/record-log/log.store.ts';
import { specOf, isDocumentType, type DocumentType } from '../documents/document-types.ts';
import { issueDocument } from '../documents/document-issue.service.ts';
import { sealPendingDocuments } from '../documents/document-seal.service.ts';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { chineseDate } from '../documents/format.rules.ts';
import { documentsOfSubject } from '../documents/documents.store.ts';
import { caseFilePdf } from './case-file-pdf.ts';
import { renderingsFor } from './case-file-renderings.service.ts';
import { agencyOf, caseTitleIn, fileEntryIndex, subjectEvidence } from './case-file.store.ts';
import {
  estimateDocxPages,
  inPrescribedOrder,
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  paginate,
  type Manifest,
  type ManifestItem,
  type Section,
} from './case-file.rules.ts';
import { evidenceKindLabels } from '../records/evidence.rules.ts';

/**
 * The electronic case file of a subject (a case id, or any subject documents were issued for).
 *
 * Assembling (a command) issues the file's own documents — cover, index with page numbers, evidence list,
 * notes sheet — over the documents and evidence the subject has now. Exporting writes a zip of every item
 * in the prescribed order with `manifest.json`: each item's SHA-256, the record-log entry that committed
 * that digest and its inclusion proof in the tree of the latest signed checkpoint, which travels in the
 * manifest with the instance's verifier key, and (where LibreOffice is installed) one PDF of the documents,
 * joined from renderings each made once (case-file-renderings.service.ts). `sanxiang verify-file` checks
 * it all offline.
 */
type DocumentRow = Row<'issued_documents'>;
type EvidenceRow = Row<'evidence_files'>;

const FILE_TYPES: readonly DocumentType[] = [
  'case_file_cover',
  'case_file_index',
  'evidence_list',
  'case_file_notes',
];
const isFileType = (type: string) => (FILE_TYPES as readonly string[]).includes(type);

export interface Subject {
  agencyId: string;
  subjectType: string;
  subjectId: string;
  /** What the cover and the CLI call the case (its case number, or the subject id until cases exist). */
  caseNumber: string;
}

interface Contents {
  documents: DocumentRow[];
  evidence: EvidenceRow[];
  /** The latest document of each case-file type, if the file was assembled. */
  assembly: Map<DocumentType, DocumentRow>;
}

async function contentsOf(db: Db | Transaction<DB>, subject: Subject): Promise<Contents> {
  const scope = ownAgency(subject.agencyId);
  const rows = await documentsOfSubject(db, scope, subject);
  const assembly = new Map<DocumentType, DocumentRow>();
  for (const r of rows) if (isFileType(r.type)) assembly.set(r.type as DocumentType, r);
  const evidence = await subjectEvidence(db, scope, subject);
  return { documents: rows.filter((r) => !isFileType(r.type)), evidence, assembly };
}

const titleOf = (type: string) => (isDocumentType(type) ? specOf(type).title : type);

const listedIds = (doc: DocumentRow | undefined): string[] =>
  (doc?.data.rows ?? []).flatMap((r) => (r.id ? [r.id] : []));

/**
 * Whether the subject's case file is assembled and still lists exactly its documents and evidence: what
 * the archive step asks (行政处罚法 §47; 卷宗封面、卷内文件目录、卷内备考表 are the archive's documents).
 * Reads through the command's transaction when given one.
 */
export async function caseFileAssembled(
  db: Db | Transaction<DB>,
  subject: Omit<Subject, 'caseNumber'>,
): Promise<boolean> {
  return isCurrent(await contentsOf(db, { ...subject, caseNumber: '' }));
}

/** Whether the assembled file still lists exactly the subject's documents and evidence. */
function isCurrent(c: Contents): boolean {
  const index = c.assembly.get('case_file_index');
  const list = c.assembly.get('evidence_list');
  if (!index || !list || !c.assembly.get('case_file_cover') || !c.assembly.get('case_file_notes'))
    return false;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    same(
      listedIds(index).filter((id) => id !== 'evidence_list' && id !== 'notes'),
      c.documents.map((d) => d.id),
    ) &&
    same(
      listedIds(list),
      c.evidence.map((e) => e.id),
    )
  );
}

async function docxPages(deps: DocumentsDeps, sha256: string): Promise<number> {
  const bytes = await readAll(deps.blobs.read(sha256));
  return estimateDocxPages(new PizZip(bytes).file('word/document.xml')?.asText() ?? '');
}

/**
 * Each document's pages: the page count of its PDF rendering where LibreOffice is installed (made now in
 * one process, and kept for the export: case-file-renderings.service.ts), else the estimate from its
 * .docx (case-file.rules.ts `estimateDocxPages`).
 */
async function pagesOf(deps: DocumentsDeps, agencyId: string, sealed: readonly string[]): Promise<number[]> {
  const renderings = await renderingsFor(
    deps,
    agencyId,
    sealed.map((sha256) => ({ sha256 })),
  );
  if (renderings) return sealed.map((sha256) => renderings.get(sha256)!.pages);
  return Promise.all(sealed.map((sha256) => docxPages(deps, sha256)));
}

/**
 * 案由 on the cover: the case's title (the cases area names a case by its cause); for a subject that is not
 * a case of the agency, the case name a document gives, if any.
 */
async function causeOf(deps: DocumentsDeps, subject: Subject, documents: readonly DocumentRow[]) {
  const title =
    subject.subjectType === 'case' && z.uuid().safeParse(subject.subjectId).success
      ? await caseTitleIn(deps.db, ownAgency(subject.agencyId), subject.subjectId)
      : undefined;
  // A subject that is not a case (an inspection): the case name a document gives, else what it is called.
  return title ?? documents.map((d) => d.data.fields.caseName).find(Boolean) ?? subject.caseNumber;
}

/**
 * 保管期限 on the cover. The agency's retention rules (src/records/retention.rules.ts) set periods per kind
 * of evidence file (photo, audio, video, scan), not per kind of case, and no other rule here gives a case
 * file's period: the cover keeps the 长期 it printed before, the period the agency's archive practice
 * gives its penalty case files [local]. An agency rule per kind of case, once the records area has one,
 * takes its place here.
 */
const CASE_FILE_RETENTION = '长期';

const kindLabels: Readonly<Record<string, string>> = evidenceKindLabels;

function unsealed(doc: DocumentRow): AppError {
  return new AppError('DOCUMENT_NOT_SEALED', {
    detail: `文书 ${doc.number}（${titleOf(doc.type)}）尚未写入记录日志，请稍后再试`,
  });
}

/**
 * Assembles the case file (issues its cover, index, evidence list and notes sheet in one command) unless
 * the latest assembly still lists the subject's documents and evidence. Returns whether it assembled.
 */
export async function assembleCaseFile(
  deps: DocumentsDeps,
  actor: Actor,
  subject: Subject,
): Promise<boolean> {
  // Page numbers come from the sealed files: seal whatever the log already holds.
  await sealPendingDocuments(deps);
  const contents = await contentsOf(deps.db, subject);
  if (isCurrent(contents)) return false;
  if (contents.documents.length === 0) {
    throw new AppError('NOT_FOUND', { detail: `${subject.caseNumber} 没有任何文书，无法组卷` });
  }
  const sealed = contents.documents.map((doc) => {
    if (!doc.sha256) throw unsealed(doc);
    return doc.sha256;
  });
  const pages = await pagesOf(deps, subject.agencyId, sealed);
  const cause = await causeOf(deps, subject, contents.documents);
  const listPages = Math.max(1, Math.ceil(contents.evidence.length / 15));
  const numbered = paginate<{ section: Section; pages: number; id: string }>([
    ...contents.documents.map((d, i) => ({ section: 'document' as const, pages: pages[i]!, id: d.id })),
    { section: 'evidence_list', pages: listPages, id: 'evidence_list' },
    { section: 'notes', pages: 1, id: 'notes' },
  ]);
  const range = (i: number) => {
    const r = numbered[i]!.range!;
    return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
  };
  const dates = contents.documents.map((d) => d.data.date ?? chinaDate(d.issued_at)).sort();
  const party = contents.documents.flatMap((d) => d.data.parties)[0]?.name ?? '';
  const total = numbered.reduce((n, item) => Math.max(n, item.range?.to ?? 0), 0);
  const base = { agencyId: subject.agencyId, subjectType: subject.subjectType, subjectId: subject.subjectId };
  await runCommand(deps, actor, async (ctx) => {
    const today = chinaDate(ctx.now);
    await issueDocument(ctx, {
      ...base,
      type: 'case_file_cover',
      data: {
        fields: {
          caseName: cause,
          partyName: party,
          caseNumber: subject.caseNumber,
          period: `${chineseDate(dates[0]!)}至${chineseDate(dates[dates.length - 1]!)}`,
          pages: `${total}页`,
          retention: CASE_FILE_RETENTION,
        },
      },
    });
    await issueDocument(ctx, {
      ...base,
      type: 'case_file_index',
      data: {
        fields: { caseNumber: subject.caseNumber },
        rows: [
          ...contents.documents.map((d, i) => ({
            id: d.id,
            seq: String(i + 1),
            number: d.number,
            title: titleOf(d.type),
            date: chineseDate(d.data.date ?? chinaDate(d.issued_at)),
            pages: range(i),
          })),
          {
            id: 'evidence_list',
            seq: String(contents.documents.length + 1),
            number: '',
            title: '证据清单',
            date: chineseDate(today),
            pages: range(contents.documents.length),
          },
          {
            id: 'notes',
            seq: String(contents.documents.length + 2),
            number: '',
            title: '卷内备考表',
            date: chineseDate(today),
            pages: range(contents.documents.length + 1),
          },
        ],
      },
    });
    await issueDocument(ctx, {
      ...base,
      type: 'evidence_list',
      data: {
        fields: { caseNumber: subject.caseNumber },
        rows: contents.evidence.map((e, i) => ({
          id: e.id,
          seq: String(i + 1),
          name: e.filename ?? `${kindLabels[e.kind] ?? e.kind}证据`,
          kind: kindLabels[e.kind] ?? e.kind,
          date: chineseDate(chinaDate(e.captured_from ?? e.uploaded_at)),
          sha256: e.sha256,
        })),
      },
    });
    await issueDocument(ctx, {
      ...base,
      type: 'case_file_notes',
      data: {
        fields: {
          caseNumber: subject.caseNumber,
          notes: `本卷共有文书 ${contents.documents.length} 件，证据文件 ${contents.evidence.length} 件，共 ${total} 页。各文件的 SHA-256 摘要及记录日志包含证明见电子卷宗 manifest.json。`,
          compiledBy: '',
          checkedBy: '',
        },
      },
    });
    return null;
  });
  return true;
}

/** The one PDF in the zip, when made. */
const PDF_PATH = 'case-file.pdf';

/**
 * .docx, PDF and images are compressed already: stored as they are (deflating them again costs time and
 * saves next to nothing). The manifest is text, and deflated.
 */
const STORED = { binary: true, compression: 'STORE' } as const;

/** File names inside the zip: the sequence, then a readable title; nothing a file system would refuse. */
const safe = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

async function proofOf(
  db: Db,
  scope: OwnAgency,
  sha256: string,
  size: number,
  label: string,
): Promise<ManifestItem['proof']> {
  const index = await fileEntryIndex(db, scope, sha256, size);
  if (index === null) {
    throw new AppError('DOCUMENT_NOT_SEALED', { detail: `${label} 尚未写入记录日志，请稍后再试` });
  }
  const proof = await inclusionProofFor(db, index, size);
  return { index: proof.index, entry: proof.entry, hashes: proof.proof };
}

export interface ExportOptions {
  /** The verifier keys of this instance's record log, embedded in the manifest. */
  verifierKeys: readonly string[];
  origin: string;
  now: Date;
}

/** The zip of an assembled case file. Refuses a file that is not assembled, sealed and in the log. */
export async function exportCaseFile(
  deps: DocumentsDeps,
  subject: Subject,
  options: ExportOptions,
): Promise<Buffer> {
  await sealPendingDocuments(deps);
  const contents = await contentsOf(deps.db, subject);
  if (!isCurrent(contents)) {
    throw new AppError('CONFLICT', { detail: '卷宗尚未组卷，或组卷后又有新的文书或证据，请先组卷' });
  }
  const checkpoint = await latestCheckpoint(deps.db);
  if (!checkpoint) throw new AppError('DOCUMENT_NOT_SEALED', { detail: '记录日志尚未生成检查点' });
  const agency = await agencyOf(deps.db, subject.agencyId);
  const scope = ownAgency(subject.agencyId);

  const docs = [
    { section: 'cover' as const, doc: contents.assembly.get('case_file_cover')! },
    { section: 'index' as const, doc: contents.assembly.get('case_file_index')! },
    ...contents.documents.map((doc) => ({ section: 'document' as const, doc })),
    { section: 'evidence_list' as const, doc: contents.assembly.get('evidence_list')! },
    { section: 'notes' as const, doc: contents.assembly.get('case_file_notes')! },
  ];
  const pageOf = new Map<string, string>();
  for (const row of contents.assembly.get('case_file_index')!.data.rows) {
    if (row.id && row.pages) pageOf.set(row.id, row.pages);
  }
  const zip = new PizZip();
  const items: ManifestItem[] = [];
  const docxBytes = new Map<string, Buffer>();
  const ordered = inPrescribedOrder([
    ...docs.map((d) => ({ ...d, evidence: null })),
    ...contents.evidence.map((e) => ({ section: 'evidence' as const, doc: null, evidence: e })),
  ]);
  for (const item of ordered) {
    const seq = items.length + 1;
    const prefix = String(seq).padStart(3, '0');
    if (item.doc) {
      const doc = item.doc;
      if (!doc.sha256) throw unsealed(doc);
      const bytes = await readAll(deps.blobs.read(doc.sha256));
      docxBytes.set(doc.sha256, bytes);
      const path = `${prefix}-${safe(titleOf(doc.type))}-${safe(doc.number)}.docx`;
      const pages = pageOf.get(
        item.section === 'evidence_list' ? 'evidence_list' : item.section === 'notes' ? 'notes' : doc.id,
      );
      const [from, to] = (pages ?? '').split('-').map(Number);
      zip.file(path, bytes, { ...STORED, date: doc.sealed_at ?? doc.issued_at });
      items.push({
        seq,
        section: item.section,
        path,
        title: titleOf(doc.type),
        number: doc.number,
        sha256: doc.sha256,
        size: bytes.length,
        pages: from ? { from, to: to ?? from } : null,
        proof: await proofOf(deps.db, scope, doc.sha256, checkpoint.size, `文书 ${doc.number}`),
      });
    } else if (item.evidence) {
      const e = item.evidence;
      const bytes = await readAll(deps.blobs.read(e.sha256));
      if (createHash('sha256').update(bytes).digest('hex') !== e.sha256) {
        throw new AppError('EVIDENCE_CONTENT_MISSING', { detail: `证据文件 ${e.id} 的内容与其摘要不符` });
      }
      const path = `evidence/${prefix}-${safe(e.filename ?? e.id)}`;
      zip.file(path, bytes, { ...STORED, date: e.uploaded_at });
      items.push({
        seq,
        section: 'evidence',
        path,
        title: e.filename ?? `${kindLabels[e.kind] ?? e.kind}证据`,
        number: null,
        sha256: e.sha256,
        size: bytes.length,
        pages: null,
        proof: await proofOf(deps.db, scope, e.sha256, checkpoint.size, `证据文件 ${e.filename ?? e.id}`),
      });
    }
  }
  // One PDF of the documents, in the file's order, where LibreOffice can render them: each rendering made
  // once (the file's own documents at their first export, the others when the file was assembled).
  const pdf = await caseFilePdf(
    deps,
    subject.agencyId,
    items
      .filter((i) => i.section !== 'evidence')
      .map((i) => ({ sha256: i.sha256, bytes: docxBytes.get(i.sha256) })),
  );
  if (pdf) zip.file(PDF_PATH, pdf, { ...STORED, date: options.now });
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    subject: { type: subject.subjectType, id: subject.subjectId },
    caseNumber: subject.caseNumber,
    agency: { name: agency.name, creditCode: agency.credit_code },
    exportedAt: options.now.toISOString(),
    log: { origin: options.origin, checkpoint: checkpoint.note, verifierKeys: [...options.verifierKeys] },
    items,
    ...(pdf
      ? { pdf: { path: PDF_PATH, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length } }
      : {}),
  };
  zip.file(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`, { date: options.now });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
