import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../src/platform/record-log/checkpoint.ts';
import { verifyRecordLog, type VerifyReport } from '../../src/platform/record-log/verify.service.ts';
import { databaseKinds } from '../databases.ts';
import { signIn } from '../harness.ts';
import { startLogHarness, type LogHarness } from './log-harness.ts';

/** `sanxiang verify` after plain-SQL changes: each names the changed row by table and id. */
describe.each(databaseKinds)('sanxiang verify on %s', (kind) => {
  let h: LogHarness;
  let person: { id: string; post: string };
  let firstNote: string;

  const run = (older?: string): Promise<VerifyReport> =>
    verifyRecordLog(h.database.db, {
      verifiers: [h.verifier],
      origin: h.origin,
      ...(older ? { older: { note: older } } : {}),
    });
  const first = async (older?: string) => (await run(older)).problems[0];
  /** Runs `change` with the record-log triggers of `table` off (as a database owner could), then `undo`. */
  const tamper = async (table: string, change: string, undo: string) => {
    const db = h.database.db.withoutPlugins(); // tampering, outside the app's scope rule
    await sql.raw(`alter table ${table} disable trigger user`).execute(db);
    await sql.raw(change).execute(db);
    return async () => {
      await sql.raw(undo).execute(db);
      await sql.raw(`alter table ${table} enable trigger user`).execute(db);
    };
  };

  beforeAll(async () => {
    h = await startLogHarness(kind);
    await h.integrate();
    firstNote = (await h.app.inject('/log/checkpoint')).body;
    const admin = await signIn(h, 'admin');
    const people = (await admin.get('/api/v1/people?pageSize=5')).json<{ items: { id: string }[] }>().items;
    for (const p of people) await admin.send('PATCH', `/api/v1/people/${p.id}`, { post: '执法队员' });
    await h.integrate();
    await admin.send('PATCH', `/api/v1/people/${people[0]!.id}`, { post: '副队长' }); // one left pending
    person = { id: people[1]!.id, post: '执法队员' };
  });
  afterAll(() => h.close());

  it('passes on an untouched database, and with an older checkpoint the log extends', async () => {
    const report = await run(firstNote);
    expect(report.problems).toEqual([]);
    expect(report.pending).toBe(1);
    expect(report.subjects).toBeGreaterThan(20);
  });

  it('names a business row changed with plain SQL', async () => {
    await sql`update people set post = '篡改' where id = ${person.id}`.execute(
      h.database.db.withoutPlugins(),
    );
    const problem = await first();
    expect(problem).toMatchObject({ table: 'people', id: person.id });
    expect(problem?.message).toContain('post');
    await sql`update people set post = ${person.post} where id = ${person.id}`.execute(
      h.database.db.withoutPlugins(),
    );
    expect(await first()).toBeUndefined();
  });

  it('names a business row inserted or deleted outside any command', async () => {
    const unit = (
      await sql<{ id: string; agency_id: string }>`select id, agency_id from units limit 1`.execute(
        h.database.db,
      )
    ).rows[0]!;
    const id = '01900000-0000-7000-8000-0000000000ff';
    await sql`insert into units (id, agency_id, name, kind) values (${id}, ${unit.agency_id}, '影子中队', 'brigade')`.execute(
      h.database.db,
    );
    expect(await first()).toMatchObject({ table: 'units', id });
    await sql`delete from units where id = ${id}`.execute(h.database.db.withoutPlugins());
    expect(await first()).toBeUndefined();
  });

  it('names an audit row whose record or metadata was changed', async () => {
    const event = (
      await sql<{ id: string; ip: string | null; record: string }>`
      select a.id, a.ip, a.record from audit_events a join log_entries e on e.event_id = a.id
      where e.log_index = 5`.execute(h.database.db.withoutPlugins())
    ).rows[0]!;
    const undo = await tamper(
      'audit_events',
      `update audit_events set ip = '203.0.113.9' where id = '${event.id}'`,
      `update audit_events set ip = ${event.ip === null ? 'null' : `'${event.ip}'`} where id = '${event.id}'`,
    );
    expect(await first()).toMatchObject({ table: 'audit_events', id: event.id, index: 5 });
    await undo();
    const undo2 = await tamper(
      'audit_events',
      `update audit_events set record = replace(record, '"', '"') || ' ' where id = '${event.id}'`,
      `update audit_events set record = rtrim(record, ' ') where id = '${event.id}'`,
    );
    expect(await first()).toMatchObject({ table: 'audit_events', id: event.id });
    await undo2();
    expect(await first()).toBeUndefined();
  });

  it('names a staged entry changed after it was published, and a tile changed after it was signed', async () => {
    const row = (
      await sql<{ seq: number }>`select seq from log_entries where log_index = 7`.execute(
        h.database.db.withoutPlugins(),
      )
    ).rows[0]!;
    const undo = await tamper(
      'log_entries',
      `update log_entries set entry = entry || '\\x20'::bytea where log_index = 7`,
      `update log_entries set entry = substring(entry from 1 for length(entry) - 1) where log_index = 7`,
    );
    expect(await first()).toMatchObject({ table: 'log_entries', id: `seq=${row.seq}`, index: 7 });
    await undo();
    const undoTile = await tamper(
      'log_tiles',
      `update log_tiles set data = set_byte(data, 0, 255 - get_byte(data, 0)) where level = 0 and tile_index = 0`,
      `update log_tiles set data = set_byte(data, 0, 255 - get_byte(data, 0)) where level = 0 and tile_index = 0`,
    );
    expect(await first()).toMatchObject({ table: 'log_tiles', id: 'level=0 tile_index=0', index: 0 });
    await undoTile();
    expect(await first()).toBeUndefined();
  });

  it('names an entry deleted from the log, and refuses an older checkpoint the log does not extend', async () => {
    const row = (
      await sql<{ id: string }>`select event_id as id from log_entries where log_index = 3`.execute(
        h.database.db,
      )
    ).rows[0]!;
    const saved = (
      await sql<{
        seq: number;
        entry: Uint8Array;
      }>`select seq, entry from log_entries where log_index = 3`.execute(h.database.db.withoutPlugins())
    ).rows[0]!;
    await tamper('log_entries', 'delete from log_entries where log_index = 3', 'select 1');
    const report = await run();
    expect(report.problems[0]).toMatchObject({ table: 'log_entries', id: 'log_index=3' });
    expect(report.problems.some((p) => p.table === 'audit_events' && p.id === row.id)).toBe(true);
    await sql`insert into log_entries (seq, event_id, entry, log_index) values (${saved.seq}, ${row.id}, ${saved.entry}, 3)`.execute(
      h.database.db,
    );
    await sql.raw('alter table log_entries enable trigger user').execute(h.database.db.withoutPlugins());
    expect(await first()).toBeUndefined();

    const forged = signCheckpoint({ origin: h.origin, size: 3, root: new Uint8Array(32), extensions: [] }, [
      ...h.integrateDeps.signers,
    ]);
    expect(await first(forged)).toMatchObject({ table: 'checkpoint', id: '--checkpoint' });
    expect(await first(firstNote.replace(h.origin, 'another.example/log'))).toMatchObject({
      table: 'checkpoint',
    });
  });
});
