import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateAll } from '../../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifySubjects } from '../../src/platform/record-log/verify-subjects.ts';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

const ID = '430421198803150017'; // GB 11643 check character 7
const PHONE = '13807340021';
const ADDRESS = '衡阳县西渡镇解放路 18 号';

const penalty = (n: number) => ({
  kind: 'penalty',
  partyKind: 'natural_person',
  partyName: '李建华',
  documentNumber: `衡县市监处罚〔2026〕T${n}号`,
  decidedOn: '2026-11-20',
  title: '李建华销售过期食品案行政处罚决定书',
  summary: '当事人李建华在其经营的食杂店销售超过保质期的食品，罚款 5000 元。',
  documentText: `当事人：李建华，身份证号码 ${ID}，住址 ${ADDRESS}，联系电话 ${PHONE}。\n经查，当事人销售超过保质期的食品。\n决定：罚款人民币伍仟元。`,
  sanctions: [{ kind: 'fine', amountFen: 500_000 }],
  personalRecords: {
    naturalPersons: [{ name: '李建华', idNumber: ID, phone: PHONE, addresses: [ADDRESS] }],
  },
});

interface Detail {
  id: string;
  status: string;
  shownStatus: string;
  partyName: string;
  documentText: string;
  title: string;
  summary: string;
  publication: { dueOn: string; daysLeft: number; overdue: boolean; warnings: unknown[] };
  publishedOn: string | null;
  periodEndsOn: string | null;
  periodRule: string | null;
  withdrawalReason: string | null;
  withdrawal: { dueOn: string; overdue: boolean } | null;
  guard: unknown[];
  verificationCode: string | null;
  events: { action: string }[];
}

interface Problem {
  code: string;
  errors?: { path: string; message: string }[];
}

