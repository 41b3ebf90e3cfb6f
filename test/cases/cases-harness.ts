import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { principalForSession } from '../../src/org/sign-in.service.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { points } from '../../src/review/review.rules.ts';
import type { DocumentsHarness } from '../documents/documents-harness.ts';
import { signIn, type Harness, type Client } from '../harness.ts';

/** Helpers for the case tests: people by name, and steps that name the case's current version. */

export interface CaseBody {
  case: {
    id: string;
    state: string;
    version: number;
    caseNumber: string;
    major: boolean;
    majorReasons: string[];
  } & Record<string, unknown>;
  deadlines: { code: string; dueOn: string; metOn: string | null; late: boolean; overdue: boolean }[];
  officers: { personId: string; name: string; recusedAt: string | null }[];
  nextSteps: { step: string; mayTake: boolean }[];
}

/** The demo's people a case test signs in (src/demo/demo-data.ts), and the officers cases are opened with. */
export interface CaseClients {
  /** 张伟, 大队长: officer and unit head. */
  zhangwei: Client;
  /** 黄磊: officer. */
  huanglei: Client;
  /** 刘建国, 局长: agency head (files, decides, recuses). */
  juzhang: Client;
  /** 王志刚, 法制股股长: reviewer and unit head of the legal unit. */
  wangzg: Client;
  /** The county's supervision office (an agency above): reads the agencies below. */
  jiandu: Client;
  /** The person ids of 张伟 and 黄磊, the two officers a case is opened with. */
  officers: string[];
}

/** Signs in the demo's officers, agency head, reviewer and supervisor of a case test, once per harness. */
export async function caseClients(h: Harness): Promise<CaseClients> {
  // One after another, as people sign in (each enrols its second factor).
  const zhangwei = await signIn(h, 'zhangwei');
  const huanglei = await signIn(h, 'huanglei');
  const juzhang = await signIn(h, 'juzhang');
  const wangzg = await signIn(h, 'wangzg');
  const jiandu = await signIn(h, 'jiandu');
  const officers = [await personId(h, '张伟'), await personId(h, '黄磊')];
  return { zhangwei, huanglei, juzhang, wangzg, jiandu, officers };
}

/** An organisation as a case's party, named with its legal representative. */
export const organisation = (name: string, legalRepresentative: string) => ({
  type: 'organisation',
  name,
  creditCode: null,
  legalRepresentative,
  phone: null,
  address: '衡阳县西渡镇某某路 1 号',
});

/**
 * Opens an ordinary penalty case (a food complaint with no item, unless `extra` says otherwise) through the
 * API as `client`, with the given officers.
 */
