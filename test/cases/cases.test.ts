import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import { auditCount, signIn, type Client } from '../harness.ts';
import {
  caseClients,
  organisation,
  openPenaltyCase,
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
 * Cases over HTTP: a penalty case from lead to archive, the refusals the issue names (wrong state,
 * uncertified officer, concurrent change, late step), deadlines with suspension and extension, the summary
 * procedure's limits, the discretion benchmark, and an inspection that becomes a penalty lead.
 */
describe.each(databaseKinds)('cases over HTTP on %s', (kind) => {
  let h: DocumentsHarness;
  let zhangwei: Client; // 大队长: officer and unit head
  let huanglei: Client; // officer
  let juzhang: Client; // agency head
  let wangzg: Client; // legal unit: reviewer
  let officers: string[];
  const party = organisation('衡阳县某某食品商行', '李某');

  beforeAll(async () => {
    h = await startDocumentsHarness(kind);
    ({ zhangwei, huanglei, juzhang, wangzg, officers } = await caseClients(h));
  });
  afterAll(() => h.close());

  /** What the officer proposes to the legal review (src/review/review.schema.ts `proposal`). */
  const proposal = (amountFen: number) => ({
    facts: '当事人未取得食品经营许可，在衡阳县西渡镇经营预包装食品。',
    summary: `罚款 ${amountFen / 100} 元`,
    measures: ['fine'],
    amountFen,
    confiscationFen: 0,
    circumstance: 'general',
    legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条' }],
    actEndedOn: '2026-10-08',
    placeRegionCode: '430421',
  });

  const lead = (extra: Record<string, unknown> = {}) =>
    openPenaltyCase(zhangwei, officers, { parties: [party], ...extra });

  it('takes a penalty case from lead to archive, each step an event with its record-log index', async () => {
    const created = await lead({ itemId: await itemId(h, 'CF-001'), discoveredOn: '2026-10-08' });
    const id = created.case.id;
    expect(created.case).toMatchObject({ state: 'lead', version: 1 });
    expect(created.case.caseNumber).toMatch(/^衡县市监处案〔2026〕\d+号$/);
    // 程序规定 §18: 15 working days from discovery, over the National Day make-up Saturday
    expect(created.deadlines).toMatchObject([
      { code: 'lead_verification', dueOn: '2026-10-28', metOn: null },
    ]);

    await step(juzhang, id, 'file', { on: '2026-10-09' });
    await step(huanglei, id, 'investigate', { on: '2026-10-12', place: '衡阳县西渡镇' });
    await step(huanglei, id, 'conclude_investigation', { on: '2026-10-16' });
    // The legal-review gate stands before the decision, checked before the body is read.
    const gated = await juzhang.send('POST', `/api/v1/cases/${id}/decision`, { nonsense: true });
    expect(gated.statusCode, gated.body).toBe(409);
    expect(gated.json()).toMatchObject({ code: 'REVIEW_REQUIRED' });
    // The review steps are the legal review's (法制审核), not the case step route's.
    const direct = await step(huanglei, id, 'submit_review', { on: '2026-10-16' }, 409);
    expect(direct.json<{ detail: string }>().detail).toContain('法制审核');
    await passReview(h, huanglei, wangzg, id, '2026-10-16', proposal(7_000_000));
    const notified = await step(huanglei, id, 'notify', { on: '2026-10-20', proposedAmountFen: 7_000_000 });
    // 行政处罚法 §64: the party has 5 working days to ask for a hearing
    expect(notified.json<CaseBody>().deadlines.find((d) => d.code === 'hearing_request')).toMatchObject({
      dueOn: '2026-10-27',
    });
    // Reviewed, the gate lets the decision through to the cases area's own checks.
    const general = { outcome: 'penalty', amountFen: 7_000_000, circumstance: 'general' };
    const early = await decision(juzhang, id, { ...general, on: '2026-10-27' }, 400);
    expect(early.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.rightsWaived');
    const heavier = await decision(juzhang, id, { ...general, on: '2026-10-28', amountFen: 8_000_000 }, 400);
    expect(heavier.json<{ detail: string }>().detail).toContain('行政处罚法 §45');
    const decided = await decision(juzhang, id, { ...general, on: '2026-10-28' });
    expect(decided.json()).toMatchObject({
      case: { state: 'decided', amountFen: 7_000_000, benchmarkOutcome: 'within' },
      mustPublish: true,
    });
    // Issue 5 item 9: the decision's publication draft, its deadline from the decision date.
    const draft = await h.database.db
      .withoutPlugins()
      .selectFrom('publications')
      .selectAll()
      .where('case_id', '=', id)
      .executeTakeFirst();
    expect(draft).toMatchObject({ status: 'draft', decided_on: '2026-10-28', kind: 'penalty' });

    await step(huanglei, id, 'serve', { on: '2026-10-29', serviceMethod: 'direct' });
    const short = await step(huanglei, id, 'record_payment', { on: '2026-11-05', amountFen: 6_000_000 }, 400);
    expect(short.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.amountFen');
    await step(huanglei, id, 'record_payment', { on: '2026-11-05', amountFen: 7_000_000 });
    await step(zhangwei, id, 'close', { on: '2026-11-06' });
    // 归档 files the case: not before its case file is assembled (卷宗封面、卷内文件目录、卷内备考表).
    const unassembled = await step(huanglei, id, 'archive', { on: '2026-11-09' }, 409);
    expect(unassembled.json<{ code: string }>().code).toBe('CASE_FILE_NOT_ASSEMBLED');
    await assembleFile(h, huanglei, id);
    const archived = await step(huanglei, id, 'archive', { on: '2026-11-09' });
    expect(archived.json<CaseBody>().case.state).toBe('archived');
    expect(archived.json<CaseBody>().deadlines.every((d) => d.metOn !== null)).toBe(true);

    await h.integrate();
    const tlRes = await zhangwei.get(`/api/v1/cases/${id}/timeline`);
    expect(tlRes.statusCode, tlRes.body).toBe(200);
    const timeline = tlRes.json<{
      items: { step: string | null; label: string; logIndex: number | null; on: string }[];
    }>().items;
    expect(timeline.map((e) => e.step).filter(Boolean)).toEqual([
      'file',
      'investigate',
      'conclude_investigation',
      'submit_review',
      'pass_review',
      'notify',
      'decide',
      'serve',
      'record_payment',
      'close',
      'archive',
    ]);
    expect(timeline.every((e) => typeof e.logIndex === 'number')).toBe(true);
    expect(timeline.find((e) => e.step === 'decide')?.label).toBe('作出处罚决定');
    // The AV checklist of the records area judges the case's steps (enforcement_steps, subject 'case').
    const steps = await zhangwei.get(`/api/v1/records/steps?subjectType=case&subjectId=${id}`);
    if (steps.statusCode === 200) expect(JSON.stringify(steps.json())).toContain('evidence_collection');
    // Parties are in their rows and the private audit rows, never in the public log entries.
    const entries = await h.database.db.withoutPlugins().selectFrom('log_entries').select('entry').execute();
    expect(entries.some((e) => Buffer.from(e.entry).includes(Buffer.from(party.name)))).toBe(false);
  });

  it('refuses a step the state does not allow, naming the state and the steps it allows', async () => {
    const { case: c } = await lead();
    const res = await step(huanglei, c.id, 'serve', {}, 409);
    const body = res.json<{ code: string; detail: string; state: string; allowed: { step: string }[] }>();
    expect(body.code).toBe('CASE_STEP_NOT_ALLOWED');
    expect(body.detail).toContain('案源登记');
    expect(body.detail).toContain('立案（file）');
    expect(body.allowed.map((a) => a.step)).toEqual([
      'file',
      'not_file',
      'transfer_judiciary',
      'transfer_jurisdiction',
    ]);
    expect(await versionOf(huanglei, c.id)).toBe(c.version);
  });

  it('refuses an officer without a valid certificate, naming them, and a step with fewer than two', async () => {
    const { case: c } = await lead({ officerIds: [] });
    // 郑凯's certificate ended on 2026-06-30; 冯雪's is suspended since 2026-09-01.
    for (const name of ['郑凯', '冯雪']) {
      const res = await zhangwei.send('POST', `/api/v1/cases/${c.id}/officers`, {
        version: await versionOf(zhangwei, c.id),
        personId: await personId(h, name),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CASE_OFFICERS_INVALID' });
      expect(res.json<{ detail: string }>().detail).toContain(name);
    }
    const one = await zhangwei.send('POST', `/api/v1/cases/${c.id}/officers`, {
      version: await versionOf(zhangwei, c.id),
      personId: officers[1],
    });
    expect(one.statusCode, one.body).toBe(200);
    const file = await step(juzhang, c.id, 'file', {}, 409);
    expect(file.json<{ detail: string }>().detail).toContain('不少于 2 名');
    // A declared conflict blocks until the head decides the recusal (行政处罚法 §43).
    await zhangwei.send('POST', `/api/v1/cases/${c.id}/officers`, {
      version: await versionOf(zhangwei, c.id),
      personId: officers[0],
    });
    const declared = await zhangwei.send(
      'POST',
      `/api/v1/cases/${c.id}/officers/${officers[0]}/declaration`,
      {
        version: await versionOf(zhangwei, c.id),
        conflict: true,
        declaration: '当事人系本人近亲属',
      },
    );
    expect(declared.statusCode, declared.body).toBe(200);
    expect((await step(juzhang, c.id, 'file', {}, 409)).json<{ detail: string }>().detail).toContain('张伟');
    const recused = await juzhang.send('POST', `/api/v1/cases/${c.id}/officers/${officers[0]}/recusal`, {
      version: await versionOf(juzhang, c.id),
      reason: '近亲属回避',
    });
    expect(recused.statusCode, recused.body).toBe(200);
    expect((await step(juzhang, c.id, 'file', {}, 409)).json<{ detail: string }>().detail).toContain(
      '当前指派 1 名',
    );
  });

  it('lets one of two concurrent changes win; the other gets 409 and nothing of it is written', async () => {
    const { case: c } = await lead();
    const before = await auditCount(h);
    const send = () => juzhang.send('POST', `/api/v1/cases/${c.id}/steps/file`, { version: c.version });
    const results = await Promise.all([send(), send()]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({
      code: 'CASE_VERSION_CONFLICT',
    });
    const winnerWrites = (await auditCount(h)) - before;
    const timeline = (await zhangwei.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { step: string | null }[];
    }>();
    expect(timeline.items.filter((e) => e.step === 'file')).toHaveLength(1);
    // A second attempt writes nothing at all.
    const again = await send();
    expect(again.statusCode).toBe(409);
    expect((await auditCount(h)) - before).toBe(winnerWrites);
  });

  it('refuses a late step without a reason where the law allows it late, records it with one', async () => {
    const { case: c } = await lead({ discoveredOn: '2026-10-08' });
    const late = await step(juzhang, c.id, 'file', { on: '2026-10-30' }, 409);
    expect(late.json()).toMatchObject({ code: 'CASE_DEADLINE_PASSED' });
    const filed = await step(juzhang, c.id, 'file', { on: '2026-10-30', lateReason: '等待检验报告' });
    expect(filed.json<CaseBody>().deadlines.find((d) => d.code === 'lead_verification')).toMatchObject({
      late: true,
    });
    // 行政处罚法 §60: 90 days from filing
    expect(filed.json<CaseBody>().deadlines.find((d) => d.code === 'decision')?.dueOn).toBe('2027-01-28');
  });

  it('moves the decision period by a suspension and an approved extension', async () => {
    const { case: c } = await lead({ discoveredOn: '2026-11-01' });
    await step(juzhang, c.id, 'file', { on: '2026-11-02' });
    const due = async () =>
      (await zhangwei.get(`/api/v1/cases/${c.id}`))
        .json<CaseBody>()
        .deadlines.find((d) => d.code === 'decision')?.dueOn;
    expect(await due()).toBe('2027-02-01'); // day 90 is Sunday 31 January (民法典 §203)
    const suspended = await zhangwei.send('POST', `/api/v1/cases/${c.id}/suspend`, {
      version: await versionOf(zhangwei, c.id),
      on: '2026-11-10',
      kind: 'testing',
      reason: '等待检验结果',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((await step(huanglei, c.id, 'investigate', {}, 409)).json()).toMatchObject({
      code: 'CASE_SUSPENDED',
    });
    const resumed = await zhangwei.send('POST', `/api/v1/cases/${c.id}/resume`, {
      version: await versionOf(zhangwei, c.id),
      on: '2026-11-20',
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await due()).toBe('2027-02-10'); // ten suspended days not counted
    const byUnitHead = await zhangwei.send('POST', `/api/v1/cases/${c.id}/extensions`, {
      version: await versionOf(zhangwei, c.id),
      code: 'decision',
      reason: '案情复杂',
    });
    expect(byUnitHead.statusCode).toBe(403);
    const extended = await juzhang.send('POST', `/api/v1/cases/${c.id}/extensions`, {
      version: await versionOf(juzhang, c.id),
      code: 'decision',
      reason: '案情复杂，经局长批准延长三十日',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(await due()).toBe('2027-03-12');
    const further = await juzhang.send('POST', `/api/v1/cases/${c.id}/extensions`, {
      version: await versionOf(juzhang, c.id),
      code: 'decision',
      reason: '再延长',
    });
    expect(further.statusCode).toBe(400);
    expect(further.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.deliberatedDays');
  });

  it('refuses an ID number or credit code whose check character is wrong, naming the field', async () => {
    const bad = async (party: Record<string, unknown>, path: string, message: RegExp) => {
      const res = await zhangwei.send('POST', '/api/v1/cases', {
        kind: 'penalty_ordinary',
        title: '涉嫌未取得食品经营许可从事食品经营',
        field: 'food',
        source: '投诉举报',
        parties: [party],
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ errors: { path: string; message: string }[] }>();
      expect(body.errors.find((e) => e.path === path)?.message).toMatch(message);
    };
    // GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17 (here it is 3, not X).
    await bad(
      { type: 'person', name: '李四', idNumber: '11010119900307123X' },
      'body.parties.0.idNumber',
      /校验码/,
    );
    // GB 32100-2015: the check character of 91430421MA4L16JQ9 is A, not 0.
    await bad(
      { type: 'organisation', name: '衡阳县某某商行', creditCode: '91430421MA4L16JQ90' },
      'body.parties.0.creditCode',
      /校验位/,
    );
    const ok = await zhangwei.send('POST', '/api/v1/cases', {
      kind: 'penalty_ordinary',
      title: '涉嫌未取得食品经营许可从事食品经营',
      field: 'food',
      source: '投诉举报',
      parties: [{ type: 'person', name: '李四', idNumber: '110101199003071233' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('shows a supervising agency a natural person party masked, without ID number, phone or address', async () => {
    const person = {
      type: 'person',
      name: '王小明',
      idNumber: '110101199003071233',
      phone: '13800138000',
      address: '衡阳县西渡镇某路 8 号',
    };
    const { case: c } = await lead({ parties: [person] });
    const own = (await zhangwei.get(`/api/v1/cases/${c.id}`)).json<{ parties: Record<string, unknown>[] }>();
    expect(own.parties[0]).toMatchObject({ name: '王小明', idNumber: person.idNumber, phone: person.phone });
    const supervisor = await signIn(h, 'jiandu');
    const county = await supervisor.get(`/api/v1/cases/${c.id}`);
    expect(county.statusCode).toBe(200);
    expect(county.json<{ parties: Record<string, unknown>[] }>().parties[0]).toMatchObject({
      name: '王某某',
      idNumber: null,
      phone: null,
      address: null,
    });
    expect(county.body).not.toContain('13800138000');
  });

  it('lists due and overdue periods for the workbench and supervision, and my tasks', async () => {
    const { case: c } = await lead({ discoveredOn: '2026-10-01' });
    const overdue = (await zhangwei.get('/api/v1/cases/deadlines?status=overdue')).json<{
      items: { caseId: string; code: string; overdue: boolean }[];
    }>().items;
    expect(overdue).toContainEqual(
      expect.objectContaining({ caseId: c.id, code: 'lead_verification', overdue: true }),
    );
    const mine = (await huanglei.get('/api/v1/cases/deadlines?mine=true&days=30')).json<{
      items: { caseId: string }[];
    }>();
    expect(mine.items.some((d) => d.caseId === c.id)).toBe(true);
    const supervisor = await signIn(h, 'jiandu');
    const county = (await supervisor.get('/api/v1/cases/deadlines?status=overdue')).json<{
      items: { caseId: string }[];
    }>();
    expect(county.items.some((d) => d.caseId === c.id)).toBe(true);
    // 程序规定 §18: filing is the agency head's task
    const tasks = (await juzhang.get('/api/v1/cases/tasks')).json<{
      items: { case: { id: string }; steps: { step: string }[] }[];
    }>();
    expect(tasks.items.find((t) => t.case.id === c.id)?.steps.map((s) => s.step)).toEqual([
      'file',
      'not_file',
    ]);
    const list = (await zhangwei.get(`/api/v1/cases?state=lead&q=${encodeURIComponent(c.caseNumber)}`)).json<{
      items: { id: string; partyNames: string[] }[];
    }>();
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, partyNames: [party.name] })]);
  });

  it('checks a penalty against the benchmark: outside needs a written reason and makes the decision major', async () => {
    const { case: c } = await lead({ itemId: await itemId(h, 'CF-001'), discoveredOn: '2026-10-08' });
    await step(juzhang, c.id, 'file', { on: '2026-10-09' });
    for (const s of ['investigate', 'conclude_investigation'])
      await step(huanglei, c.id, s, { on: '2026-10-12' });
    await passReview(h, huanglei, wangzg, c.id, '2026-10-13', {
      ...proposal(9_500_000),
      discretionReason: '拒不配合调查，情节较重',
    });
    await step(huanglei, c.id, 'notify', {
      on: '2026-10-14',
      proposedAmountFen: 9_500_000,
      rightsWaived: true,
    });
    const outside = { on: '2026-10-15', outcome: 'penalty', amountFen: 9_500_000, circumstance: 'general' };
    const refused = await decision(juzhang, c.id, outside, 400);
    expect(refused.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.discretionReason');
    const decided = await decision(juzhang, c.id, { ...outside, discretionReason: '拒不配合调查，情节较重' });
    expect(decided.json<CaseBody>().case).toMatchObject({
      major: true,
      majorReasons: ['outside_benchmark'],
      benchmarkOutcome: 'outside',
    });
  });

  it('holds the summary procedure to 200 yuan for a person and 3,000 yuan for an organisation', async () => {
    const summary = (p: Record<string, unknown>) =>
      create(huanglei, {
        kind: 'penalty_summary',
        title: '未按规定公示食品经营许可证',
        field: 'food',
        source: '日常检查',
        parties: [p],
        officerIds: officers,
      });
    const person = await summary({
      type: 'person',
      name: '王某',
      idNumber: null,
      phone: null,
      address: null,
    });
    const tooMuch = await decision(
      huanglei,
      person.case.id,
      { outcome: 'penalty', amountFen: 20_001, formNumber: 'No.0001' },
      422,
    );
    expect(tooMuch.json()).toMatchObject({ code: 'SUMMARY_PROCEDURE_EXCLUDED' });
    expect(tooMuch.json<{ detail: string }>().detail).toContain('200 元');
    const mitigated = await decision(
      huanglei,
      person.case.id,
      { outcome: 'penalty', amountFen: 100, circumstance: 'mitigated', formNumber: 'No.0001' },
      422,
    );
    expect(mitigated.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.circumstance');
    const ok = await decision(huanglei, person.case.id, {
      outcome: 'penalty',
      amountFen: 20_000,
      formNumber: 'No.0001',
    });
    expect(ok.json()).toMatchObject({ case: { state: 'decided' }, mustPublish: false });
    await step(huanglei, person.case.id, 'serve', { serviceMethod: 'on_the_spot' });
    await step(huanglei, person.case.id, 'record_payment', { amountFen: 20_000 });
    expect((await step(huanglei, person.case.id, 'file_with_agency')).json<CaseBody>().case.state).toBe(
      'closed',
    );

    // A warning: served, filed, and no payment period left running.
    const warned = await summary({
      type: 'person',
      name: '孙某',
      idNumber: null,
      phone: null,
      address: null,
    });
    await decision(huanglei, warned.case.id, { outcome: 'warning', formNumber: 'No.0003' });
    await step(huanglei, warned.case.id, 'serve', { serviceMethod: 'on_the_spot' });
    const filed = await step(huanglei, warned.case.id, 'file_with_agency');
    expect(filed.json<CaseBody>().case.state).toBe('closed');
    expect(filed.json<CaseBody>().deadlines).toEqual([]);

    const org = await summary(party);
    await decision(
      huanglei,
      org.case.id,
      { outcome: 'penalty', amountFen: 300_001, formNumber: 'No.0002' },
      422,
    );
    await decision(huanglei, org.case.id, { outcome: 'penalty', amountFen: 300_000, formNumber: 'No.0002' });
  });

  it('turns an inspection into a penalty lead, pointing back at the inspection', async () => {
    const { case: c } = await create(huanglei, {
      kind: 'inspection',
      title: '食品经营者日常监督检查',
      field: 'food',
      source: '年度检查计划',
      parties: [party],
      officerIds: officers,
    });
    await step(huanglei, c.id, 'inspect');
    await step(huanglei, c.id, 'record');
    await step(huanglei, c.id, 'conclude');
    expect(
      (await step(huanglei, c.id, 'refer_lead', {}, 400)).json<{ errors: { path: string }[] }>().errors[0]
        ?.path,
    ).toBe('body.reason');
    const referred = await step(huanglei, c.id, 'refer_lead', { reason: '发现超过保质期食品，涉嫌违法' });
    const leadId = referred.json<{ leadCaseId: string }>().leadCaseId;
    const leadCase = (await huanglei.get(`/api/v1/cases/${leadId}`)).json<
      CaseBody & { parties: { name: string }[] }
    >();
    expect(leadCase.case).toMatchObject({ kind: 'penalty_ordinary', state: 'lead', originCaseId: c.id });
    expect(leadCase.parties.map((p) => p.name)).toEqual([party.name]);
    expect(leadCase.deadlines.map((d) => d.code)).toEqual(['lead_verification']);
  });

  it('reserves decisions to their route and steps to their roles', async () => {
    const { case: c } = await lead();
    expect((await step(huanglei, c.id, 'file', {}, 403)).json<{ detail: string }>().detail).toContain(
      '负责人',
    );
    const viaStep = await huanglei.send('POST', `/api/v1/cases/${c.id}/steps/decide`, { version: c.version });
    expect(viaStep.statusCode).toBe(400);
    const other = await signIn(h, 'nyadmin');
    expect((await other.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
  });
});
