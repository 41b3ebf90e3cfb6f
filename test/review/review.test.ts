import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/cases/case-decision.service.ts';
import { runCommand } from '../../src/platform/audit/command.ts';
import { insertPublicationDraft } from '../../src/publicity/publication-draft.service.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifySubjects } from '../../src/platform/record-log/verify-subjects.ts';
import { requireReviewInCommand } from '../../src/review/gate.service.ts';
import { points } from '../../src/review/review.rules.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';
import { create, decision, itemId, personId, step, versionOf } from '../cases/cases-harness.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * Legal review over HTTP (issue 6): every way to make a decision without a passed review is refused and
 * recorded; submission lists what is missing; recusal and the first-review qualification; findings need
 * notes; a returned case comes back with its diff; a change after review voids it; the catalogue's
 * versions with their approval; accountability shows zero decisions without review.
 */

interface ReviewBody {
  id: string;
  status: string;
  round: number;
  dueOn: string;
  prechecks: { code: string; status: string; point: string; evidence: string[] }[];
  majorReasons: { code: string }[];
  diff: { fields: { field: string; before: unknown; after: unknown }[] } | null;
  opinionDocument: { id: string; number: string } | null;
  findings: { point: string; finding: string; note: string }[];
  deliberations: { conclusion: string }[];
}

interface Problem {
  code: string;
  detail?: string;
  errors: { path: string; message: string }[];
  reason?: string;
  refusedAttempts?: number;
}

const FSL = '中华人民共和国食品安全法';

const proposal = (over: Record<string, unknown> = {}) => ({
  facts: '当事人未取得食品经营许可，于 2026 年 10 月在衡阳县西渡镇经营预包装食品，货值 3,200 元。',
  summary: '没收违法经营的食品，罚款 70,000 元',
  measures: ['fine', 'confiscation'],
  amountFen: 7_000_000,
  confiscationFen: 320_000,
  circumstance: 'general',
  legalBases: [{ law: FSL, article: '第一百二十二条' }],
  actEndedOn: '2026-10-30',
  placeRegionCode: '430421',
  ...over,
});

const findingsAll = (note = '符合') => points.map((point) => ({ point, finding: 'satisfied', note }));

