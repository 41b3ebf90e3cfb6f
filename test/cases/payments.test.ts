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
  step,
  versionOf,
  type CaseBody,
  assembleFile,
} from './cases-harness.ts';

/**
 * Payment and execution of fines over HTTP (行政处罚法 §66–§72; 行政强制法 §35, §53–§55): a bank payment
 * recorded by its receipt, on-the-spot collection and its hand-over, deferral and instalments with the
 * surcharge they leave, and non-payment — the demand, then the application to the court, then closing.
 */
describe.each(databaseKinds)('payment and execution of fines on %s', (kind) => {
  let h: DocumentsHarness;
  let zhangwei: Client; // officer and unit head
  let huanglei: Client; // officer
  let juzhang: Client; // agency head
  let wangzg: Client; // reviewer
  let officers: string[];

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    ({ zhangwei, huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  const shop = {
    type: 'organisation',
    name: '衡阳县某某副食店',
    creditCode: null,
    legalRepresentative: '赵某',
    phone: null,
    address: '衡阳县西渡镇某某街 3 号',
  };

  /** An ordinary case decided on 12 Jan 2026 and served on 13 Jan: its 15 days end on Wed 28 Jan. */
  async function served(amountFen: number): Promise<string> {
    const created = await create(zhangwei, {
      kind: 'penalty_ordinary',
      title: '涉嫌销售过期食品',
      itemId: await itemId(h, 'CF-001'),
      field: 'food',
      source: '投诉举报',
      parties: [shop],
      officerIds: officers,
      discoveredOn: '2026-01-05',
    });
    const id = created.case.id;
    await step(juzhang, id, 'file', { on: '2026-01-06' });
    await step(huanglei, id, 'investigate', { on: '2026-01-07' });
    await step(huanglei, id, 'conclude_investigation', { on: '2026-01-08' });
    await passReview(h, huanglei, wangzg, id, '2026-01-08', {
      facts: '当事人销售超过保质期的预包装食品。',
      summary: `罚款 ${amountFen / 100} 元`,
      measures: ['fine'],
      amountFen,
      confiscationFen: 0,
      circumstance: 'general',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十四条' }],
      actEndedOn: '2026-01-05',
      placeRegionCode: '430421',
    });
    await step(huanglei, id, 'notify', {
      on: '2026-01-09',
      proposedAmountFen: amountFen,
      rightsWaived: true,
    });
    await decision(juzhang, id, {
      outcome: 'penalty',
      amountFen,
      circumstance: 'general',
      discretionReason: '当事人积极配合调查，依裁量基准酌定',
      on: '2026-01-12',
    });
    const res = await step(huanglei, id, 'serve', { on: '2026-01-13', serviceMethod: 'direct' });
    expect(res.json<CaseBody>().deadlines.find((d) => d.code === 'payment')?.dueOn).toBe('2026-01-28');
    return id;
  }

  const post = async (
    client: Client,
    id: string,
    path: string,
    body: Record<string, unknown>,
    status: number,
  ) => {
    const res = await client.send('POST', `/api/v1/cases/${id}/${path}`, {
      version: await versionOf(client, id),
      ...body,
    });
    expect(res.statusCode, `${path}: ${res.body}`).toBe(status);
    return res;
  };
  const firstError = (res: { json: <T>() => T }) =>
    res.json<{ errors: { path: string; message: string }[] }>().errors[0];
  const view = async (id: string) =>
    (await zhangwei.get(`/api/v1/cases/${id}/payment`)).json<{
      due: { totalFen: number; surchargeFen: number; lastDay: string; instalment: number | null } | null;
      payments: {
        id: string;
        method: string;
        surchargeFen: number;
        handovers: { stage: string; late: boolean }[];
      }[];
      plans: { id: string; status: string; lastDay: string | null }[];
      execution: { step: string }[];
    }>();

  it('行政处罚法 §67: records a bank payment by its receipt; refuses one without it and on-the-spot collection of 150 yuan in the ordinary procedure (§68)', async () => {
    const id = await served(15_000);
    const noReceipt = await post(
      huanglei,
      id,
      'payments',
      { method: 'bank', amountFen: 15_000, paidOn: '2026-01-20' },
      422,
    );
    expect(noReceipt.json()).toMatchObject({ code: 'PAYMENT_COLLECTION_REFUSED' });
    expect(firstError(noReceipt)?.path).toBe('body.bankReceiptRef');
    const onTheSpot = await post(
      huanglei,
      id,
      'payments',
      {
        method: 'on_the_spot',
        ground: 'small_amount',
        receiptNumber: 'No.001',
        amountFen: 15_000,
        paidOn: '2026-01-20',
      },
      422,
    );
    expect(firstError(onTheSpot)).toMatchObject({ path: 'body.ground' });
    expect(firstError(onTheSpot)?.message).toContain('§68');
    const short = await post(
      huanglei,
      id,
      'payments',
      { method: 'bank', bankReceiptRef: 'ICBC-0120-01', amountFen: 10_000, paidOn: '2026-01-20' },
      400,
    );
    expect(firstError(short)?.message).toContain('§66');
    // Nothing of the refused attempts was written.
    expect((await view(id)).payments).toEqual([]);
    const paid = await post(
      huanglei,
      id,
      'payments',
      { method: 'bank', bankReceiptRef: 'ICBC-0120-01', amountFen: 15_000, paidOn: '2026-01-20' },
      200,
    );
    expect(paid.json<CaseBody>().case).toMatchObject({ state: 'executed', paidFen: 15_000, surchargeFen: 0 });
    expect((await view(id)).payments).toMatchObject([{ method: 'bank', surchargeFen: 0 }]);
    expect((await view(id)).due).toBeNull();
  });

  it('行政处罚法 §66 ¶2: an approved deferral moves the last day and no surcharge accrues during it (§72)', async () => {
    const id = await served(15_000);
    await post(
      huanglei,
      id,
      'payment-plans',
      { kind: 'deferral', appliedOn: '2026-01-20', application: '确有经济困难', until: '2026-01-28' },
      400,
    );
    await post(
      huanglei,
      id,
      'payment-plans',
      { kind: 'deferral', appliedOn: '2026-01-20', application: '确有经济困难', until: '2026-02-27' },
      200,
    );
    const planId = (await view(id)).plans[0]?.id ?? '';
    const byOfficer = await post(
      huanglei,
      id,
      `payment-plans/${planId}/decision`,
      { approved: true, on: '2026-01-21' },
      403,
    );
    expect(byOfficer.json<{ detail: string }>().detail).toContain('§66');
    const refusedNoReason = await post(
      juzhang,
      id,
      `payment-plans/${planId}/decision`,
      { approved: false, on: '2026-01-21' },
      400,
    );
    expect(firstError(refusedNoReason)?.path).toBe('body.reason');
    const approved = await post(
      juzhang,
      id,
      `payment-plans/${planId}/decision`,
      { approved: true, on: '2026-01-21', reason: '同意暂缓至2月27日' },
      200,
    );
    expect(approved.json<CaseBody>().deadlines.find((d) => d.code === 'payment')?.dueOn).toBe('2026-02-27');
    expect((await view(id)).plans).toMatchObject([{ status: 'approved', lastDay: '2026-02-27' }]);
    // Paid Mon 2 Mar: 3 days after the deferral (not 33 after the 15 days): 9 % of 150 yuan.
    const late = await post(
      huanglei,
      id,
      'payments',
      {
        method: 'bank',
        bankReceiptRef: 'ICBC-0302-07',
        amountFen: 15_000,
        paidOn: '2026-03-02',
        lateReason: '当事人逾期三日缴纳',
      },
      400,
    );
    expect(firstError(late)?.message).toContain('163.5');
    const paid = await post(
      huanglei,
      id,
      'payments',
      {
        method: 'bank',
        bankReceiptRef: 'ICBC-0302-07',
        amountFen: 16_350,
        paidOn: '2026-03-02',
        lateReason: '当事人逾期三日缴纳',
      },
      200,
    );
    expect(paid.json<CaseBody>().case).toMatchObject({
      state: 'executed',
      paidFen: 16_350,
      surchargeFen: 1_350,
    });
  });

  it('行政处罚法 §66 ¶2, §72: instalments each with their own last day; a missed instalment alone bears the surcharge', async () => {
    const id = await served(100_000);
    const instalments = [
      { dueOn: '2026-01-28', amountFen: 50_000 },
      { dueOn: '2026-02-27', amountFen: 50_000 },
    ];
    await post(
      huanglei,
      id,
      'payment-plans',
      { kind: 'instalments', appliedOn: '2026-01-20', application: '确有经济困难，申请分两期', instalments },
      200,
    );
    const planId = (await view(id)).plans[0]?.id ?? '';
    await post(
      juzhang,
      id,
      `payment-plans/${planId}/decision`,
      { approved: true, on: '2026-01-21', reason: '同意分两期' },
      200,
    );
    const first = await post(
      huanglei,
      id,
      'payments',
      { method: 'electronic', bankReceiptRef: 'EP-0127-1', amountFen: 50_000, paidOn: '2026-01-27' },
      200,
    );
    expect(first.json<CaseBody>().case.state).toBe('served');
    expect(first.json<CaseBody>().deadlines.find((d) => d.code === 'payment')?.dueOn).toBe('2026-02-27');
    expect((await view(id)).due).toMatchObject({ instalment: 2 });
    const second = await post(
      huanglei,
      id,
      'payments',
      {
        method: 'electronic',
        bankReceiptRef: 'EP-0302-2',
        amountFen: 54_500,
        paidOn: '2026-03-02',
        lateReason: '第二期逾期三日',
      },
      200,
    );
    // 3 days × 3 % of the second instalment (500 yuan) = 45 yuan.
    expect(second.json<CaseBody>().case).toMatchObject({
      state: 'executed',
      surchargeFen: 4_500,
      paidFen: 104_500,
    });
  });

  it('行政强制法 §53, §54: a demand after the payment period, then the court application after the party’s period to sue; the case closes', async () => {
    const id = await served(500_000);
    // The generic step route refuses the steps of non-payment.
    expect(
      (await step(huanglei, id, 'demand_payment', { on: '2026-02-02' }, 400)).json<{ detail: string }>()
        .detail,
    ).toContain('payment-demand');
    const early = await post(huanglei, id, 'payment-demand', { on: '2026-01-28' }, 400);
    expect(firstError(early)?.path).toBe('body.on');
    const demanded = await post(
      huanglei,
      id,
      'payment-demand',
      { on: '2026-02-02', documentNumber: '衡县市监催〔2026〕1号' },
      200,
    );
    const periods = demanded.json<CaseBody>().deadlines;
    expect(demanded.json<CaseBody>().case.state).toBe('demanded');
    // 10 working days from service of the demand (行政强制法 §69): Sat 14 Feb is a make-up working day.
    expect(periods.find((d) => d.code === 'payment_demand')).toMatchObject({
      dueOn: '2026-02-14',
      metOn: null,
    });
    expect(periods.find((d) => d.code === 'payment')).toMatchObject({ metOn: '2026-02-02', late: true });
    // The party may sue for 6 months from service (行政诉讼法 §46): to 13 Jul; then 3 months (§53).
    expect(periods.find((d) => d.code === 'court_application')).toMatchObject({ dueOn: '2026-10-13' });
    const beforeSuitEnds = await post(
      juzhang,
      id,
      'court-application',
      { on: '2026-07-13', court: '衡阳县人民法院', noRemedySought: true },
      409,
    );
    expect(beforeSuitEnds.json()).toMatchObject({ code: 'COURT_APPLICATION_PREMATURE' });
    expect(beforeSuitEnds.json<{ detail: string }>().detail).toContain('§53');
    const byOfficer = await post(
      huanglei,
      id,
      'court-application',
      { on: '2026-07-14', court: '衡阳县人民法院', noRemedySought: true },
      403,
    );
    expect(byOfficer.json()).toMatchObject({ code: 'FORBIDDEN' });
    const unconfirmed = await post(
      juzhang,
      id,
      'court-application',
      { on: '2026-07-14', court: '衡阳县人民法院' },
      400,
    );
    expect(firstError(unconfirmed)?.path).toBe('body.noRemedySought');
    const applied = await post(
      juzhang,
      id,
      'court-application',
      { on: '2026-07-14', court: '衡阳县人民法院', noRemedySought: true },
      200,
    );
    expect(applied.json<CaseBody>().case.state).toBe('court_applied');
    expect(applied.json<CaseBody>().deadlines.find((d) => d.code === 'court_application')).toMatchObject({
      metOn: '2026-07-14',
      late: false,
    });
    expect(applied.json<CaseBody>().nextSteps.map((s) => s.step)).toContain('close');
    const closed = await step(zhangwei, id, 'close', { on: '2026-07-15' });
    expect(closed.json<CaseBody>().case.state).toBe('closed');
    const result = await post(
      huanglei,
      id,
      'court-result',
      { on: '2026-08-20', result: 'enforcement_ordered', documentNumber: '（2026）湘0421行审1号' },
      200,
    );
    expect(result.json<CaseBody>().case.state).toBe('closed');
    expect((await view(id)).execution.map((e) => e.step)).toEqual([
      'demand_payment',
      'apply_court_enforcement',
      'record_court_result',
    ]);
    await assembleFile(h, huanglei, id);
    const archived = await step(huanglei, id, 'archive', { on: '2026-08-21' });
    expect(archived.json<CaseBody>().deadlines.every((d) => d.metOn !== null)).toBe(true);
  });

  it('行政处罚法 §68, §70, §71: on the spot in the summary procedure against the special receipt, handed over within 2 working days', async () => {
    const created = await create(huanglei, {
      kind: 'penalty_summary',
      title: '未按规定公示食品经营许可证',
      field: 'food',
      source: '日常检查',
      parties: [{ type: 'person', name: '钱某', idNumber: null, phone: null, address: '衡阳县井头镇某某村' }],
      officerIds: officers,
      discoveredOn: '2026-11-20',
    });
    const id = created.case.id;
    await decision(huanglei, id, {
      outcome: 'penalty',
      amountFen: 15_000,
      formNumber: 'No.0101',
      on: '2026-11-20',
    });
    await step(huanglei, id, 'serve', { on: '2026-11-20', serviceMethod: 'on_the_spot' });
    const spot = { method: 'on_the_spot', amountFen: 15_000, paidOn: '2026-11-20' };
    const tooMuch = await post(
      huanglei,
      id,
      'payments',
      { ...spot, ground: 'small_amount', receiptNumber: '湘财 No.0001' },
      422,
    );
    expect(firstError(tooMuch)?.message).toContain('§68（一）');
    const noReceipt = await post(huanglei, id, 'payments', { ...spot, ground: 'hard_to_execute' }, 422);
    expect(firstError(noReceipt)).toMatchObject({ path: 'body.receiptNumber' });
    const paid = await post(
      huanglei,
      id,
      'payments',
      { ...spot, ground: 'hard_to_execute', receiptNumber: '湘财 No.0001' },
      200,
    );
    expect(paid.json<CaseBody>().case.state).toBe('executed');
    // Collected Fri 20 Nov: to the agency by Tue 24 Nov.
    expect(paid.json<CaseBody>().deadlines.find((d) => d.code === 'cash_handover')).toMatchObject({
      dueOn: '2026-11-24',
      metOn: null,
    });
    const paymentId = (await view(id)).payments[0]?.id ?? '';
    const toBankFirst = await post(
      huanglei,
      id,
      `payments/${paymentId}/handovers`,
      { stage: 'to_bank', on: '2026-11-23' },
      400,
    );
    expect(firstError(toBankFirst)?.path).toBe('body.stage');
    const late = await post(
      huanglei,
      id,
      `payments/${paymentId}/handovers`,
      { stage: 'to_agency', on: '2026-11-25' },
      409,
    );
    expect(firstError(late)?.path).toBe('body.lateReason');
    await post(
      huanglei,
      id,
      `payments/${paymentId}/handovers`,
      { stage: 'to_agency', on: '2026-11-25', lateReason: '外勤未返回', reference: '财务收讫 0091' },
      200,
    );
    const banked = await post(
      zhangwei,
      id,
      `payments/${paymentId}/handovers`,
      { stage: 'to_bank', on: '2026-11-26', reference: '缴款书 3301' },
      200,
    );
    expect(banked.json<CaseBody>().deadlines.filter((d) => d.code.startsWith('cash_'))).toMatchObject([
      { code: 'cash_handover', late: true, metOn: '2026-11-25' },
      { code: 'cash_deposit', late: false, metOn: '2026-11-26' },
    ]);
    expect((await view(id)).payments[0]?.handovers).toMatchObject([
      { stage: 'to_agency', late: true },
      { stage: 'to_bank', late: false },
    ]);
    // The database refuses to change a payment: it is a fact.
    await expect(
      h.database.db
        .withoutPlugins()
        .updateTable('case_payments')
        .set({ amount_fen: 1 })
        .where('id', '=', paymentId)
        .execute(),
    ).rejects.toThrow();
  });
});
