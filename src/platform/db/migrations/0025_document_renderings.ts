import { sql, type Kysely } from 'kysely';

/**
 * PDF renderings of sealed documents (issue 12 item 10; src/case-file/case-file-renderings.service.ts): a
 * sealed .docx never changes (it is kept under its SHA-256 in the blob store), so its LibreOffice rendering
 * is made once — when the case file is assembled, or at the first export — and kept, with its page count,
 * in the blob store under its own SHA-256. The .docx stays the document; the PDF is a rendering of it, not
 * in the record log. One rendering per agency and .docx: a row is written once and never changed.
 *
 * Nothing here drops or changes existing data.
 */
const statements = [
  `create table document_renderings (
    agency_id uuid not null references agencies(id),
    docx_sha256 text not null check (docx_sha256 ~ '^[0-9a-f]{64}$'),
    pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    pdf_size integer not null check (pdf_size > 0),
    pages integer not null check (pages >= 1),
    rendered_at timestamptz not null,
    primary key (agency_id, docx_sha256)
  )`,
  `create trigger document_renderings_frozen before update or delete on document_renderings
    for each row execute function record_log_frozen()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