export function openPenaltyCase(
  client: Client,
  officerIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<CaseBody> {
  return create(client, {
    kind: 'penalty_ordinary',
    title: '涉嫌未取得食品经营许可从事食品经营',
    itemId: null,
    field: 'food',
    source: '投诉举报',
    parties: [organisation('衡阳县某某食品店', '赵某')],
    officerIds,
    ...extra,
  });
}

export async function personId(h: Harness, name: string): Promise<string> {
  const row = await h.database.db
    .withoutPlugins()
    .selectFrom('people')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function itemId(h: Harness, code: string): Promise<string> {
  const row = await h.database.db
    .withoutPlugins()
    .selectFrom('power_items as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .select('i.id')
    .where('i.code', '=', code)
    .where('a.short_name', '=', '衡县市监')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function versionOf(client: Client, id: string): Promise<number> {
  const res = await client.get(`/api/v1/cases/${id}`);
  return res.json<CaseBody>().case.version;
}

/**
 * The investigation report a case test concludes with unless it gives its own (issue 12 item 4: the
 * facts are written once, at the conclusion, and submitted to the review as they are).
 */
export const reportFindings = (actEndedOn: string) => ({
  facts: '当事人未取得食品经营许可，在其经营场所经营预包装食品，货值金额 3,000 元，违法所得无法计算。',
  evidence: '现场笔录、询问笔录证明上述事实，当事人无异议。',
  summary: '罚款 6,000 元',
  measures: ['fine'],
  amountFen: 600_000,
  circumstance: 'general',
  violatedBases: [{ law: '中华人民共和国食品安全法', article: '第三十五条第一款' }],
  legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十二条第一款' }],
  actEndedOn,
});

/**
 * Takes a step on the case's current version; fails the test unless it answers `status`. A penalty
 * case's conclusion carries `reportFindings` of its day unless the body gives findings.
 */
export async function step(
  client: Client,
  id: string,
  name: string,
  body: Record<string, unknown> = {},
  status = 200,
): Promise<LightMyRequestResponse> {
  const report =
    name === 'conclude_investigation' && !('findings' in body)
      ? { findings: reportFindings(typeof body.on === 'string' ? body.on : '2026-11-01') }
      : {};
  const res = await client.send('POST', `/api/v1/cases/${id}/steps/${name}`, {
    version: await versionOf(client, id),
    ...report,
    ...body,
  });
  expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
  return res;
}

export async function decision(
  client: Client,
  id: string,
  body: Record<string, unknown>,
  status = 200,
): Promise<LightMyRequestResponse> {
  const res = await client.send('POST', `/api/v1/cases/${id}/decision`, {
    version: await versionOf(client, id),
    ...body,
  });
  expect(res.statusCode, `decision: ${res.body}`).toBe(status);
  return res;
}

/**
 * Assembles the case's file, as the archive step asks (行政处罚法 §47; CASE_FILE_NOT_ASSEMBLED otherwise):
 * the record log integrated so the documents can be sealed, then 组卷.
 */
export async function assembleFile(h: DocumentsHarness, client: Client, caseId: string): Promise<void> {
  await h.integrate();
  const res = await client.send('POST', '/api/v1/case-files', { subjectType: 'case', subjectId: caseId });
  expect(res.statusCode, res.body).toBe(200);
}

export async function create(client: Client, body: Record<string, unknown>): Promise<CaseBody> {
  const res = await client.send('POST', '/api/v1/cases', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseBody>();
}

/** The legal-review findings, all satisfied (src/review/review.rules.ts points). */
const allSatisfied = points.map((point) => ({ point, finding: 'satisfied', note: '已逐项核实' }));

/**
 * Takes a case through a passed legal review (src/review/) on the day `on`: the officer submits (the case's
 * submit_review step), the legal unit's head assigns himself and approves (pass_review). The harness clock
 * is set to that day and back, so the review's steps fall in the case's order of dates.
 */
export async function passReview(
  h: Harness,
  officer: Client,
  reviewer: Client,
  caseId: string,
  on: string,
  /** null: submitted without one, the investigation report stands (issue 12 item 4). */
  proposal: Record<string, unknown> | null,
): Promise<void> {
  const now = h.clock.now();
  h.clock.advance(new Date(`${on}T10:00:00+08:00`).getTime() - now.getTime());
  try {
    const submitted = await officer.send('POST', '/api/v1/reviews', {
      caseId,
      ...(proposal === null ? {} : { proposal }),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const reviewId = submitted.json<{ id: string }>().id;
    const me = (await principalOfClient(h, reviewer)).personId;
    const assigned = await reviewer.send('POST', `/api/v1/reviews/${reviewId}/assignment`, {
      reviewerId: me,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const approved = await reviewer.send('POST', `/api/v1/reviews/${reviewId}/conclusion`, {
      result: 'approve',
      findings: allSatisfied,
      opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意',
    });
    expect(approved.statusCode, approved.body).toBe(200);
  } finally {
    h.clock.advance(now.getTime() - h.clock.now().getTime());
  }
}

/** The signed-in client's principal (the person a review is assigned to). */
export async function principalOfClient(h: Harness, client: Client): Promise<Principal> {
  const token = client.cookie.replace(/^sx_session=/, '');
  const found = await principalForSession(h.database.db, token, h.clock.now(), null);
  if (!found) throw new Error('no session');
  return found.principal;
}
