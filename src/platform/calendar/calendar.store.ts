import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';

/** The working-day calendar's notices (instance-wide: every agency counts the same days; no agency_id). */

/** Every loaded notice, by year and newest load first. */
export const noticeRows = (db: Db) =>
  db
    .selectFrom('calendar_notices')
    .select(['year', 'title', 'holidays', 'make_up_workdays', 'loaded_at'])
    .orderBy('year')
    .orderBy('loaded_at', 'desc')
    .execute();

export const insertNotice = (db: Db, values: Insertable<DB['calendar_notices']>) =>
  db.insertInto('calendar_notices').values(values).returningAll().executeTakeFirstOrThrow();
