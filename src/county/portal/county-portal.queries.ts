import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { escapeLike } from '../../publicity/publications.queries.ts';

/**
 * The county portal's reads (issue 14 item 4; docs/county.md "The county portal"): what registered agencies
 * pushed, in `county_records` (0027). The current view of an (agency, type, subject) is its record with the
 * largest sequence; `distinct on` over `county_records_subject` (agency, type, subject, sequence desc) reads
 * it off the index in order. A publication whose subject has a later `publication_withdrawal` is hidden.
 * The tables are the platform's own (no agency_id), so there is no agency scope: every row is public.
 */

/** The latest record of each subject of a type, for one agency or for all. */
function latestOf(db: Db, type: string, agencyId?: string) {
  let q = db
    .selectFrom('county_records')
    .distinctOn(['county_agency_id', 'subject_id'])
    .select(['county_agency_id', 'subject_id', 'sequence', 'content', 'log_index'])
    .where('type', '=', type);
  if (agencyId) q = q.where('county_agency_id', '=', agencyId);
  return q.orderBy('county_agency_id').orderBy('subject_id').orderBy('sequence', 'desc');
}

/** No later record of the same agency, type and subject (one probe of county_records_subject). */
const isLatest = (alias: string, type: string): Expression<SqlBool> =>
  sql<SqlBool>`not exists (select 1 from county_records later
    where later.county_agency_id = ${sql.ref(`${alias}.county_agency_id`)} and later.type = ${type}
      and later.subject_id = ${sql.ref(`${alias}.subject_id`)} and later.sequence > ${sql.ref(`${alias}.sequence`)})`;

/** Not withdrawn since: no publication_withdrawal of the subject after this record. */
const notWithdrawn = (alias: string): Expression<SqlBool> =>
  sql<SqlBool>`not exists (select 1 from county_records w
    where w.county_agency_id = ${sql.ref(`${alias}.county_agency_id`)} and w.type = 'publication_withdrawal'
      and w.subject_id = ${sql.ref(`${alias}.subject_id`)} and w.sequence > ${sql.ref(`${alias}.sequence`)})`;

