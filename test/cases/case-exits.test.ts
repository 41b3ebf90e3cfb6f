import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import type { Client } from '../harness.ts';
import {
  caseClients,
  create,
  decision,
  itemId,
  passReview,
  personId,
  step,
  versionOf,
  type CaseBody,
  assembleFile,
} from './cases-harness.ts';

/**
 * Issue 13 items 7, 11, 14, 15 over HTTP on both databases: typed suspensions that exclude only the time
 * the law names, the hearing's steps while it is suspended for a hearing; recusal that does not stop the
 * investigation and the party's application; the exits of an ordinary penalty case; the 个体工商户.
 */
describe.each(databaseKinds)('correct to the statute on %s', (kind) => {
  let h: DocumentsHarness;
  let zhangwei: Client; // officer and unit head
  let huanglei: Client; // officer
  let juzhang: Client; // agency head
  let wangzg: Client; // reviewer
  let officers: string[];
  const party = {
    type: 'organisation',
    name: '衡阳县某某食品有限公司',
    creditCode: null,
    legalRepresentative: '李某',
    phone: null,
    address: null,
  };

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    ({ zhangwei, huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  const lead = (discoveredOn: string, item: string | null = null) =>
    create(zhangwei, {
      kind: 'penalty_ordinary',
      title: '涉嫌销售不符合食品安全标准的食品',
      itemId: item,
      field: 'food',
      source: '投诉举报',
      discoveredOn,
      parties: [party],
      officerIds: officers,
    });
  const post = async (client: Client, url: string, id: string, body: Record<string, unknown>) =>
    client.send('POST', url, { version: await versionOf(client, id), ...body });
  const suspend = (id: string, body: Record<string, unknown>) =>
    post(zhangwei, `/api/v1/cases/${id}/suspend`, id, body);
  const resume = (id: string, on: string) => post(zhangwei, `/api/v1/cases/${id}/resume`, id, { on });
  const detail = async (id: string) => (await zhangwei.get(`/api/v1/cases/${id}`)).json<CaseBody>();
  const deadline = async (id: string, code: string) =>
    (await detail(id)).deadlines.find((d) => d.code === code) as CaseBody['deadlines'][number] & {
      endedReason: string | null;
      exclusions: { kind: string; applied: boolean; text: string }[];
    };

  it('行政强制法 §25 ¶3: only testing time extends a seizure; another suspension does not, and the case says so', async () => {
    const seizure = await create(zhangwei, {
      kind: 'coercion',
      title: '扣押涉嫌不符合食品安全标准的食品',
      field: 'food',
      source: '检查发现',
      discoveredOn: '2026-09-01',
      parties: [party],
      officerIds: officers,
    });
    const id = seizure.case.id;
    await step(juzhang, id, 'approve', { on: '2026-09-01' });
    await step(huanglei, id, 'enforce', { on: '2026-09-01', measure: 'seizure' });
    expect((await deadline(id, 'coercive_measure')).dueOn).toBe('2026-10-01');
    const untyped = await suspend(id, { on: '2026-09-05', reason: '当事人下落不明' });
    expect(untyped.statusCode).toBe(400);
    expect(untyped.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.kind');
    expect(
      (await suspend(id, { on: '2026-09-05', kind: 'other', reason: '当事人下落不明' })).statusCode,
    ).toBe(200);
    expect((await step(huanglei, id, 'release', { on: '2026-09-10' }, 409)).json()).toMatchObject({
      code: 'CASE_SUSPENDED',
    });
    expect((await resume(id, '2026-09-25')).statusCode).toBe(200);
    const other = await deadline(id, 'coercive_measure');
    expect(other.dueOn).toBe('2026-10-01');
    expect(other.exclusions).toMatchObject([{ kind: 'other', applied: false }]);
    expect(other.exclusions[0]?.text).toContain('不从「查封、扣押期限」中扣除');

    const tested = await create(zhangwei, {
      kind: 'coercion',
      title: '扣押待检验的食品',
      field: 'food',
      source: '检查发现',
      discoveredOn: '2026-09-01',
      parties: [party],
      officerIds: officers,
    });
    await step(juzhang, tested.case.id, 'approve', { on: '2026-09-01' });
    await step(huanglei, tested.case.id, 'enforce', { on: '2026-09-01', measure: 'seizure' });
    await suspend(tested.case.id, { on: '2026-09-05', kind: 'testing', reason: '送检，已书面告知当事人' });
    await resume(tested.case.id, '2026-09-25');
    const testing = await deadline(tested.case.id, 'coercive_measure');
    expect(testing.dueOn).toBe('2026-10-21');
    expect(testing.exclusions).toMatchObject([{ kind: 'testing', applied: true }]);
  });

  it('程序规定 §18, §64: a suspension for another ground stops the 90 days but not the lead verification', async () => {
    const { case: c } = await lead('2026-11-02');
    expect((await deadline(c.id, 'lead_verification')).dueOn).toBe('2026-11-23');
    await suspend(c.id, { on: '2026-11-03', kind: 'other', reason: '等待有权机关对法律适用问题的答复' });
    await resume(c.id, '2026-11-06');
    expect((await deadline(c.id, 'lead_verification')).dueOn).toBe('2026-11-23');
    const timeline = (await zhangwei.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { action: string; details: Record<string, unknown> }[];
    }>();
    expect(timeline.items.find((e) => e.action === 'suspended')?.details).toMatchObject({ kind: 'other' });
    await step(juzhang, c.id, 'file', { on: '2026-11-09' });
    await suspend(c.id, { on: '2026-11-10', kind: 'other', reason: '当事人下落不明' });
    await resume(c.id, '2026-11-20');
    // 90 days from 11-09 is 2027-02-07 (Sunday → 02-08); ten suspended days later: 2027-02-17
    expect((await deadline(c.id, 'decision')).dueOn).toBe('2027-02-17');
  });

  it('程序规定 §64: while suspended for a hearing, the hearing is asked for and held; nothing else is done', async () => {
    const { case: c } = await lead('2026-11-02', await itemId(h, 'CF-001'));
    await step(juzhang, c.id, 'file', { on: '2026-11-02' });
    await step(huanglei, c.id, 'investigate', { on: '2026-11-03' });
    await step(huanglei, c.id, 'conclude_investigation', { on: '2026-11-04' });
    await passReview(h, huanglei, wangzg, c.id, '2026-11-05', {
      facts: '当事人销售不符合食品安全标准的食品。',
      summary: '罚款 5 万元',
      measures: ['fine'],
      amountFen: 5_000_000,
      confiscationFen: 0,
      circumstance: 'general',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条' }],
      actEndedOn: '2026-10-30',
      placeRegionCode: '430421',
    });
    await step(huanglei, c.id, 'notify', { on: '2026-11-06', proposedAmountFen: 5_000_000 });
    expect(
      (await suspend(c.id, { on: '2026-11-09', kind: 'hearing', reason: '当事人要求听证' })).statusCode,
    ).toBe(200);
    await step(huanglei, c.id, 'request_hearing', { on: '2026-11-09' });
    await step(huanglei, c.id, 'hold_hearing', {
      on: '2026-11-20',
      hearingChairId: await personId(h, '王志刚'),
      hearingNotifiedOn: '2026-11-09',
    });
    const refused = await decision(
      juzhang,
      c.id,
      { outcome: 'penalty', amountFen: 5_000_000, circumstance: 'general', on: '2026-11-21' },
      409,
    );
    expect(refused.json()).toMatchObject({ code: 'CASE_SUSPENDED' });
    expect(refused.json<{ detail: string }>().detail).toContain('听证期间只能办理听证环节');
    await resume(c.id, '2026-11-23');
    const decisionPeriod = await deadline(c.id, 'decision');
    // 90 days from 11-02 is 2027-01-31 (Sunday → 02-01); fourteen hearing days later (11-09..11-22): 02-14
    // (Sunday → 02-15)
    expect(decisionPeriod.dueOn).toBe('2027-02-15');
    expect(decisionPeriod.exclusions).toMatchObject([{ kind: 'hearing', applied: true }]);
  });

  it('行政处罚法 §43 ¶3: a pending recusal does not stop the investigation; the party applies, the head decides', async () => {
    const { case: c } = await lead('2026-11-27');
    const [zhang, huang] = officers as [string, string];
    const declared = await post(huanglei, `/api/v1/cases/${c.id}/officers/${huang}/declaration`, c.id, {
      conflict: true,
      declaration: '本人与当事人法定代表人系同学',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    // Filing is not an investigating act: it waits for the head's decision.
    expect((await step(juzhang, c.id, 'file', {}, 409)).json()).toMatchObject({
      code: 'CASE_RECUSAL_PENDING',
    });
    const recused = await post(juzhang, `/api/v1/cases/${c.id}/officers/${huang}/recusal`, c.id, {
      reason: '与当事人法定代表人系同学，决定回避',
    });
    expect(recused.statusCode).toBe(200);
    await post(zhangwei, `/api/v1/cases/${c.id}/officers`, c.id, { personId: await personId(h, '何强') });
    await step(juzhang, c.id, 'file');

    // The party's written application, entered by an officer.
    const applied = await post(
      zhangwei,
      `/api/v1/cases/${c.id}/officers/${zhang}/recusal-application`,
      c.id,
      {
        applicant: '衡阳县某某食品有限公司',
        grounds: '执法人员张伟曾与本公司有经济纠纷',
      },
    );
    expect(applied.statusCode, applied.body).toBe(200);
    const again = await post(zhangwei, `/api/v1/cases/${c.id}/officers/${zhang}/recusal-application`, c.id, {
      applicant: '衡阳县某某食品有限公司',
      grounds: '同上',
    });
    expect(again.statusCode).toBe(409);
    const pending = applied.json<{
      officers: { personId: string; recusalPending: boolean; applications: { id: string }[] }[];
    }>();
    const officer = pending.officers.find((o) => o.personId === zhang)!;
    expect(officer.recusalPending).toBe(true);
    // 不停止调查: the investigation goes on; concluding it waits.
    await step(zhangwei, c.id, 'investigate');
    expect((await step(zhangwei, c.id, 'conclude_investigation', {}, 409)).json()).toMatchObject({
      code: 'CASE_RECUSAL_PENDING',
    });
    const applicationId = officer.applications[0]!.id;
    const url = `/api/v1/cases/${c.id}/recusal-applications/${applicationId}/decision`;
    expect((await post(zhangwei, url, c.id, { granted: false, reason: '理由不成立' })).statusCode).toBe(403);
    const refused = await post(juzhang, url, c.id, {
      granted: false,
      reason: '经审查，所称纠纷不存在，不予回避',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(
      refused
        .json<{ officers: { personId: string; recusalPending: boolean; recusedAt: string | null }[] }>()
        .officers.find((o) => o.personId === zhang),
    ).toMatchObject({ recusalPending: false, recusedAt: null });
    expect((await post(juzhang, url, c.id, { granted: true, reason: '再决定' })).statusCode).toBe(409);
    await step(zhangwei, c.id, 'conclude_investigation');
  });

  it('行政处罚法 §27; 国务院令第310号: a suspected crime goes to the judiciary by the head, the 90 days end, the file is archived', async () => {
    const { case: c } = await lead('2026-11-02');
    await step(juzhang, c.id, 'file', { on: '2026-11-02' });
    await step(huanglei, c.id, 'investigate', { on: '2026-11-03' });
    const byUnitHead = await step(
      zhangwei,
      c.id,
      'transfer_judiciary',
      { reason: '涉嫌生产销售不符合安全标准的食品罪' },
      403,
    );
    expect(byUnitHead.json()).toMatchObject({ code: 'FORBIDDEN' });
    const noBody = await step(
      juzhang,
      c.id,
      'transfer_judiciary',
      { on: '2026-11-10', reason: '涉嫌犯罪' },
      400,
    );
    expect(noBody.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(
      'body.transferee',
    );
    const moved = await step(juzhang, c.id, 'transfer_judiciary', {
      on: '2026-11-10',
      reason: '涉案食品经检验不符合食品安全标准，涉嫌生产、销售不符合安全标准的食品罪',
      transferee: '衡阳县公安局',
    });
    expect(moved.json<CaseBody>().case.state).toBe('transferred_judiciary');
    const ended = await deadline(c.id, 'decision');
    expect(ended).toMatchObject({ metOn: '2026-11-10', late: false, endedReason: '涉嫌犯罪移送司法机关' });
    const suspendExited = await suspend(c.id, { kind: 'other', reason: '—' });
    expect(suspendExited.statusCode).toBe(409);
    await assembleFile(h, zhangwei, c.id);
    expect((await step(zhangwei, c.id, 'archive', { on: '2026-11-11' })).json<CaseBody>().case.state).toBe(
      'archived',
    );
  });

  it('程序规定 §48: ending the investigation names its typed ground; 程序规定 §15: a lead goes to the competent agency', async () => {
    const { case: c } = await lead('2026-11-02');
    await step(juzhang, c.id, 'file', { on: '2026-11-02' });
    const noGround = await step(
      juzhang,
      c.id,
      'terminate_investigation',
      { on: '2026-11-05', reason: '当事人死亡' },
      400,
    );
    expect(noGround.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.terminationGround');
    const badGround = await step(
      juzhang,
      c.id,
      'terminate_investigation',
      { terminationGround: 'tired', reason: 'x' },
      400,
    );
    expect(badGround.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.terminationGround');
    const ended = await step(juzhang, c.id, 'terminate_investigation', {
      on: '2026-11-05',
      reason: '当事人（个人独资企业）已注销，无权利义务承受人',
      terminationGround: 'organisation_terminated',
    });
    expect(ended.json<CaseBody>().case.state).toBe('investigation_terminated');

    const other = await lead('2026-11-02');
    const transferred = await step(juzhang, other.case.id, 'transfer_jurisdiction', {
      on: '2026-11-04',
      reason: '违法行为发生地在衡南县',
      transferee: '衡南县市场监督管理局',
    });
    expect(transferred.json<CaseBody>().case.state).toBe('transferred_jurisdiction');
    expect(await deadline(other.case.id, 'lead_verification')).toMatchObject({
      late: false,
      endedReason: '移送有管辖权的机关',
    });
  });

  it('行政处罚法 §51: a 个体工商户 is a natural person for the summary limit; a 92 credit code makes one', async () => {
    const summary = (p: Record<string, unknown>) =>
      create(huanglei, {
        kind: 'penalty_summary',
        title: '未按规定公示食品经营许可证',
        field: 'food',
        source: '日常检查',
        parties: [p],
        officerIds: officers,
      });
    const shop = await summary({
      type: 'individual_business',
      name: '衡阳县西渡镇某某副食店',
      creditCode: '92430421MA4Q8E2K7B',
      operatorName: '赵某某',
      idNumber: null,
      phone: null,
      address: null,
    });
    const tooMuch = await decision(
      huanglei,
      shop.case.id,
      { outcome: 'penalty', amountFen: 50_000, formNumber: 'No.0101' },
      422,
    );
    expect(tooMuch.json<{ detail: string }>().detail).toContain('200 元');
    // Entered as an organisation, the 92 code corrects it: 个体工商户, the legal representative its operator.
    const corrected = await summary({
      ...party,
      creditCode: '92430421MA4Q8E2K7B',
      legalRepresentative: '赵某某',
    });
    expect((corrected as unknown as { parties: Record<string, unknown>[] }).parties[0]).toMatchObject({
      type: 'individual_business',
      operatorName: '赵某某',
      legalRepresentative: null,
    });
    await decision(
      huanglei,
      corrected.case.id,
      { outcome: 'penalty', amountFen: 50_000, formNumber: 'No.0102' },
      422,
    );
    await decision(huanglei, corrected.case.id, {
      outcome: 'penalty',
      amountFen: 20_000,
      formNumber: 'No.0102',
    });
    const noOperator = await huanglei.send('POST', '/api/v1/cases', {
      kind: 'penalty_summary',
      title: '未按规定公示食品经营许可证',
      field: 'food',
      source: '日常检查',
      parties: [
        {
          type: 'individual_business',
          name: '某某副食店',
          creditCode: null,
          phone: null,
          address: null,
          idNumber: null,
        },
      ],
      officerIds: officers,
    });
    expect(noOperator.statusCode).toBe(400);
    expect(noOperator.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.parties.0.operatorName',
    );
  });
});