async function solved(h: Harness): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/publications/anti-robot/challenge' });
  const challenge = res.json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe.each(databaseKinds)('publications over HTTP on %s', (kind) => {
  let h: Harness;
  let officer: Client;
  let publisher: Client;
  let otherAdmin: Client;
  let publishedId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    officer = await signIn(h, 'zhangwei');
    publisher = await signIn(h, 'zhaoli');
    otherAdmin = await signIn(h, 'nyadmin');
  });
  afterAll(() => h.close());

  it('drafts with masking and a computed deadline, then review publishes it (118号: 7 working days)', async () => {
    const created = await officer.send('POST', '/api/v1/publications', penalty(1));
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<Detail>();
    publishedId = draft.id;
    expect(draft.status).toBe('draft');
    expect(draft.partyName).toBe('李某某');
    expect(draft.documentText).not.toContain(ID);
    expect(draft.documentText).not.toContain(PHONE);
    expect(draft.documentText).not.toContain(ADDRESS);
    expect(draft.documentText).not.toContain('李建华');
    expect(draft.title).toBe('李某某销售过期食品案行政处罚决定书');
    expect(draft.guard).toEqual([]);
    // 2026-11-20 (Fri) + 7 working days = 2026-12-01; today (2026-11-28, Sat) leaves 2 working days.
    expect(draft.publication).toEqual({ dueOn: '2026-12-01', daysLeft: 2, overdue: false, warnings: [] });

    const early = await publisher.send('POST', `/api/v1/publications/${draft.id}/approve`);
    expect(early.json<Problem>().code).toBe('PUBLICATION_INVALID_STATE');
    const submitted = await officer.send('POST', `/api/v1/publications/${draft.id}/submit`);
    expect(submitted.json<Detail>().status).toBe('in_review');
    expect((await officer.send('POST', `/api/v1/publications/${draft.id}/approve`)).statusCode).toBe(403);
    const before = await auditCount(h);
    const approved = await publisher.send('POST', `/api/v1/publications/${draft.id}/approve`, {
      note: '同意',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const pub = approved.json<Detail>();
    expect(pub).toMatchObject({ status: 'published', publishedOn: '2026-11-28', periodRule: 'three_years' });
    expect(pub.periodEndsOn).toBe('2029-11-28'); // 公示规定 §13: 3 years
    expect(pub.events.map((e) => e.action)).toEqual(['drafted', 'submitted', 'published']);
    expect(await auditCount(h)).toBe(before + 1);
    expect((await otherAdmin.get(`/api/v1/publications/${draft.id}`)).statusCode).toBe(404);
  });

  it('shows it on the portal with its verification code once the log has it', async () => {
    const keys = generateNoteKeys('test.sanxiang.example/log');
    await integrateAll({
      db: h.database.db,
      clock: h.clock,
      signers: [parseSignerKey(keys.signerKey)],
      origin: 'test.sanxiang.example/log',
      staging: testStagingKey,
    });
    const detail = (await publisher.get(`/api/v1/publications/${publishedId}`)).json<Detail>();
    expect(detail.verificationCode).toMatch(/^SX-\d+-[0-9A-Z]{6}$/);
    const page = await h.app.inject({ method: 'GET', url: `/publications/${publishedId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(detail.verificationCode);
    expect(page.body).toContain('李某某');
    expect(page.body).not.toContain(ID);
    expect(page.body).not.toContain('李建华');
    const found = await h.app.inject({
      method: 'GET',
      url: `/publications?q=${encodeURIComponent('李某某')}`,
    });
    expect(found.body).toContain(`/publications/${publishedId}`);
    const byNumber = await h.app.inject({
      method: 'GET',
      url: `/publications?documentNumber=${encodeURIComponent('衡县市监处罚〔2026〕T1号')}`,
    });
    expect(byNumber.body).toContain(`/publications/${publishedId}`);
    const feed = await h.app.inject({ method: 'GET', url: '/publications/feed.atom' });
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain(`/publications/${publishedId}`);
  });

  it('takes any characters in portal search and caps long queries', async () => {
    for (const q of [
      "%'; drop table publications; --",
      '_',
      '<script>alert(1)</script>',
      '字'.repeat(5000),
    ]) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/publications?q=${encodeURIComponent(q)}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    const capped = await h.app.inject({ method: 'GET', url: `/publications?q=${'字'.repeat(200)}` });
    expect(capped.body).toContain(`value="${'字'.repeat(50)}"`);
    expect(capped.body).not.toContain('字'.repeat(51));
  });

  it('refuses to submit text with an unmasked personal pattern, and says where (浙江 §7)', async () => {
    const created = await officer.send('POST', '/api/v1/publications', { ...penalty(2), autoMask: false });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json<Detail>();
    expect(draft.guard.length).toBeGreaterThan(0);
    const refused = await officer.send('POST', `/api/v1/publications/${draft.id}/submit`);
    expect(refused.statusCode).toBe(422);
    const problem = refused.json<Problem>();
    expect(problem.code).toBe('PUBLICATION_PERSONAL_DATA');
    expect(problem.errors).toContainEqual({
      path: 'body.documentText',
      message: '决定书正文第 1 行第 15 列起 18 个字符：身份证号码未脱敏',
    });
    expect(problem.errors).toContainEqual({
      path: 'body.partyName',
      message: '当事人第 1 行第 1 列起 3 个字符：自然人姓名未脱敏',
    });
    const after = (await officer.get(`/api/v1/publications/${draft.id}`)).json<Detail>();
    expect(after.status).toBe('draft');
    // Masking it (an edit with autoMask on) lets it through.
    const fixed = await officer.send('PATCH', `/api/v1/publications/${draft.id}`, { autoMask: true });
    expect(fixed.json<Detail>().guard).toEqual([]);
    expect((await officer.send('POST', `/api/v1/publications/${draft.id}/submit`)).statusCode).toBe(200);
    const returned = await publisher.send('POST', `/api/v1/publications/${draft.id}/return`, {
      reason: '摘要请写明违法事实',
    });
    expect(returned.json<Detail>()).toMatchObject({ status: 'draft' });
  });

  it('refuses to draft a decision that is never published: minors, warnings alone (公示规定 §2; 浙江 §5)', async () => {
    const refused = await officer.send('POST', '/api/v1/publications', {
      ...penalty(9),
      facts: { involvesMinor: true, warningOnly: true },
    });
    expect(refused.statusCode).toBe(422);
    const problem = refused.json<Problem & { refusals: string[] }>();
    expect(problem.code).toBe('PUBLICATION_NOT_PUBLISHABLE');
    expect(problem.refusals).toEqual(['WARNING_ONLY', 'INVOLVES_MINOR']);
    expect(problem.errors?.[0]?.path).toBe('body.facts');
  });

  it('refuses a withdrawal without a reason, and publishes the reason of one (行政处罚法 §48)', async () => {
    const none = await publisher.send('POST', `/api/v1/publications/${publishedId}/withdraw`, {
      occurredOn: '2026-11-27',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json<Problem>().errors?.[0]?.path).toBe('body.reason');
    const blank = await publisher.send('POST', `/api/v1/publications/${publishedId}/withdraw`, {
      reason: '  ',
      occurredOn: '2026-11-27',
    });
    expect(blank.statusCode).toBe(400);
    expect(
      (
        await officer.send('POST', `/api/v1/publications/${publishedId}/withdraw`, {
          reason: '复议撤销',
          occurredOn: '2026-11-27',
        })
      ).statusCode,
    ).toBe(403);
    const reason = '该决定经行政复议被撤销（衡县政复决字〔2026〕8号）';
    const done = await publisher.send('POST', `/api/v1/publications/${publishedId}/withdraw`, {
      reason,
      occurredOn: '2026-11-27',
    });
    expect(done.statusCode, done.body).toBe(200);
    // 2026-11-27 (Fri) + 3 working days = 2026-12-02: withdrawn on 11-28, on time.
    expect(done.json<Detail>()).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: reason,
      withdrawal: { dueOn: '2026-12-02', overdue: false },
    });
    const page = await h.app.inject({ method: 'GET', url: `/publications/${publishedId}` });
    expect(page.body).toContain('该决定信息已撤回');
    expect(page.body).toContain(reason);
    expect(page.body).not.toContain('经查，当事人销售超过保质期的食品');
    const feed = await h.app.inject({ method: 'GET', url: '/publications/feed.json' });
    const items = feed.json<{ items: { id: string; content_text: string }[] }>().items;
    expect(items.find((i) => i.id.endsWith(`${publishedId}#withdrawn`))?.content_text).toContain(reason);
  });

  it('takes a correction request with the anti-robot check, and limits each client (公示规定 §12)', async () => {
    const created = await officer.send('POST', '/api/v1/publications', penalty(3));
    const id = created.json<Detail>().id;
    await officer.send('POST', `/api/v1/publications/${id}/submit`);
    await publisher.send('POST', `/api/v1/publications/${id}/approve`);
    const url = `/api/v1/publications/${id}/corrections`;
    const body = { name: '王先生', contact: '13900000000', content: '罚款金额有误' };
    const post = async (altcha: string, ip = '203.0.113.7') =>
      h.app.inject({ method: 'POST', url, payload: { ...body, altcha }, remoteAddress: ip });

    const robot = await post('bm90IGEgc29sdXRpb24=');
    expect(robot.statusCode).toBe(400);
    expect(robot.json<Problem>().code).toBe('ANTI_ROBOT_FAILED');
    const payload = await solved(h);
    const ok = await post(payload);
    expect(ok.statusCode, ok.body).toBe(201);
    // 2026-11-28 + 20 working days (政府信息公开条例 §33 by analogy)
    expect(ok.json<{ dueOn: string }>().dueOn).toBe('2026-12-25');
    expect((await post(payload)).json<Problem>().code).toBe('ANTI_ROBOT_FAILED'); // used once only
    for (let i = 0; i < 2; i++) expect((await post(await solved(h))).statusCode).toBe(201);
    const limited = await post(await solved(h));
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Problem>().code).toBe('RATE_LIMITED');
    expect((await post(await solved(h), '203.0.113.8')).statusCode).toBe(201);

    const list = await publisher.get(`/api/v1/publications/corrections?publicationId=${id}&status=open`);
    const open = list.json<{ total: number; items: { id: string; deadline: { dueOn: string } }[] }>();
    expect(open.total).toBe(4);
    const answered = await publisher.send(
      'POST',
      `/api/v1/publications/corrections/${open.items[0]!.id}/answer`,
      {
        answer: '经核查，罚款金额无误',
        corrected: false,
      },
    );
    expect(answered.json<{ status: string; answer: string }>()).toMatchObject({ status: 'answered' });

    // The portal form without JavaScript: the server answers in HTML, keeping what was typed.
    const form = await h.app.inject({
      method: 'POST',
      url: `/publications/${id}/correction`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...body, content: '', altcha: '' }).toString(),
      remoteAddress: '203.0.113.9',
    });
    expect(form.statusCode).toBe(400);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('value="王先生"');
    expect(form.body).toContain('请填写更正内容与理由');
    expect(form.body).not.toContain('未知的键');
  });

  it('ends publicity early only under 公示规定 §14, and lets the period end by itself (§13)', async () => {
    const created = await officer.send('POST', '/api/v1/publications', penalty(4));
    const id = created.json<Detail>().id;
    await officer.send('POST', `/api/v1/publications/${id}/submit`);
    await publisher.send('POST', `/api/v1/publications/${id}/approve`);
    const facts = {
      requestedOn: '2026-11-28',
      applicant: '李建华',
      obligationsFulfilled: false,
      harmRemoved: true,
      penalisedAgainForSameKind: false,
      onAbnormalOrSeriousViolationList: false,
    };
    const refused = await publisher.send('POST', `/api/v1/publications/${id}/early-end`, facts);
    expect(refused.statusCode).toBe(409);
    // 信用修复管理办法 §6: not before six months of publicity, nor with the penalty unfulfilled.
    expect(refused.json<Problem & { unmet: string[] }>().unmet).toEqual([
      'MINIMUM_PERIOD_NOT_REACHED',
      'OBLIGATIONS_NOT_FULFILLED',
    ]);
    h.clock.advance(183 * 86_400_000); // past 2027-05-28
    publisher = await signIn(h, 'zhaoli'); // the sessions ran out with the months
    officer = await signIn(h, 'zhangwei');
    const ended = await publisher.send('POST', `/api/v1/publications/${id}/early-end`, {
      ...facts,
      requestedOn: '2027-05-30',
      obligationsFulfilled: true,
    });
    expect(ended.json<Detail>()).toMatchObject({ status: 'ended', shownStatus: 'ended' });
    expect((await h.app.inject({ method: 'GET', url: `/publications/${id}` })).statusCode).toBe(410);

    const lasting = await officer.send('POST', '/api/v1/publications', penalty(5));
    const lastingId = lasting.json<Detail>().id;
    await officer.send('POST', `/api/v1/publications/${lastingId}/submit`);
    await publisher.send('POST', `/api/v1/publications/${lastingId}/approve`);
    const search = `/publications?documentNumber=${encodeURIComponent('衡县市监处罚〔2026〕T5号')}`;
    expect((await h.app.inject({ method: 'GET', url: search })).body).toContain(lastingId);
    h.clock.advance((3 * 365 + 2) * 86_400_000); // past 2030-05-30
    expect((await h.app.inject({ method: 'GET', url: search })).body).not.toContain(lastingId);
    expect((await h.app.inject({ method: 'GET', url: `/publications/${lastingId}` })).statusCode).toBe(410);
    publisher = await signIn(h, 'zhaoli'); // the session ran out with the years
    const archive = (await publisher.get(`/api/v1/publications/${lastingId}`)).json<Detail>();
    expect(archive).toMatchObject({ status: 'published', shownStatus: 'ended' });
    const endedList = await publisher.get('/api/v1/publications?status=ended&pageSize=200');
    expect(endedList.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(lastingId);
  });

  it('exports the list to Excel and leaves every row as its records say (sanxiang verify)', async () => {
    const xlsx = await publisher.get('/api/v1/publications/export.xlsx?kind=penalty');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { problems } = await verifySubjects(h.database.db, subjectTables);
    expect(problems.filter((p) => ['publications', 'correction_requests'].includes(p.table))).toEqual([]);
  });
});

