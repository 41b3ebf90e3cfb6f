import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { inScope, ownAgency, agenciesScope, unscoped } from './agency-scope.ts';
import { AgencyScopeGuard, AgencyScopeViolation } from './agency-scope.guard.ts';
import type { DB } from './schema.ts';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new AgencyScopeGuard({ throws: true })],
});

const own = ownAgency('a1');
const refused = (compile: () => unknown) => expect(compile).toThrow(AgencyScopeViolation);

describe('the agency-scope guard (issue 11)', () => {
  it('refuses a business table read by id alone, and passes it with its agency', () => {
    refused(() => db.selectFrom('cases').selectAll().where('id', '=', 'c1').compile());
    expect(
      db.selectFrom('cases').selectAll().where('id', '=', 'c1').where(inScope('agency_id', own)).compile()
        .sql,
    ).toContain('"agency_id" = $2');
  });

  it('passes tables that belong to no agency', () => {
    expect(() => db.selectFrom('agencies').selectAll().compile()).not.toThrow();
    expect(() => db.selectFrom('log_entries').select('seq').compile()).not.toThrow();
  });

  it('wants every joined business table constrained, in the WHERE or its JOIN condition', () => {
    refused(() =>
      db
        .selectFrom('cases')
        .innerJoin('case_parties', 'case_parties.case_id', 'cases.id')
        .select('cases.id')
        .where('cases.agency_id', '=', 'a1')
        .compile(),
    );
    expect(() =>
      db
        .selectFrom('cases')
        .innerJoin('case_parties', (j) =>
          j
            .onRef('case_parties.case_id', '=', 'cases.id')
            .onRef('case_parties.agency_id', '=', 'cases.agency_id'),
        )
        .select('cases.id')
        .where('cases.agency_id', '=', 'a1')
        .compile(),
    ).not.toThrow();
  });

  it('checks sub-queries as statements of their own', () => {
    refused(() =>
      db
        .selectFrom('cases')
        .select((eb) =>
          eb
            .selectFrom('case_events')
            .select(eb.fn.countAll().as('n'))
            .whereRef('case_events.case_id', '=', 'cases.id')
            .as('events'),
        )
        .where('agency_id', '=', 'a1')
        .compile(),
    );
  });

  it('wants agency_id among the columns of an insert', () => {
    refused(() =>
      db
        .insertInto('units')
        .values({ id: 'u', name: 'x' } as never)
        .compile(),
    );
    expect(() =>
      db
        .insertInto('units')
        .values({ id: 'u', agency_id: 'a1', name: 'x' } as never)
        .compile(),
    ).not.toThrow();
  });

  it('refuses an update or a delete by id alone', () => {
    refused(() =>
      db
        .updateTable('cases')
        .set({ title: 'x' } as never)
        .where('id', '=', 'c')
        .compile(),
    );
    refused(() => db.deleteFrom('sessions').where('id', '=', 's').compile());
    expect(() =>
      db
        .updateTable('cases')
        .set({ title: 'x' } as never)
        .where('id', '=', 'c')
        .where(inScope('agency_id', own))
        .compile(),
    ).not.toThrow();
  });

  it('reads a supervisor scope of several agencies as a constraint, and no agency as nothing', () => {
    const { sql: several } = db
      .selectFrom('cases')
      .select('id')
      .where(inScope('agency_id', agenciesScope(['a', 'b'])))
      .compile();
    expect(several).toContain('"agency_id" in ($1, $2)');
    const { sql: none } = db
      .selectFrom('cases')
      .select('id')
      .where(inScope('agency_id', agenciesScope([])))
      .compile();
    expect(none).toContain('"agency_id" is null');
  });

  it('lets a statement marked unscoped pass', () => {
    const compiled = db
      .selectFrom('accounts')
      .selectAll()
      .where('username', '=', 'x')
      .$call(unscoped)
      .compile();
    expect(compiled.sql).toContain('sanxiang:unscoped');
  });

  it('reads raw SQL for the tables it names', () => {
    refused(() => sql`select * from cases where id = ${'c'}`.compile(db));
    expect(() => sql`select * from cases where agency_id = ${'a'}`.compile(db)).not.toThrow();
    expect(() => sql`select now()`.compile(db)).not.toThrow();
    expect(() => sql`select * from cases /* sanxiang:unscoped */`.compile(db)).not.toThrow();
  });
});