describe.each(databaseKinds)('legal review over HTTP on %s', (kind) => {
  let h: Harness;
  let zhangwei: Client; // brigade head, investigator
  let huanglei: Client; // officer, investigator
  let juzhang: Client; // agency head
  let wangzg: Client; // legal unit head, reviewer
  let liting: Client; // reviewer
  let admin: Client;
  let caseId: string;
  let reviewId: string;
  const party = {
    type: 'organisation',
    name: '衡阳县某某食品商行',
    creditCode: null,
    legalRepresentative: '李某',
    phone: null,
    address: null,
  };

  const refusals = async () =>
    Number(
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('review_refusals')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A decision attempt that the gate must refuse with `reason`, and record. */
  const refused = async (client: Client, body: unknown, reason: string) => {
    const before = await refusals();
    const res = await client.send('POST', `/api/v1/cases/${caseId}/decision`, body);
    expect(res.statusCode, res.body).toBe(409);
    const problem = res.json<Problem>();
    expect(problem).toMatchObject({ code: 'REVIEW_REQUIRED', reason });
    expect(await refusals()).toBe(before + 1);
    expect(problem.refusedAttempts).toBe(before + 1);
  };

  beforeAll(async () => {
    h = await startHarness(kind);
    zhangwei = await signIn(h, 'zhangwei');
    huanglei = await signIn(h, 'huanglei');
    juzhang = await signIn(h, 'juzhang');
    wangzg = await signIn(h, 'wangzg');
    liting = await signIn(h, 'liting');
    admin = await signIn(h, 'admin');
    const created = await create(zhangwei, {
      kind: 'penalty_ordinary',
      title: '涉嫌未取得食品经营许可从事食品经营',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '投诉举报',
      discoveredOn: '2026-11-02',
      parties: [party],
      officerIds: [await personId(h, '张伟'), await personId(h, '黄磊')],
    });
    caseId = created.case.id;
    await step(juzhang, caseId, 'file', { on: '2026-11-03' });
    await step(huanglei, caseId, 'investigate', { on: '2026-11-04', place: '衡阳县西渡镇' });
    await step(huanglei, caseId, 'conclude_investigation', { on: '2026-11-10' });
  });
  afterAll(() => h.close());

  it('refuses a decision without review whatever the body holds, recording and counting each attempt', async () => {
    const version = await versionOf(juzhang, caseId);
    await refused(
      juzhang,
      { version, outcome: 'penalty', amountFen: 7_000_000, circumstance: 'general' },
      'no_review',
    );
    await refused(juzhang, {}, 'no_review'); // no body at all: the gate comes before validation
    await refused(juzhang, { version: 999, outcome: 'nonsense', amountFen: -5 }, 'no_review');
    await refused(zhangwei, { version, outcome: 'warning' }, 'no_review'); // another person, another outcome
    const events = await h.database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .select(['kind', 'subject_type'])
      .where('kind', '=', 'review.decision_refused')
      .execute();
    expect(events.length).toBe(4);
    expect(events.every((e) => e.subject_type === 'review_refusal')).toBe(true);
  });

  it('refuses the review steps on the case step route: nobody marks a case reviewed without a review', async () => {
    for (const [who, name] of [
      [huanglei, 'submit_review'],
      [wangzg, 'pass_review'],
      [wangzg, 'return_review'],
    ] as const) {
      const res = await step(who, caseId, name, { on: '2026-11-11', reason: '已审核' }, 409);
      expect(res.json<Problem>()).toMatchObject({ code: 'CASE_STEP_NOT_ALLOWED' });
      expect(res.json<Problem>().detail).toContain('须通过法制审核办理');
    }
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase.state).toBe('investigated');
    const version = await versionOf(juzhang, caseId);
    await refused(
      juzhang,
      { version, outcome: 'penalty', amountFen: 7_000_000, circumstance: 'general' },
      'no_review',
    );
  });

  it('refuses it through the service itself (the CLI or any other caller), recording it in the transaction that refuses it', async () => {
    const person = await h.database.db
      .withoutPlugins()
      .selectFrom('people')
      .innerJoin('accounts', 'accounts.person_id', 'people.id')
      .select(['people.id', 'people.agency_id', 'accounts.id as account_id'])
      .where('accounts.username', '=', 'juzhang')
      .executeTakeFirstOrThrow();
    const principal: Principal = {
      accountId: person.account_id,
      personId: person.id,
      agencyId: person.agency_id,
      username: 'juzhang',
      name: '刘建国',
      roles: new Set(['agency_head']),
      supervisedAgencyIds: new Set(),
      via: 'session',
      scopes: null,
      ip: null,
    };
    const before = await refusals();
    // No gate named: the cases service runs the legal-review gate whoever calls it.
    const deps = { db: h.database.db, clock: h.clock, staging: testStagingKey };
    const attempt = decide(deps, principal, caseId, {
      version: await versionOf(juzhang, caseId),
      outcome: 'penalty',
      amountFen: 7_000_000,
      sanctions: null,
      documents: {},
      circumstance: 'general',
      discretionReason: null,
      reason: null,
      illegalGains: false,
      formNumber: null,
      noPenaltyGround: null,
      education: null,
      lateReason: null,
      place: null,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'REVIEW_REQUIRED' });
    expect(await refusals()).toBe(before + 1);
    const channels = await h.database.db
      .withoutPlugins()
      .selectFrom('review_refusals')
      .select('channel')
      .where('case_id', '=', caseId)
      .execute();
    expect(channels.map((c) => c.channel)).toContain('decision_command');
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select(['state', 'decided_on'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({ state: 'investigated', decided_on: null });
  });

  it('refuses numbering a decision document or drafting a publication without review (documents, publicity)', async () => {
    const before = await refusals();
    const row = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const eventsOf = async (kind: string) =>
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('audit_events')
          .select('id')
          .where('kind', '=', kind)
          .execute()
      ).length;
    const refusedEvents = await eventsOf('review.decision_refused');
    for (const channel of ['document_number', 'publication'] as const) {
      const attempt = runCommand(
        { db: h.database.db, clock: h.clock, staging: testStagingKey },
        { personId: null, agencyId: null, via: 'system', ip: null },
        async (ctx) => {
          // A write of the command before the gate refuses it: rolled back with the command.
          await ctx.record({
            kind: 'test.written_before_refusal',
            agencyId: row.agency_id,
            subjectType: 'case',
            subjectId: row.id,
            record: { channel },
          });
          await requireReviewInCommand(
            { db: h.database.db, clock: h.clock, staging: testStagingKey },
            ctx,
            row,
            channel,
          );
        },
      );
      await expect(attempt).rejects.toMatchObject({ code: 'REVIEW_REQUIRED' });
      // Committed with the transaction that refused (nothing queued after it): no wait, no settling.
      expect(await eventsOf('review.decision_refused')).toBe(
        refusedEvents + (channel === 'publication' ? 2 : 1),
      );
    }
    expect(await refusals()).toBe(before + 2);
    expect(await eventsOf('test.written_before_refusal')).toBe(0);
    // The documents and publicity routes: 409 REVIEW_REQUIRED, each refusal recorded.
    for (const type of ['penalty_decision', 'no_penalty_decision']) {
      const numbered = await juzhang.send('POST', '/api/v1/documents', {
        type,
        subjectType: 'case',
        subjectId: caseId,
        data: { parties: [{ kind: 'organisation', name: party.name }], amountFen: 7_000_000 },
      });
      expect(numbered.statusCode, numbered.body).toBe(409);
      expect(numbered.json<Problem>()).toMatchObject({ code: 'REVIEW_REQUIRED', reason: 'no_review' });
    }
    const drafted = await zhangwei.send('POST', '/api/v1/publications', {
      kind: 'penalty',
      caseId,
      partyKind: 'organisation',
      partyName: party.name,
      documentNumber: '衡县市监处罚〔2026〕99号',
      decidedOn: '2026-11-28',
      title: '涉嫌未取得食品经营许可从事食品经营',
      summary: '罚款 70,000 元',
      documentText: '……',
    });
    expect(drafted.statusCode, drafted.body).toBe(409);
    expect(drafted.json<Problem>()).toMatchObject({ code: 'REVIEW_REQUIRED' });
    expect(await refusals()).toBe(before + 5);
    const channels = await h.database.db
      .withoutPlugins()
      .selectFrom('review_refusals')
      .select('channel')
      .where('case_id', '=', caseId)
      .execute();
    expect(channels.filter((c) => c.channel === 'document_number')).toHaveLength(3);
    expect(channels.filter((c) => c.channel === 'publication')).toHaveLength(2);
    // Whatever other path writes them, the database holds the line: no decision document, no publication.
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const draft = runCommand(
      { db: h.database.db, clock: h.clock, staging: testStagingKey },
      { personId: null, agencyId: kase.agency_id, via: 'system', ip: null },
      (ctx) =>
        insertPublicationDraft(ctx, kase.agency_id, {
          kind: 'penalty',
          unitId: null,
          caseId,
          partyKind: 'organisation',
          partyName: party.name,
          partyCreditCode: null,
          documentNumber: kase.case_number,
          decidedOn: '2026-11-28',
          title: kase.title,
          summary: '……',
          documentText: '……',
          sanctions: [],
          personalRecords: { naturalPersons: [], organisations: [] },
          autoMask: true,
        }),
    );
    await expect(draft).rejects.toThrow(/REVIEW_REQUIRED/);
    const written = await h.database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .select('id')
      .where('subject_id', '=', caseId)
      .where('type', '=', 'penalty_decision')
      .execute();
    expect(written).toEqual([]);
    expect(
      await h.database.db
        .withoutPlugins()
        .selectFrom('publications')
        .select('id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toEqual([]);
  });

  it('a refusal is one transaction with the command it refuses: a refusal record that fails leaves nothing', async () => {
    const before = await refusals();
    const row = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const attempt = runCommand(
      { db: h.database.db, clock: h.clock, staging: testStagingKey },
      { personId: null, agencyId: row.agency_id, via: 'system', ip: null },
      (ctx) =>
        ctx.refuse(new Error('refused'), async (ctx) => {
          await ctx.trx
            .insertInto('review_refusals')
            .values({
              id: '00000000-0000-4000-8000-000000000001',
              agency_id: row.agency_id,
              case_id: row.id,
              review_id: null,
              channel: 'test',
              reason: 'no_review',
              actor_id: null,
              at: ctx.now,
            })
            .execute();
          // The crash between the refusal's row and its event: neither is committed, and the failure is
          // the caller's to see (a refusal that cannot be recorded is not answered as recorded).
          throw new Error('crashed while recording the refusal');
        }),
    );
    await expect(attempt).rejects.toThrow('crashed while recording the refusal');
    expect(await refusals()).toBe(before);
  });

  it('refuses a submission of a case still missing required steps, listing them', async () => {
    const lead = await create(zhangwei, {
      kind: 'penalty_ordinary',
      title: '涉嫌经营超过保质期的食品',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '日常检查',
      discoveredOn: '2026-11-20',
      parties: [party],
      officerIds: [await personId(h, '张伟'), await personId(h, '黄磊')],
    });
    const res = await huanglei.send('POST', '/api/v1/reviews', {
      caseId: lead.case.id,
      proposal: proposal(),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<Problem>()).toMatchObject({ code: 'REVIEW_INCOMPLETE' });
    expect(res.json<Problem>().errors.map((e) => e.path)).toEqual([
      'case.steps.filing',
      'case.steps.investigation',
      'case.steps.investigation_report',
    ]);
    expect(
      await h.database.db
        .withoutPlugins()
        .selectFrom('reviews')
        .select('id')
        .where('case_id', '=', lead.case.id)
        .execute(),
    ).toEqual([]);
  });

  it('submits: the package is assembled and pre-checked, the decision classified, the period set', async () => {
    const res = await huanglei.send('POST', '/api/v1/reviews', { caseId, proposal: proposal() });
    expect(res.statusCode, res.body).toBe(201);
    const review = res.json<ReviewBody>();
    reviewId = review.id;
    expect(review).toMatchObject({ status: 'submitted', round: 1, dueOn: '2026-12-11' });
    expect(review.majorReasons.map((r) => r.code)).toContain('every_ordinary_decision');
    const codes = Object.fromEntries(review.prechecks.map((p) => [p.code, p.status]));
    expect(codes).toMatchObject({
      officers: 'pass',
      legal_bases: 'pass',
      benchmark: 'pass',
      time_bar: 'pass',
      step_order: 'pass',
    });
    // The demo case has no documents issued yet: the pre-check says which.
    expect(codes.documents).toBe('fail');
    const again = await huanglei.send('POST', '/api/v1/reviews', { caseId, proposal: proposal() });
    expect(again.json<Problem>().code).toBe('REVIEW_INVALID_STATE');
    await refused(
      juzhang,
      { version: await versionOf(juzhang, caseId), outcome: 'penalty', amountFen: 7_000_000 },
      'review_open',
    );
  });

  it('assigns only a qualified reviewer of the legal unit who did not investigate the case', async () => {
    const assign = (who: string) =>
      wangzg.send('POST', `/api/v1/reviews/${reviewId}/assignment`, { reviewerId: who });
    const recused = await assign(await personId(h, '张伟'));
    expect(recused.json<Problem>().code).toBe('REVIEWER_RECUSED');
    const firstTime = await assign(await personId(h, '李婷'));
    expect(firstTime.statusCode).toBe(409);
    expect(firstTime.json<Problem>()).toMatchObject({ code: 'REVIEWER_NOT_QUALIFIED' });
    expect(firstTime.json<Problem>().detail).toContain('法律职业资格');
    const qualified = await admin.send('POST', '/api/v1/reviews/reviewers/qualifications', {
      personId: await personId(h, '李婷'),
      kind: 'legal_professional',
      certificateNumber: 'A20184300012345',
      obtainedOn: '2018-12-20',
    });
    expect(qualified.statusCode, qualified.body).toBe(201);
    const ok = await assign(await personId(h, '李婷'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<ReviewBody>().status).toBe('in_review');
  });

  it('refuses a finding without a note where the result is not approve; returns with its opinion document', async () => {
    const findings = findingsAll('');
    findings[2] = { point: 'facts', finding: 'problem', note: '货值金额仅有当事人陈述，缺少进货凭证' };
    const bad = await liting.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'return',
      findings,
      opinion: '退回补充调查',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors.map((e) => e.path)).toEqual(
      points.map((_, i) => `body.findings.${i}.note`).filter((p) => p !== 'body.findings.2.note'),
    );
    const notReviewer = await wangzg.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'approve',
      findings: findingsAll(),
      opinion: '同意',
    });
    expect(notReviewer.statusCode).toBe(403);
    const good = findingsAll('已核实');
    good[2] = findings[2]!;
    const returned = await liting.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'return',
      findings: good,
      opinion: '请补充进货凭证，核实货值金额',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const body = returned.json<ReviewBody>();
    expect(body.status).toBe('returned');
    expect(body.findings).toHaveLength(points.length);
    expect(body.opinionDocument?.number).toMatch(/〔2026〕\d+号$/);
    await refused(
      juzhang,
      { version: await versionOf(juzhang, caseId), outcome: 'penalty' },
      'review_failed',
    );
  });

  it('comes back with the diff of what changed; approved, the decision may be made', async () => {
    // Returned: the case went back to investigation with the review (return_review), and comes back from it.
    const returned = await h.database.db
      .withoutPlugins()
      .selectFrom('case_events')
      .select(['step', 'reason'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    expect(returned.slice(-2)).toEqual([
      { step: 'submit_review', reason: null },
      { step: 'return_review', reason: '请补充进货凭证，核实货值金额' },
    ]);
    await step(huanglei, caseId, 'conclude_investigation');
    const res = await huanglei.send('POST', '/api/v1/reviews', {
      caseId,
      proposal: proposal({
        facts: `${proposal().facts}进货凭证显示货值 3,200 元。`,
        confiscationFen: 330_000,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json<ReviewBody>();
    expect(second.round).toBe(2);
    expect(second.diff?.fields.map((f) => f.field)).toEqual(['facts', 'confiscationFen']);
    reviewId = second.id;
    await wangzg.send('POST', `/api/v1/reviews/${reviewId}/assignment`, {
      reviewerId: await personId(h, '李婷'),
    });
    // The package still fails two automatic pre-checks: a point found 符合 over them needs the reviewer's why.
    const silent = await liting.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'approve',
      findings: findingsAll(''),
      opinion: '事实清楚，证据确凿，适用法律正确，程序合法，裁量适当，同意',
    });
    expect(silent.statusCode).toBe(400);
    expect(silent.json<Problem>().errors).toEqual([
      {
        path: 'body.findings.2.note',
        message: '自动预审“音像记录完整”未通过，认定“案件事实是否清楚、证据是否确凿充分”符合的，须写明理由',
      },
      {
        path: 'body.findings.5.note',
        message: '自动预审“执法文书齐全”未通过，认定“执法文书是否完备、规范”符合的，须写明理由',
      },
    ]);
    const approved = await liting.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'approve',
      findings: findingsAll('已核实：现场音像记录另卷保存，文书已补齐'),
      opinion: '事实清楚，证据确凿，适用法律正确，程序合法，裁量适当，同意',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ReviewBody>().status).toBe('approved');
    expect(
      (await juzhang.get(`/api/v1/cases/${caseId}`)).json<{ case: { state: string } }>().case.state,
    ).toBe('reviewed');
    const gate = await juzhang.get(`/api/v1/reviews/cases/${caseId}`);
    expect(gate.json<{ gate: { refusal: string | null; refusedAttempts: number } }>().gate).toMatchObject({
      refusal: null,
    });
  });

  it('a change of the case after review (another party) voids it', async () => {
    const kase = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    // A party added outside the reviewed package (as a correction of the party would be).
    await runCommand(
      { db: h.database.db, clock: h.clock, staging: testStagingKey },
      { personId: null, agencyId: kase.agency_id, via: 'system', ip: null },
      async (ctx) => {
        const row = await ctx.trx
          .insertInto('case_parties')
          .values({
            id: '01900000-0000-7000-8000-000000000001',
            agency_id: kase.agency_id,
            case_id: caseId,
            party_type: 'organisation',
            name: '衡阳县另一家食品商行',
            created_at: new Date('2026-01-01T00:00:00Z'),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await ctx.record({
          kind: 'test.party_corrected',
          agencyId: kase.agency_id,
          subjectType: 'case_party',
          subjectId: row.id,
          record: row,
        });
      },
    );
    await refused(juzhang, { version: await versionOf(juzhang, caseId), outcome: 'penalty' }, 'review_void');
  });

  it('makes the decision once the case is as reviewed; its publication draft appears', async () => {
    const resubmitted = await huanglei.send('POST', '/api/v1/reviews', {
      caseId,
      proposal: proposal({
        facts: `${proposal().facts}进货凭证显示货值 3,200 元。`,
        confiscationFen: 330_000,
      }),
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(201);
    const third = resubmitted.json<ReviewBody>();
    expect(third.diff?.fields.map((f) => f.field)).toEqual(['party']);
    const previous = await h.database.db
      .withoutPlugins()
      .selectFrom('reviews')
      .select('status')
      .where('id', '=', reviewId)
      .executeTakeFirstOrThrow();
    expect(previous.status).toBe('void');
    await wangzg.send('POST', `/api/v1/reviews/${third.id}/assignment`, {
      reviewerId: await personId(h, '李婷'),
    });
    const ok = await liting.send('POST', `/api/v1/reviews/${third.id}/conclusion`, {
      result: 'approve',
      findings: findingsAll('已核实'),
      opinion: '同意',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Reviewed again (submit_review from reviewed, pass_review), then the notice, then the decision.
    await step(huanglei, caseId, 'notify', { proposedAmountFen: 7_000_000, rightsWaived: true });
    const decided = await decision(juzhang, caseId, {
      outcome: 'penalty',
      amountFen: 7_000_000,
      circumstance: 'general',
    });
    expect(decided.json()).toMatchObject({ case: { state: 'decided' } });
    const draft = await h.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select('status')
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    expect(draft?.status).toBe('draft');
  });

  it('disagreement goes to collective deliberation, with its record', async () => {
    const other = await create(zhangwei, {
      kind: 'penalty_ordinary',
      title: '涉嫌未取得食品经营许可从事食品经营（二）',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '投诉举报',
      discoveredOn: '2026-11-02',
      parties: [party],
      officerIds: [await personId(h, '张伟'), await personId(h, '黄磊')],
    });
    const id = other.case.id;
    await step(juzhang, id, 'file', { on: '2026-11-03' });
    await step(huanglei, id, 'investigate', { on: '2026-11-04', place: '衡阳县西渡镇' });
    await step(huanglei, id, 'conclude_investigation', { on: '2026-11-10' });
    const submitted = (
      await huanglei.send('POST', '/api/v1/reviews', { caseId: id, proposal: proposal() })
    ).json<ReviewBody>();
    await wangzg.send('POST', `/api/v1/reviews/${submitted.id}/assignment`, {
      reviewerId: await personId(h, '李婷'),
    });
    const findings = findingsAll('已核实');
    findings[4] = { point: 'discretion', finding: 'problem', note: '初次违法且及时改正，应从轻' };
    await liting.send('POST', `/api/v1/reviews/${submitted.id}/conclusion`, {
      result: 'disapprove',
      findings,
      opinion: '不同意按一般情形处罚',
    });
    const disputed = await huanglei.send('POST', `/api/v1/reviews/${submitted.id}/disagreement`, {
      reason: '当事人曾被警告，不属初次违法',
    });
    expect(disputed.json<ReviewBody>().status).toBe('deliberation');
    const notHead = await huanglei.send('POST', `/api/v1/reviews/${submitted.id}/deliberation`, {
      heldOn: '2026-11-27',
      chair: '刘建国',
      attendees: ['刘建国', '王志刚', '张伟'],
      discussion: '……',
      conclusion: 'approve',
    });
    expect(notHead.statusCode).toBe(403);
    const settled = await juzhang.send('POST', `/api/v1/reviews/${submitted.id}/deliberation`, {
      heldOn: '2026-11-27',
      chair: '刘建国',
      attendees: ['刘建国', '王志刚', '张伟'],
      discussion: '经讨论，当事人 2025 年曾因同类行为被警告，不属初次违法，维持一般情形',
      conclusion: 'approve',
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json<ReviewBody>()).toMatchObject({
      status: 'approved',
      deliberations: [{ conclusion: 'approve' }],
    });
    // The case followed: returned to investigation by the disapproval, reviewed by the deliberation.
    const events = await h.database.db
      .withoutPlugins()
      .selectFrom('case_events')
      .select('step')
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.step).slice(-3)).toEqual(['submit_review', 'return_review', 'pass_review']);
    expect((await juzhang.get(`/api/v1/cases/${id}`)).json<{ case: { state: string } }>().case.state).toBe(
      'reviewed',
    );
  });

  it('keeps versions of the catalogue with the county approval, never below the §58 floor', async () => {
    const base = (await wangzg.get('/api/v1/review-catalogue')).json<{
      inForce: { isDefault: boolean; rules: { code: string }[]; period: unknown };
    }>();
    expect(base.inForce.isDefault).toBe(true);
    const dropped = await wangzg.send('POST', '/api/v1/review-catalogue', {
      rules: base.inForce.rules.filter((r) => r.code !== 'statutory_hearing'),
      period: { workingDays: 7, extensionWorkingDays: 3 },
      effectiveFrom: '2027-01-01',
      reason: '删除听证情形',
    });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.body).toContain('经过听证程序');
    const drafted = await wangzg.send('POST', '/api/v1/review-catalogue', {
      rules: base.inForce.rules,
      period: { workingDays: 10, extensionWorkingDays: 0 },
      effectiveFrom: '2027-01-01',
      reason: '审核期限按市场监管实践调整为 10 个工作日',
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const id = drafted.json<{ id: string }>().id;
    const approval = {
      approvedByBody: '衡阳县人民政府',
      approvalReference: '衡县政函〔2026〕88号',
      approvedOn: '2026-12-20',
    };
    const approved = await juzhang.send('POST', `/api/v1/review-catalogue/${id}/approval`, approval);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      approval: { body: '衡阳县人民政府', reference: '衡县政函〔2026〕88号' },
    });
    const twice = await juzhang.send('POST', `/api/v1/review-catalogue/${id}/approval`, approval);
    expect(twice.json<Problem>().code).toBe('CATALOGUE_INVALID_STATE');
    const in2027 = (await wangzg.get('/api/v1/review-catalogue?on=2027-01-02')).json<{
      inForce: { version: number; period: { workingDays: number } };
    }>();
    expect(in2027.inForce).toMatchObject({ version: 1, period: { workingDays: 10 } });
  });

  it('lists reviewers with qualification, training and workload', async () => {
    const training = await admin.send('POST', '/api/v1/reviews/reviewers/trainings', {
      personId: await personId(h, '李婷'),
      title: '行政处罚法制审核业务培训',
      organiser: '衡阳县司法局',
      heldOn: '2026-09-15',
      hours: 16,
    });
    expect(training.statusCode, training.body).toBe(201);
    const list = (await wangzg.get('/api/v1/reviews/reviewers')).json<
      { name: string; completedReviews: number; trainingHours: number; mayReview: boolean }[]
    >();
    expect(list.find((r) => r.name === '李婷')).toMatchObject({
      completedReviews: 4,
      trainingHours: 32,
      mayReview: true,
    });
    // The demo's approved reviews: the penalty case waiting for its decision and the closed penalty case.
    expect(list.find((r) => r.name === '王志刚')).toMatchObject({ completedReviews: 2, mayReview: true });
  });

  it('shows zero decisions without review, the refused attempts and return rates; exports them to Excel', async () => {
    const res = await juzhang.get('/api/v1/reviews/accountability?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      decisions: { checked: number; withoutReview: unknown[] };
      refusals: { total: number; byReason: Record<string, number> };
      returnRates: { byPerson: { name: string; submitted: number; returned: number }[] };
    }>();
    expect(report.decisions.checked).toBeGreaterThanOrEqual(1);
    expect(report.decisions.withoutReview).toEqual([]);
    expect(report.refusals.total).toBe(await refusals());
    expect(report.refusals.byReason).toMatchObject({
      no_review: 11,
      review_open: 1,
      review_failed: 1,
      review_void: 1,
    });
    expect(report.returnRates.byPerson.find((p) => p.name === '黄磊')).toMatchObject({ returned: 1 });
    const xlsx = await juzhang.get('/api/v1/reviews/accountability.xlsx?from=2026-01-01&to=2026-12-31');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '未经审核的决定',
      '逾期审核',
      '拒绝记录',
      '退回率（单位）',
      '退回率（承办人）',
      '审核人员',
    ]);
  });

  it('the demo: the penalty case waiting for its decision has its approved review; the gate lets it through', async () => {
    const waiting = await h.database.db
      .withoutPlugins()
      .selectFrom('cases')
      .select('id')
      .where('title', '=', '涉嫌经营超过保质期的食品')
      .where('state', '=', 'notified')
      .executeTakeFirstOrThrow();
    const res = await juzhang.get(`/api/v1/reviews/cases/${waiting.id}`);
    expect(res.json()).toMatchObject({
      gate: { major: true, refusal: null },
      reviews: [{ status: 'approved' }],
    });
    const queue = await wangzg.get('/api/v1/reviews?status=approved');
    expect(queue.json<{ total: number }>().total).toBeGreaterThanOrEqual(1);
  });

  it('leaves every review row as its recorded events say (sanxiang verify)', async () => {
    const mine = Object.fromEntries(Object.entries(subjectTables).filter(([, t]) => t.startsWith('review')));
    const { problems, checked } = await verifySubjects(h.database.db, mine);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
