import { type CommandDeps } from '../platform/audit/command.ts';
import { authorize, readableAgencies } from '../platform/auth/policy.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { agenciesScope } from '../platform/db/agency-scope.ts';
import { reachScopeOf } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { BlobStore } from '../records/blob-store.ts';
import { requireKnownCaseSubject } from '../cases/case-subject.ts';
import { blobBytes } from './document-blobs.ts';
import { sealDocument } from './document-seal.service.ts';
import { isDocumentType, specOf } from './document-types.ts';
import { documentsPolicy } from './documents.policy.ts';
import type { IssuedDocument } from './documents.schema.ts';
import { documentRow, documentsOfSubject } from './documents.store.ts';

/**
 * Issued documents (issue 5 item 5): their reads, and the deps of the area. Issuing takes two steps, because the verification code printed on a document is
 * the code of the record-log entry that records its issue, and an entry's index is only given when the
 * integrator takes it into the tree, after the issuing transaction commits:
 *
 *   1. `issueDocument(ctx, …)` (document-issue.service.ts) — inside any command (the cases service calls it in its own transaction):
 *      takes the next number of the type and year under the sequence row's lock, writes the document's
 *      data and template version, and records `documents.issued`.
 *   2. `sealDocument` (document-seal.service.ts) — once that entry has its index: fills the template (data, number, dates, amounts,
 *      the code as text and QR, signatures), stores the .docx in the blob store, writes its SHA-256 to the
 *      row (once; the table's trigger allows nothing else) and records `documents.sealed` with the file's
 *      plain SHA-256, so whoever holds the .docx finds it in the public log.
 * Sealing runs by itself for every integrated document (`sealPendingDocuments`: after each integration in
 * the server, before a case-file export) and on demand when a document is downloaded.
 */
export interface DocumentsDeps extends CommandDeps {
  blobs: BlobStore;
}

type DocumentRow = Row<'issued_documents'>;

export function toIssuedDocument(r: DocumentRow): IssuedDocument {
  return {
    id: r.id,
    agencyId: r.agency_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    type: r.type,
    title: isDocumentType(r.type) ? specOf(r.type).title : r.type,
    number: r.number,
    templateVersion: r.template_version,
    templateSha256: r.template_sha256,
    issuedAt: r.issued_at.toISOString(),
    issuedBy: r.issued_by,
    sealed: r.sha256 !== null,
    sha256: r.sha256,
    size: r.size,
    verificationCode: r.verification_code,
  };
}

/** The document within the principal's reach (NOT_FOUND outside it, FORBIDDEN without the role). */
async function readableDocument(deps: DocumentsDeps, principal: Principal, id: string): Promise<DocumentRow> {
  const row = await documentRow(deps.db, reachScopeOf(principal, documentsPolicy.read), id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(principal, documentsPolicy.read, row.agency_id);
  return row;
}

export async function getDocument(
  deps: DocumentsDeps,
  principal: Principal,
  id: string,
): Promise<IssuedDocument> {
  return toIssuedDocument(await readableDocument(deps, principal, id));
}

export async function listDocuments(
  deps: DocumentsDeps,
  principal: Principal,
  query: { subjectType: string; subjectId: string },
): Promise<IssuedDocument[]> {
  const agencies = readableAgencies(principal, documentsPolicy.read);
  await requireKnownCaseSubject(deps.db, agencies, query);
  if (agencies.length === 0) return [];
  const rows = await documentsOfSubject(deps.db, agenciesScope(agencies), query);
  return rows.map(toIssuedDocument);
}

/** The sealed .docx of a document (sealing it now if its entry is integrated). */
export async function documentContent(
  deps: DocumentsDeps,
  principal: Principal,
  id: string,
): Promise<{ document: DocumentRow; bytes: Buffer }> {
  const row = await readableDocument(deps, principal, id);
  const sealed = row.sha256 !== null ? row : await sealDocument(deps, row.agency_id, id);
  if (!sealed?.sha256) throw new AppError('DOCUMENT_NOT_SEALED');
  return { document: sealed, bytes: await blobBytes(deps.blobs, sealed.sha256) };
}
