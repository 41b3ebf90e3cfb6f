import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

/**
 * The registry's tables (migration 0027): the platform's own, instance-wide (no agency_id). Rows are only
 * ever inserted (a trigger refuses update and delete).
 */
export const countyAgencyById = (db: Db, id: string) =>
  db.selectFrom('county_agencies').selectAll().where('id', '=', id).executeTakeFirst();

export const countyAgencyByCreditCode = (db: Db, creditCode: string) =>
  db.selectFrom('county_agencies').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();

export const countyAgencyByOrigin = (db: Db, origin: string) =>
  db.selectFrom('county_agencies').selectAll().where('log_origin', '=', origin).executeTakeFirst();

/**
 * The agency's row, locked until the transaction ends: its events and pushes are judged and written one
 * after the other (docs/county-push.md: the ingest locks the agency's row). Undefined if not registered.
 */
export const lockCountyAgency = (db: Db, where: { id: string } | { creditCode: string }) =>
  db
    .selectFrom('county_agencies')
    .selectAll()
    .$call((q) =>
      'id' in where ? q.where('id', '=', where.id) : q.where('credit_code', '=', where.creditCode),
    )
    .forUpdate()
    .executeTakeFirst();

export const countyAgencies = (db: Db) =>
  db.selectFrom('county_agencies').selectAll().orderBy('registered_at').orderBy('credit_code').execute();

/** Events of the given agencies in the order recorded. */
export const agencyEvents = (db: Db, agencyIds: readonly string[]) =>
  agencyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('county_agency_events')
        .selectAll()
        .where('county_agency_id', 'in', agencyIds)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();

/** Per agency: the largest sequence received and when its record arrived. */
export const lastReceived = (db: Db) =>
  db
    .selectFrom('county_records')
    .select((eb) => [
      'county_agency_id',
      eb.fn.max('sequence').as('last_sequence'),
      eb.fn.max('received_at').as('last_received_at'),
    ])
    .groupBy('county_agency_id')
    .execute();

export const insertCountyAgency = (db: Db, values: Insertable<DB['county_agencies']>) =>
  db.insertInto('county_agencies').values(values).returningAll().executeTakeFirstOrThrow();

export const insertAgencyEvent = (db: Db, values: Insertable<DB['county_agency_events']>) =>
  db.insertInto('county_agency_events').values(values).returningAll().executeTakeFirstOrThrow();
