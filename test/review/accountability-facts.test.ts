import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/**
 * The accountability report audits the gate with the gate's own facts (issue 11, review item 3): one build
 * of a case's catalogue facts (gate.service.ts `catalogueFactsOfCase`). The report used to build them
 * itself — the decided amount instead of the proposed one, and never a hearing — so a case decided after a
 * hearing without review was major to the gate and not to the report.
 */
describe.each(databaseKinds)('accountability classifies as the gate on %s', (kind) => {
  let h: Harness;
  let juzhang: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    juzhang = await signIn(h, 'juzhang');
  });
  afterAll(() => h.close());

  it('lists a summary case decided after a hearing without review, with the reasons the gate gives', async () => {
    const db = h.database.db.withoutPlugins(); // the test's own reading and writing of rows
    const me = await db
      .selectFrom('accounts')
      .innerJoin('people', 'people.id', 'accounts.person_id')
      .select('people.agency_id')
      .where('accounts.username', '=', 'juzhang')
      .executeTakeFirstOrThrow();
    // A case of the agency with no review and no decision; made a summary case (not major under the default
    // catalogue) whose facts differ between the two old builds: a hearing held, a proposed amount of 0.
    const kase = await db
      .selectFrom('cases')
      .select(['id', 'state'])
      .where('agency_id', '=', me.agency_id)
      .where('decided_on', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('reviews').select('reviews.id').whereRef('reviews.case_id', '=', 'cases.id'),
          ),
        ),
      )
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('cases')
      .set({ procedure: 'summary', proposed_amount_fen: 0, amount_fen: 0, major: false })
      .where('id', '=', kase.id)
      .execute();
    const last = await db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    const event = (seq: number, step: string, on: string) => ({
      id: randomUUID(),
      agency_id: me.agency_id,
      case_id: kase.id,
      seq,
      action: 'step',
      step,
      from_state: kase.state,
      to_state: kase.state,
      on_date: on,
      at: new Date(`${on}T10:00:00+08:00`),
      officer_ids: JSON.stringify([]),
      details: JSON.stringify({}),
    });
    const seq = Number(last.seq ?? 0);
    await db
      .insertInto('case_events')
      .values([event(seq + 1, 'hold_hearing', '2026-11-18'), event(seq + 2, 'decide', '2026-11-20')])
      .execute();

    const gate = (await juzhang.get(`/api/v1/reviews/cases/${kase.id}`)).json<{
      gate: { major: boolean; reasons: { code: string; label: string }[] };
    }>().gate;
    expect(gate.major).toBe(true);
    expect(gate.reasons.map((r) => r.code)).toContain('statutory_hearing');

    const res = await juzhang.get('/api/v1/reviews/accountability?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ decisions: { withoutReview: { caseId: string; reasons: string[] }[] } }>();
    expect(report.decisions.withoutReview).toEqual([
      expect.objectContaining({ caseId: kase.id, reasons: gate.reasons.map((r) => r.label) }),
    ]);
  });
});
