import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../../test/databases.ts';
import type { Database } from './database.ts';

/** The store contract every dialect must keep (after Kysely's own tests: one suite, every dialect). */
describe.each(databaseKinds)('store contract on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());

  it('reads legal dates as YYYY-MM-DD strings, counters as numbers, instants as Dates', async () => {
    const { rows } = await sql<{ d: unknown; n: unknown; t: unknown }>`
      select '2026-10-13'::date as d, 9007199254740991::int8 as n, now() as t`.execute(database.db);
    expect(rows[0]?.d).toBe('2026-10-13');
    expect(rows[0]?.n).toBe(9007199254740991);
    expect(rows[0]?.t).toBeInstanceOf(Date);
  });

  it('rolls a failed transaction back whole', async () => {
    await sql`create table contract_t (v int primary key)`.execute(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into contract_t values (1)`.execute(trx);
        await sql`insert into contract_t values (1)`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from contract_t`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps concurrent transactions apart: every increment counts', async () => {
    await sql`create table contract_c (id int primary key, n int not null)`.execute(database.db);
    await sql`insert into contract_c values (1, 0)`.execute(database.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        database.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from contract_c where id = 1 for update`.execute(
            trx,
          );
          await sql`update contract_c set n = ${(rows[0]?.n ?? 0) + 1} where id = 1`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from contract_c`.execute(database.db);
    expect(rows[0]?.n).toBe(20);
  });

  it('rolls back to a savepoint inside a transaction', async () => {
    await sql`create table contract_s (v int)`.execute(database.db);
    const trx = await database.db.startTransaction().execute();
    await sql`insert into contract_s values (1)`.execute(trx);
    const sp = await trx.savepoint('sp1').execute();
    await sql`insert into contract_s values (2)`.execute(sp);
    const back = await sp.rollbackToSavepoint('sp1').execute();
    await back.commit().execute();
    const { rows } = await sql<{ v: number }>`select v from contract_s`.execute(database.db);
    expect(rows.map((r) => r.v)).toEqual([1]);
  });

  it('searches Chinese names with the trigram index available', async () => {
    const { rows } = await sql<{
      n: string;
    }>`select extname as n from pg_extension where extname = 'pg_trgm'`.execute(database.db);
    expect(rows).toEqual([{ n: 'pg_trgm' }]);
  });
});