describe.each(databaseKinds)('the working-day calendar over HTTP on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await signIn(h, 'admin');
  });
  afterAll(() => h.close());

  it('counts working days publicly, the start day not counted (docs/rules.md Counting time)', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/working-days?from=2026-09-28&add=7',
    });
    expect(res.json()).toEqual({ date: '2026-10-13', warnings: [] });
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/working-days?from=2026-02-30&add=1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.[0]?.path).toBe('querystring.from');
  });

  it('warns when a deadline reaches an unloaded year, until the instance administrator loads its notice', async () => {
    const url = '/api/v1/calendar/working-days?from=2040-09-28&add=7';
    const before = (await h.app.inject({ method: 'GET', url })).json<{
      date: string;
      warnings: { year: number }[];
    }>();
    expect(before.warnings.map((w) => w.year)).toEqual([2040]);
    expect(before.date).toBe('2040-10-09');
    const notice = {
      year: 2040,
      title: '国务院办公厅关于2040年部分节假日安排的通知（测试）',
      holidays: ['2040-10-01', '2040-10-02', '2040-10-03', '2040-10-04', '2040-10-05'],
      makeUpWorkdays: ['2040-09-29'],
    };
    // One calendar serves every agency: its notices are the instance administrator's (the county office's).
    const instance = await signIn(h, 'jiandu');
    const wrong = await instance.send('POST', '/api/v1/calendar/years', {
      ...notice,
      makeUpWorkdays: ['2040-10-08'],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().errors?.[0]?.path).toBe('body.makeUpWorkdays.0');
    const officer = await signIn(h, 'zhangwei');
    expect((await officer.send('POST', '/api/v1/calendar/years', notice)).statusCode).toBe(403);
    expect((await admin.send('POST', '/api/v1/calendar/years', notice)).statusCode).toBe(403);
    const loaded = await instance.send('POST', '/api/v1/calendar/years', notice);
    expect(loaded.statusCode, loaded.body).toBe(201);
    const after = (await h.app.inject({ method: 'GET', url })).json<{ date: string; warnings: unknown[] }>();
    // 2040-09-28 (Fri) + 7: 29 (Sat, worked), 8, 9, 10, 11, 12, 15 Oct.
    expect(after).toEqual({ date: '2040-10-15', warnings: [] });
    const years = (await admin.get('/api/v1/calendar/years')).json<{
      years: { year: number; source: string }[];
    }>();
    expect(years.years.find((y) => y.year === 2040)).toMatchObject({ source: 'notice' });
    expect(years.years.find((y) => y.year === 2026)).toMatchObject({ source: 'bundled' });
  });
});