/** Still in its publicity period on `today` (公示期), or with none. */
const inPeriod = (alias: string, today: string): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.ref(`${alias}.content`)}->>'periodEndsOn' is null
    or ${sql.ref(`${alias}.content`)}->>'periodEndsOn' >= ${today})`;

/** The searched text of a publication and of a power-list item: the expressions the 0029 indexes cover. */
const publicationText = (alias: string) =>
  sql<string>`(coalesce(${sql.ref(`${alias}.content`)}->>'partyName', '') || ' ' || coalesce(${sql.ref(`${alias}.content`)}->>'documentNumber', '') || ' ' || coalesce(${sql.ref(`${alias}.content`)}->>'title', ''))`;
const powerText = (alias: string) =>
  sql<string>`(coalesce(${sql.ref(`${alias}.content`)}->>'name', '') || ' ' || coalesce(${sql.ref(`${alias}.content`)}->>'code', ''))`;

/** Every registered agency, with its latest `agency` record and whether it is suspended now. */
export async function countyAgencyRows(db: Db) {
  return db
    .selectFrom('county_agencies as a')
    .select([
      'a.id',
      'a.credit_code',
      'a.name',
      'a.remote_agency_id',
      'a.base_url',
      'a.log_origin',
      'a.registered_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('county_records as r')
        .select('r.content')
        .whereRef('r.county_agency_id', '=', 'a.id')
        .where('r.type', '=', 'agency')
        .where(sql<SqlBool>`r.subject_id = a.remote_agency_id::text`)
        .orderBy('r.sequence', 'desc')
        .limit(1)
        .as('details'),
      eb
        .selectFrom('county_agency_events as e')
        .select('e.kind')
        .whereRef('e.county_agency_id', '=', 'a.id')
        .where('e.kind', 'in', ['suspended', 'reinstated'])
        .orderBy('e.recorded_at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('standing'),
    ])
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

/** Does this instance have registered agencies (it is then a county platform)? */
export async function hasCountyAgencies(db: Db): Promise<boolean> {
  const row = await db.selectFrom('county_agencies').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The latest witnessed checkpoint of a log origin (witness_checkpoints, 0026): the largest size. */
export async function witnessedCheckpointRow(db: Db, origin: string) {
  return db
    .selectFrom('witness_checkpoints')
    .select(['origin', 'size', 'root_hash', 'note', 'received_at'])
    .where('origin', '=', origin)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** An agency's current units (to name a power-list item's or an officer's unit). */
export async function currentUnitRows(db: Db, agencyId: string) {
  return latestOf(db, 'unit', agencyId).execute();
}

/** An agency's power list: the latest pushed version of each item, withdrawn items left out. */
export async function currentPowerRows(db: Db, agencyId: string) {
  return db
    .selectFrom(latestOf(db, 'power_list_version', agencyId).as('p'))
    .select(['p.county_agency_id', 'p.subject_id', 'p.sequence', 'p.content', 'p.log_index'])
    .where(sql<SqlBool>`coalesce((p.content->>'withdrawn')::boolean, false) = false`)
    .orderBy(sql`p.content->>'code'`)
    .execute();
}

/** One item's current version, if it is not withdrawn. */
export async function currentPowerRow(db: Db, agencyId: string, itemId: string) {
  const row = await db
    .selectFrom('county_records')
    .select(['county_agency_id', 'subject_id', 'sequence', 'content', 'log_index'])
    .where('county_agency_id', '=', agencyId)
    .where('type', '=', 'power_list_version')
    .where('subject_id', '=', itemId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  const withdrawn = (row?.content as { withdrawn?: boolean } | undefined)?.withdrawn === true;
  return row && !withdrawn ? row : undefined;
}

/** An agency's officers: the latest record of each person, active, with at least one certificate. */
export async function currentOfficerRows(db: Db, agencyId: string) {
  return db
    .selectFrom(latestOf(db, 'officer', agencyId).as('o'))
    .select(['o.county_agency_id', 'o.subject_id', 'o.sequence', 'o.content'])
    .where(sql<SqlBool>`(o.content->>'active')::boolean`)
    .where(sql<SqlBool>`jsonb_array_length(coalesce(o.content->'certificates', '[]'::jsonb)) > 0`)
    .orderBy(sql`o.content->>'unitName'`)
    .orderBy(sql`o.content->>'name'`)
    .execute();
}

export interface PublicationFilter {
  agencyId?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Publications public today, newest decision first, with their total: the latest record of each
 * publication, not withdrawn since, within its period. With `q`, the matches are first found through
 * county_records_publication_text (0029) and then kept only if still the latest of their subject.
 */
export async function publicationPageRows(db: Db, f: PublicationFilter, today: string) {
  let q = db
    .selectFrom('county_records as p')
    .innerJoin('county_agencies as a', 'a.id', 'p.county_agency_id')
    .select([
      'p.county_agency_id',
      'p.subject_id',
      'p.sequence',
      'p.content',
      'p.log_index',
      'a.name as agency_name',
    ])
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .where('p.type', '=', 'publication')
    .where(isLatest('p', 'publication'))
    .where(notWithdrawn('p'))
    .where(inPeriod('p', today));
  if (f.agencyId) q = q.where('p.county_agency_id', '=', f.agencyId);
  if (f.kind) q = q.where(sql<SqlBool>`p.content->>'kind' = ${f.kind}`);
  if (f.q) q = q.where(publicationText('p'), 'like', `%${escapeLike(f.q)}%`);
  return db
    .selectFrom(q.as('m'))
    .selectAll('m')
    .orderBy(sql`m.content->>'decidedOn'`, 'desc')
    .orderBy('m.subject_id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

/** One publication of an agency, public today (latest record, not withdrawn, within its period). */
export async function publicationRow(db: Db, agencyId: string, publicationId: string, today: string) {
  return db
    .selectFrom('county_records as p')
    .select(['p.county_agency_id', 'p.subject_id', 'p.sequence', 'p.content', 'p.log_index'])
    .where('p.county_agency_id', '=', agencyId)
    .where('p.type', '=', 'publication')
    .where('p.subject_id', '=', publicationId)
    .where(isLatest('p', 'publication'))
    .where(notWithdrawn('p'))
    .where(inPeriod('p', today))
    .executeTakeFirst();
}

/** Power-list items of every agency (or one) matching a name or code fragment and a kind, with their total. */
export async function powerSearchRows(db: Db, f: PublicationFilter) {
  let q = db
    .selectFrom('county_records as p')
    .innerJoin('county_agencies as a', 'a.id', 'p.county_agency_id')
    .select([
      'p.county_agency_id',
      'p.subject_id',
      'p.sequence',
      'p.content',
      'p.log_index',
      'a.name as agency_name',
    ])
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .where('p.type', '=', 'power_list_version')
    .where(isLatest('p', 'power_list_version'))
    .where(sql<SqlBool>`coalesce((p.content->>'withdrawn')::boolean, false) = false`);
  if (f.agencyId) q = q.where('p.county_agency_id', '=', f.agencyId);
  if (f.kind) q = q.where(sql<SqlBool>`p.content->>'kind' = ${f.kind}`);
  if (f.q) q = q.where(powerText('p'), 'like', `%${escapeLike(f.q)}%`);
  return db
    .selectFrom(q.as('m'))
    .selectAll('m')
    .orderBy('m.agency_name')
    .orderBy(sql`m.content->>'code'`)
    .orderBy('m.subject_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}
