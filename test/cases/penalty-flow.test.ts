import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startHarness, type Client, type Harness } from '../harness.ts';
import {
  caseClients,
  create,
  decision,
  itemId,
  passReview,
  reportFindings,
  step,
  versionOf,
  type CaseBody,
} from './cases-harness.ts';

/**
 * Issue 13 items 3, 4, 6 over HTTP: the sanctions proposed and decided as lists, the hearing right computed
 * at the notice (行政处罚法 §63; 听证办法 §5) with the ways a hearing request ends without a hearing, the
 * collective-deliberation gate (§57 ¶2), and the decided sanctions reaching the publication draft
 * (公示规定 §2, §13, §14).
 */
interface FlowBody extends CaseBody {
  case: CaseBody['case'] & {
    hearingRight: boolean | null;
    hearingRightGrounds: string[];
    proposedSanctions: unknown[];
    sanctions: unknown[];
    socialImpact: boolean;
  };
  deliberationRequired: { code: string; label: string; basis: string }[];
}

describe.each(databaseKinds)('the ordinary penalty procedure by its sanctions on %s', (kind) => {
  let h: Harness;
  let huanglei: Client; // officer
  let juzhang: Client; // agency head
  let wangzg: Client; // legal unit: reviewer
  let officers: string[];
  const company = {
    type: 'organisation',
    name: '衡阳县某某副食品批发部',
    creditCode: null,
    legalRepresentative: '周某',
    phone: null,
    address: null,
  };

  beforeAll(async () => {
    h = await startHarness(kind);
    ({ huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  const get = async (id: string) => (await huanglei.get(`/api/v1/cases/${id}`)).json<FlowBody>();

  /** A case filed, investigated and reviewed on the given proposal (amount and measures), ready for notice. */
  async function reviewed(amountFen: number, measures: string[], extra: Record<string, unknown> = {}) {
    const created = await create(huanglei, {
      kind: 'penalty_ordinary',
      title: '涉嫌经营超过保质期的食品',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '投诉举报',
      discoveredOn: '2026-10-08',
      parties: [company],
      officerIds: officers,
    });
    const id = created.case.id;
    await step(juzhang, id, 'file', { on: '2026-10-09' });
    for (const s of ['investigate', 'conclude_investigation'])
      await step(huanglei, id, s, { on: '2026-10-12' });
    await passReview(h, huanglei, wangzg, id, '2026-10-13', {
      facts: '当事人经营超过保质期的预包装食品。',
      summary: '拟处罚',
      measures,
      amountFen,
      confiscationFen: 0,
      circumstance: 'general',
      discretionReason: '货值较大，情节较重',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条' }],
      actEndedOn: '2026-10-08',
      placeRegionCode: '430421',
      ...extra,
    });
    return id;
  }

  it('issue 12 item 3: the report lists the sanctions once; the catalogue reads them; a notice with another term voids the review', async () => {
    const created = await create(huanglei, {
      kind: 'penalty_ordinary',
      title: '涉嫌经营超过保质期的食品',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '投诉举报',
      discoveredOn: '2026-10-08',
      parties: [company],
      officerIds: officers,
    });
    const id = created.case.id;
    await step(juzhang, id, 'file', { on: '2026-10-09' });
    await step(huanglei, id, 'investigate', { on: '2026-10-12' });
    const listed = [
      { kind: 'fine', amountFen: 600_000 },
      { kind: 'suspension_of_business', term: { value: 3, unit: 'month' } },
    ];
    const findings = { ...reportFindings('2026-10-08'), measures: [], amountFen: 0, sanctions: listed };
    const refused = await step(
      huanglei,
      id,
      'conclude_investigation',
      { on: '2026-10-12', findings: { ...findings, amountFen: 500_000 } },
      400,
    );
    expect(refused.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.findings.amountFen');
    await step(huanglei, id, 'conclude_investigation', { on: '2026-10-12', findings });
    const standing = (await huanglei.get(`/api/v1/cases/${id}/standing-proposal`)).json<{
      proposal: Record<string, unknown>;
    }>();
    expect(standing.proposal).toMatchObject({
      sanctions: listed,
      measures: ['fine', 'suspension'],
      amountFen: 600_000,
    });

    // Submitted as the report stands: 责令停产停业 is major by the catalogue's own rule, not by the amount.
    await passReview(h, huanglei, wangzg, id, '2026-10-13', null);
    const gate = async () =>
      (await huanglei.get(`/api/v1/reviews/cases/${id}`)).json<{
        gate: { refusal: string | null; reasons: { code: string }[] };
      }>().gate;
    expect((await gate()).reasons.map((r) => r.code)).toContain('suspension_or_revocation');
    expect((await gate()).refusal).toBeNull();

    // The notice proposes six months instead of the three reviewed: the review no longer covers it.
    const longer = [listed[0], { kind: 'suspension_of_business', term: { value: 6, unit: 'month' } }];
    await step(huanglei, id, 'notify', { on: '2026-10-14', proposedSanctions: longer });
    expect((await gate()).refusal).toBe('review_void');
  });

  it('行政处罚法 §63, §57 ¶2, §45; 公示规定 §13: 吊销 + fine carries the hearing right, needs deliberation, reaches the publication', async () => {
    const id = await reviewed(200_000, ['fine', 'licence_revocation']);
    const proposed = [{ kind: 'fine', amountFen: 200_000 }, { kind: 'licence_revocation' }];
    // The fine of the list and the amount must agree.
    const mismatch = await step(
      huanglei,
      id,
      'notify',
      { on: '2026-10-14', proposedSanctions: proposed, proposedAmountFen: 300_000 },
      400,
    );
    expect(mismatch.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.proposedAmountFen');
    const noAmount = await step(
      huanglei,
      id,
      'notify',
      { on: '2026-10-14', proposedSanctions: [{ kind: 'fine' }] },
      400,
    );
    expect(noAmount.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.proposedSanctions.0.amountFen',
    );

    const notified = (
      await step(huanglei, id, 'notify', { on: '2026-10-14', proposedSanctions: proposed })
    ).json<FlowBody>();
    expect(notified.case).toMatchObject({
      hearingRight: true,
      proposedAmountFen: 200_000,
      proposedSanctions: proposed,
    });
    expect(notified.case.hearingRightGrounds[0]).toContain('吊销许可证件');
    expect(notified.deliberationRequired).toMatchObject([{ code: 'hearing_right' }]);
    const timeline = (await huanglei.get(`/api/v1/cases/${id}/timeline`)).json<{
      items: { step: string | null; details: Record<string, unknown> }[];
    }>().items;
    expect(timeline.find((e) => e.step === 'notify')?.details).toMatchObject({
      hearingRight: { hearingRight: true, basis: expect.stringContaining('听证办法 §5') as unknown },
    });

    // The notice document states the hearing right (and its 5 working days), whatever the form sent.
    const notice = await huanglei.send('POST', '/api/v1/documents', {
      type: 'penalty_notice',
      subjectType: 'case',
      subjectId: id,
      data: { parties: [{ kind: 'organisation', name: company.name }], fields: { rights: '无' } },
    });
    expect(notice.statusCode, notice.body).toBe(201);
    const stored = await h.database.db
      .withoutPlugins()
      .selectFrom('issued_documents')
      .select('data')
      .where('id', '=', notice.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(stored.data.fields.rights).toContain('五个工作日内向本局提出听证申请');
    expect(stored.data.fields.proposed).toContain('吊销许可证件');

    await step(huanglei, id, 'request_hearing', { on: '2026-10-15' });
    // 行政处罚法 §63: in scope, the request cannot be refused.
    const refused = await step(
      juzhang,
      id,
      'refuse_hearing',
      { on: '2026-10-16', reason: '不属于听证范围' },
      409,
    );
    expect(refused.json<{ detail: string }>().detail).toContain('§63');
    const withdrawn = (await step(huanglei, id, 'withdraw_hearing', { on: '2026-10-16' })).json<FlowBody>();
    expect(withdrawn.case.state).toBe('hearing_ended');

    // 行政处罚法 §57 ¶2: no decision without the heads' collective deliberation; nothing written.
    const before = await versionOf(juzhang, id);
    const penalty = {
      on: '2026-10-19',
      outcome: 'penalty',
      circumstance: 'general',
      discretionReason: '货值较大',
    };
    const gated = await decision(juzhang, id, { ...penalty, sanctions: proposed }, 409);
    expect(gated.json()).toMatchObject({
      code: 'DELIBERATION_REQUIRED',
      deliberationRequired: [{ code: 'hearing_right' }],
    });
    expect(gated.json<{ detail: string }>().detail).toContain('§57 ¶2');
    expect(await versionOf(juzhang, id)).toBe(before);

    await step(juzhang, id, 'deliberate', { on: '2026-10-19' });
    // 行政处罚法 §45: a kind the notice did not name is refused at its path.
    const heavier = await decision(
      juzhang,
      id,
      { ...penalty, sanctions: [...proposed, { kind: 'closure' }] },
      400,
    );
    expect(heavier.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.sanctions.2.kind');
    const decided = (await decision(juzhang, id, { ...penalty, sanctions: proposed })).json<
      FlowBody & { mustPublish: boolean }
    >();
    expect(decided.case).toMatchObject({ state: 'decided', amountFen: 200_000, sanctions: proposed });
    expect(decided.mustPublish).toBe(true);
    const draft = await h.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select(['sanctions', 'summary'])
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    // 公示规定 §13, §14: the revocation reaches the publication (3 years, never early), not the fine alone.
    expect(draft.sanctions).toEqual([{ kind: 'fine', amountFen: 200_000 }, { kind: 'licence_revocation' }]);
    expect(draft.summary).toContain('吊销许可证件');
  });

  it('听证办法 §5: without the hearing right, a request can be refused with a reason and one head decides', async () => {
    const id = await reviewed(5_000_000, ['fine']);
    const notified = (
      await step(huanglei, id, 'notify', { on: '2026-10-14', proposedAmountFen: 5_000_000 })
    ).json<FlowBody>();
    expect(notified.case).toMatchObject({
      hearingRight: false,
      proposedSanctions: [{ kind: 'fine', amountFen: 5_000_000 }],
    });
    expect(notified.deliberationRequired).toEqual([]);
    await step(huanglei, id, 'request_hearing', { on: '2026-10-15' });
    const noReason = await step(wangzg, id, 'refuse_hearing', { on: '2026-10-16' }, 400);
    expect(noReason.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.reason');
    // The legal unit refuses (听证办法 §5: not in scope), which ends the hearing window.
    const ended = (
      await step(wangzg, id, 'refuse_hearing', { on: '2026-10-16', reason: '拟罚款 5 万元，未达听证标准' })
    ).json<FlowBody>();
    expect(ended.case.state).toBe('hearing_ended');
    expect(ended.nextSteps.map((s) => s.step)).toEqual(expect.arrayContaining(['deliberate', 'decide']));
    const decided = await decision(juzhang, id, {
      on: '2026-10-19',
      outcome: 'penalty',
      amountFen: 5_000_000,
      circumstance: 'general',
      discretionReason: '货值较大',
    });
    expect(decided.json<FlowBody>().case).toMatchObject({
      state: 'decided',
      sanctions: [{ kind: 'fine', amountFen: 5_000_000 }],
    });
  });

  it('听证办法: a no-show ends the hearing with the facts recorded; social impact calls for deliberation (§57 ¶2)', async () => {
    const id = await reviewed(5_000_000, ['fine']);
    await step(huanglei, id, 'notify', { on: '2026-10-14', proposedAmountFen: 5_000_000 });
    await step(huanglei, id, 'request_hearing', { on: '2026-10-15' });
    await step(huanglei, id, 'hearing_no_show', { on: '2026-10-16' }, 400);
    await step(huanglei, id, 'hearing_no_show', {
      on: '2026-10-16',
      reason: '经合法通知，当事人无正当理由未到场',
    });
    const badMark = await huanglei.send('POST', `/api/v1/cases/${id}/social-impact`, {
      version: await versionOf(huanglei, id),
      socialImpact: true,
    });
    expect(badMark.statusCode).toBe(400);
    const marked = await huanglei.send('POST', `/api/v1/cases/${id}/social-impact`, {
      version: await versionOf(huanglei, id),
      on: '2026-10-16',
      socialImpact: true,
      reason: '涉及学校周边食品安全，群众关注',
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json<FlowBody>().deliberationRequired).toMatchObject([{ code: 'social_impact' }]);
    const gated = await decision(
      juzhang,
      id,
      {
        on: '2026-10-19',
        outcome: 'penalty',
        amountFen: 5_000_000,
        circumstance: 'general',
        discretionReason: '货值较大',
      },
      409,
    );
    expect(gated.json()).toMatchObject({ code: 'DELIBERATION_REQUIRED' });
    await step(juzhang, id, 'deliberate', { on: '2026-10-19' });
    await decision(juzhang, id, {
      on: '2026-10-19',
      outcome: 'penalty',
      amountFen: 5_000_000,
      circumstance: 'general',
      discretionReason: '货值较大',
    });
    expect((await get(id)).case.socialImpact).toBe(true);
  });

  it('公示规定 §2, §13: 通报批评 alone is its own sanction and is published', async () => {
    const id = await reviewed(0, ['warning']);
    await step(huanglei, id, 'notify', {
      on: '2026-10-14',
      proposedSanctions: [{ kind: 'circulated_criticism' }],
      rightsWaived: true,
    });
    const decided = await decision(juzhang, id, {
      on: '2026-10-15',
      outcome: 'penalty',
      sanctions: [{ kind: 'circulated_criticism' }],
      circumstance: 'general',
      discretionReason: '情节轻微',
    });
    expect(decided.json<{ mustPublish: boolean }>().mustPublish).toBe(true);
    const draft = await h.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .select('sanctions')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(draft.sanctions).toEqual([{ kind: 'circulated_criticism' }]);
  });
});
