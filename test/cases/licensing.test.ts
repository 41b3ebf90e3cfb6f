import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startHarness, type Client, type Harness } from '../harness.ts';
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
} from './cases-harness.ts';

/**
 * Licensing cases over HTTP on both databases (行政许可法 §32, §42, §44, §45, §46–§48): the 5 days to accept,
 * refuse or tell what to complete, else the application counts as accepted on receipt; the decision period
 * from acceptance with hearing and testing time not counted; the licence within 10 working days of a grant;
 * licensing hearings.
 */
describe.each(databaseKinds)('licensing cases over HTTP on %s', (kind) => {
  let h: Harness;
  let huanglei: Client; // officer
  let juzhang: Client; // agency head
  let wangzg: Client; // legal unit: reviewer
  let officers: string[];
  const party = {
    type: 'organisation',
    name: '衡阳县某某餐饮店',
    creditCode: null,
    legalRepresentative: '李某',
    phone: null,
    address: null,
  };

  beforeAll(async () => {
    h = await startHarness(kind);
    ({ huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  const apply = async (discoveredOn: string, item: string | null = null) =>
    create(huanglei, {
      kind: 'licensing',
      title: '食品经营许可（新办）',
      itemId: item ? await itemId(h, item) : null,
      field: 'food',
      source: '窗口申请',
      parties: [party],
      officerIds: officers,
      discoveredOn,
    });
  /** The period of a code: the running one, else the last met. */
  const deadline = (body: CaseBody, code: string) =>
    body.deadlines.find((d) => d.code === code && d.metOn === null) ??
    body.deadlines.findLast((d) => d.code === code);
  const detail = async (id: string) => (await huanglei.get(`/api/v1/cases/${id}`)).json<CaseBody>();
  const events = (caseId: string) =>
    h.database.db
      .withoutPlugins()
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();

  it('行政许可法 §32: not told to complete within 5 working days, the application counts as accepted on the day received, and the decision period runs from there', async () => {
    const created = await apply('2026-09-28');
    const id = created.case.id;
    expect(created.case.state).toBe('applied');
    // §32 ¶1 (四), §82: five working days across National Day, to the make-up Saturday
    expect(deadline(created, 'licensing_completion_notice')).toMatchObject({
      dueOn: '2026-10-10',
      metOn: null,
    });

    const tooLate = await step(
      huanglei,
      id,
      'request_completion',
      { on: '2026-10-12', reason: '补正营业执照' },
      409,
    );
    expect(tooLate.json()).toMatchObject({
      code: 'CASE_DEADLINE_PASSED',
      detail: expect.stringContaining('即为受理') as unknown,
    });
    expect(await versionOf(huanglei, id)).toBe(created.case.version); // nothing of it written

    const accepted = (await step(huanglei, id, 'accept', { on: '2026-10-12' })).json<CaseBody>();
    expect(accepted.case.state).toBe('accepted');
    expect(deadline(accepted, 'licensing_completion_notice')).toMatchObject({
      metOn: '2026-10-12',
      late: true,
    });
    // §42, §82: twenty working days from the day of receipt, not from the late acceptance
    expect(deadline(accepted, 'licensing_decision')).toMatchObject({ dueOn: '2026-10-30', metOn: null });
    const opened = await h.database.db
      .withoutPlugins()
      .selectFrom('case_deadlines')
      .select('opened_on')
      .where('case_id', '=', id)
      .where('code', '=', 'licensing_decision')
      .executeTakeFirstOrThrow();
    expect(opened.opened_on).toBe('2026-09-28');
    const last = (await events(id)).at(-1);
    expect(last).toMatchObject({ step: 'accept', on_date: '2026-10-12' });
    expect(last?.reason).toContain('逾期未告知补正，自收到申请材料之日起即为受理');
    expect(last?.details).toMatchObject({ deemedAcceptedOn: '2026-09-28' });
  });

  it('行政许可法 §32: a refusal names its reason and the remedy; completed materials start the 5 days again', async () => {
    const created = await apply('2026-11-02');
    const id = created.case.id;
    const noRemedy = await step(
      huanglei,
      id,
      'refuse_acceptance',
      { on: '2026-11-03', reason: '不属于本机关职权' },
      400,
    );
    expect(noRemedy.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.remedy',
    ]);

    await step(huanglei, id, 'request_completion', {
      on: '2026-11-03',
      reason: '一次告知：补正食品安全管理制度文本',
    });
    const again = (await step(huanglei, id, 'receive_completion', { on: '2026-11-16' })).json<CaseBody>();
    expect(again.case.state).toBe('applied');
    expect(deadline(again, 'licensing_completion_notice')).toMatchObject({
      dueOn: '2026-11-23',
      metOn: null,
    });
    const accepted = (await step(huanglei, id, 'accept', { on: '2026-11-17' })).json<CaseBody>();
    expect(deadline(accepted, 'licensing_decision')?.dueOn).toBe('2026-12-15');
  });

  it('行政许可法 §44: a grant opens the licence period of 10 working days; the licence issued late needs a reason', async () => {
    const created = await apply('2026-10-08', 'XK-001');
    const id = created.case.id;
    await step(huanglei, id, 'accept', { on: '2026-10-09' });
    await step(huanglei, id, 'examine', { on: '2026-10-12', place: '衡阳县西渡镇' });
    await passReview(h, huanglei, wangzg, id, '2026-10-13', {
      facts: '申请人申请食品经营许可，经现场核查，经营场所、设备设施符合要求。',
      summary: '准予食品经营许可',
      legalBases: [{ law: '中华人民共和国行政许可法', article: '第三十八条' }],
      actEndedOn: '2026-10-08',
    });
    const decided = (
      await decision(juzhang, id, { on: '2026-10-14', outcome: 'grant', reason: '符合法定条件、标准' })
    ).json<CaseBody>();
    expect(deadline(decided, 'licence_issuance')).toMatchObject({ dueOn: '2026-10-28', metOn: null });
    const asRefusal = await step(huanglei, id, 'serve', { on: '2026-11-02', serviceMethod: 'direct' }, 400);
    expect(asRefusal.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const late = await step(huanglei, id, 'issue_licence', { on: '2026-11-02' }, 409);
    expect(late.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.lateReason');
    const issued = (
      await step(huanglei, id, 'issue_licence', { on: '2026-11-02', lateReason: '制证系统故障，已书面说明' })
    ).json<CaseBody>();
    expect(issued.case.state).toBe('served');
    expect(deadline(issued, 'licence_issuance')).toMatchObject({ metOn: '2026-11-02', late: true });
  });

  it('行政许可法 §47, §48, §45: right told, request in 5 days, held within 20 by a chair who did not review, its time not counted', async () => {
    const created = await apply('2026-11-02');
    const id = created.case.id;
    await step(huanglei, id, 'accept', { on: '2026-11-02' });
    await step(huanglei, id, 'examine', { on: '2026-11-02' });
    const told = (await step(huanglei, id, 'notify_hearing_right', { on: '2026-11-02' })).json<CaseBody>();
    expect(deadline(told, 'licensing_hearing_request')?.dueOn).toBe('2026-11-09');
    expect(deadline(told, 'licensing_decision')?.dueOn).toBe('2026-11-30');
    const requested = (await step(huanglei, id, 'request_hearing', { on: '2026-11-09' })).json<CaseBody>();
    expect(deadline(requested, 'licensing_hearing')?.dueOn).toBe('2026-12-07');

    const hearing = { on: '2026-11-20', hearingNotifiedOn: '2026-11-09', hearingRecordSigned: true };
    const byReviewer = await step(
      huanglei,
      id,
      'hold_hearing',
      { ...hearing, hearingChairId: officers[0] },
      400,
    );
    expect(byReviewer.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      {
        path: 'body.hearingChairId',
        message: expect.stringContaining('审查该行政许可申请的工作人员') as unknown,
      },
    ]);
    const unsigned = await step(
      huanglei,
      id,
      'hold_hearing',
      { ...hearing, hearingRecordSigned: false, hearingChairId: await personId(h, '王志刚') },
      400,
    );
    expect(unsigned.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.hearingRecordSigned',
    ]);
    const held = (
      await step(huanglei, id, 'hold_hearing', { ...hearing, hearingChairId: await personId(h, '王志刚') })
    ).json<CaseBody>();
    expect(held.case.state).toBe('heard');
    expect(held.case.excludedTime).toEqual([
      { kind: 'hearing', from: '2026-11-09', to: '2026-11-20', notifiedOn: '2026-11-09' },
    ]);
    // §45: the hearing's ten working days are not counted
    expect(deadline(held, 'licensing_decision')?.dueOn).toBe('2026-12-14');
    expect(deadline(held, 'licensing_hearing')).toMatchObject({ metOn: '2026-11-20', late: false });
  });

  it('行政许可法 §45: testing time told in writing is not counted; other time is refused at its field', async () => {
    const created = await apply('2026-11-02');
    const id = created.case.id;
    await step(huanglei, id, 'accept', { on: '2026-11-02' });
    const exclude = async (body: Record<string, unknown>) =>
      huanglei.send('POST', `/api/v1/cases/${id}/excluded-time`, {
        version: await versionOf(huanglei, id),
        ...body,
      });
    const testing = {
      kind: 'testing',
      from: '2026-11-09',
      to: '2026-11-13',
      notifiedOn: '2026-11-09',
      reason: '送检水质',
    };
    const backwards = await exclude({ ...testing, to: '2026-11-06' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.to');
    const suspension = await exclude({ ...testing, kind: 'suspension' });
    expect(suspension.statusCode).toBe(400);
    expect(suspension.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.kind');
    const done = await exclude(testing);
    expect(done.statusCode, done.body).toBe(200);
    expect(deadline(done.json<CaseBody>(), 'licensing_decision')?.dueOn).toBe('2026-12-07');
    const overlap = await exclude({ ...testing, kind: 'appraisal' });
    expect(overlap.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.from');
    expect((await detail(id)).case.excludedTime).toHaveLength(1);
  });
});
