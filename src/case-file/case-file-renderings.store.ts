import type { Transaction } from 'kysely';
import { inScope, type OwnAgency } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { DB, NewRow, Row } from '../platform/db/schema.ts';

/**
 * The PDF renderings of an agency's sealed documents in SQL (migration 0025): which .docx already has
 * its rendering in the blob store, and the row written once when one is made.
 */
type Reader = Db | Transaction<DB>;

export type RenderingRow = Row<'document_renderings'>;

/** The agency's renderings of the .docx among `docxSha256s`. */
export async function renderingsOf(
  db: Reader,
  scope: OwnAgency,
  docxSha256s: readonly string[],
): Promise<RenderingRow[]> {
  if (docxSha256s.length === 0) return [];
  return db
    .selectFrom('document_renderings')
    .selectAll()
    .where(inScope('agency_id', scope))
    .where('docx_sha256', 'in', [...new Set(docxSha256s)])
    .execute();
}

/**
 * Writes the renderings not written meanwhile by another process (that one's row stays: a rendering is
 * written once). Returns the rows written now.
 */
export async function insertRenderings(
  trx: Reader,
  scope: OwnAgency,
  rows: readonly Omit<NewRow<'document_renderings'>, 'agency_id'>[],
): Promise<RenderingRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto('document_renderings')
    .values(rows.map((r) => ({ ...r, agency_id: scope.agencyId })))
    .onConflict((oc) => oc.columns(['agency_id', 'docx_sha256']).doNothing())
    .returningAll()
    .execute();
}
