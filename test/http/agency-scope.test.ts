import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/platform/auth/roles.ts';
import { runCommand } from '../../src/platform/audit/command.ts';
import { parseVerifierKey } from '../../src/platform/record-log/note.ts';
import { insertPublicationDraft } from '../../src/publicity/publication-draft.service.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { NO_OWN_CASE_REFUSAL } from '../../src/review/gate.service.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import { signIn, type Client } from '../harness.ts';
import { testStagingKey } from '../test-env.ts';

/**
 * The agency scope of every write (issue 10 items 3 and 4; the security sweep of 2026-12-02, H1, H2,
 * H5, L1, L8). Bureau A is 衡阳县市场监督管理局, bureau B 衡阳县农业农村局, the office the county's
 * supervision office above both. Whatever another agency sends — A's case, evidence, documents, people,
 * units, items — it gets the answer an unknown id gets (404), and nothing is written into A's records:
 * every command leaves an audit event, so "nothing written" is "no new audit event", except the record of
 * the refusal itself in the caller's own agency.
 */

const UNKNOWN = '01900000-0000-7000-8000-00000000abcd';
const PASSWORD = 'Scope2026pwAa';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

describe('the agency scope of every write', () => {
  let h: DocumentsHarness;
  const agency = { a: '', b: '', office: '' };
  const clients = new Map<string, Client>();
  /** A's cases by what the demo left them at. */
  const aCase = { reviewed: '', unreviewed: '', decided: '' };

  const client = (username: string) => {
    const c = clients.get(username);
    if (!c) throw new Error(`${username} is not signed in`);
    return c;
  };

  const agencyOf = async (username: string) =>
    (
      await h.database.db
        .withoutPlugins()
        .selectFrom('accounts')
        .select('agency_id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).agency_id;

  const caseId = async (number: string) =>
    (
      await h.database.db
        .withoutPlugins()
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;

  const lastSeq = async () =>
    Number(
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirstOrThrow()
      ).seq ?? 0,
    );

  /** The audit events written since `seq` that are not the caller's own record of a refusal. */
  const writtenSince = async (seq: number, callerAgency: string) => {
    const events = await h.database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .select(['kind', 'agency_id', 'subject_type'])
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();
    return events.filter((e) => !(e.kind === NO_OWN_CASE_REFUSAL && e.agency_id === callerAgency));
  };

  const refusalsOfA = async () =>
    Number(
      (
        await h.database.db
          .withoutPlugins()
          .selectFrom('review_refusals')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('agency_id', '=', agency.a)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A person of the agency with exactly these roles, created by its administrator, signed in. */
  const personWith = async (admin: string, username: string, given: Role[]) => {
    const res = await client(admin).send('POST', '/api/v1/people', {
      name: `测试${username}`,
      post: '测试',
      roles: given,
      account: { username, password: PASSWORD },
    });
    if (res.statusCode !== 201) throw new Error(`${username}: ${res.body}`);
    clients.set(username, await signIn(h, username, PASSWORD));
  };

  beforeAll(async () => {
    h = await startDocumentsHarness('pglite');
    for (const username of ['admin', 'zhangwei', 'juzhang', 'zhaoli', 'nyadmin', 'penghui', 'jiandu']) {
      clients.set(username, await signIn(h, username));
    }
    agency.a = await agencyOf('admin');
    agency.b = await agencyOf('nyadmin');
    agency.office = await agencyOf('jiandu');
    aCase.reviewed = await caseId('衡县市监处案〔2026〕1号'); // review approved, decision not yet made
    aCase.unreviewed = await caseId('衡县市监费案〔2026〕1号'); // major, no review
    aCase.decided = await caseId('衡县市监处案〔2026〕6号');
    // The county office's supervisor, who supervises A and B but is no instance administrator.
    await personWith('jiandu', 'scopesup', ['supervisor']);
  });
  afterAll(() => h?.close());

  const decisionBody = (subjectId: string, subjectType = 'case') => ({
    type: 'penalty_decision',
    subjectType,
    subjectId,
    data: {
      parties: [{ kind: 'organisation', name: '某公司' }],
      fields: { penalty: '本局决定对当事人罚款人民币伍万元整（¥50,000.00）。' },
    },
  });

  const publicationBody = (caseRef: string, number: string) => ({
    kind: 'penalty',
    caseId: caseRef,
    partyKind: 'organisation',
    partyName: '测试公司',
    documentNumber: number,
    decidedOn: '2026-11-20',
    title: '测试公示',
    summary: '罚款',
    documentText: '决定书正文',
  });

  const problemOf = (res: LightMyRequestResponse) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json<Problem>();
  };

  describe('a decision document or publication exists only for an own case that passed review (行政处罚法 §58)', () => {
    it('issues the decision document of the own reviewed case, numbered', async () => {
      const res = await client('zhangwei').send('POST', '/api/v1/documents', decisionBody(aCase.reviewed));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ number: string }>().number).toMatch(/^衡县市监处罚〔2026〕\d+号$/);
    });

    it('refuses an unknown case, free text and a subject that is no case, numbering nothing, recording each', async () => {
      const documents = async () =>
        (await h.database.db.withoutPlugins().selectFrom('issued_documents').select('id').execute()).length;
      const before = { documents: await documents(), seq: await lastSeq() };
      const unknown = await client('zhangwei').send('POST', '/api/v1/documents', decisionBody(UNKNOWN));
      expect(unknown.statusCode, unknown.body).toBe(404);
      expect(problemOf(unknown)).toMatchObject({
        code: 'NOT_FOUND',
        errors: [{ path: 'body.subjectId', message: '本机关没有该案件' }],
      });
      const text = await client('zhangwei').send('POST', '/api/v1/documents', decisionBody('not-a-case-XYZ'));
      expect(text.statusCode, text.body).toBe(404);
      const lead = await client('zhangwei').send('POST', '/api/v1/documents', decisionBody(UNKNOWN, 'lead'));
      expect(lead.statusCode, lead.body).toBe(400);
      expect(problemOf(lead).errors?.[0]?.path).toBe('body.subjectType');
      expect(await documents()).toBe(before.documents);
      const recorded = await h.database.db
        .withoutPlugins()
        .selectFrom('audit_events')
        .select(['kind', 'agency_id'])
        .where('seq', '>', before.seq)
        .execute();
      expect(recorded).toEqual([
        { kind: NO_OWN_CASE_REFUSAL, agency_id: agency.a },
        { kind: NO_OWN_CASE_REFUSAL, agency_id: agency.a },
        { kind: NO_OWN_CASE_REFUSAL, agency_id: agency.a },
      ]);
    });

    it('refuses the own case without its review with 409, recorded in its accountability records', async () => {
      const before = await refusalsOfA();
      const res = await client('zhangwei').send('POST', '/api/v1/documents', decisionBody(aCase.unreviewed));
      expect(res.statusCode, res.body).toBe(409);
      expect(problemOf(res)).toMatchObject({ code: 'REVIEW_REQUIRED', reason: 'no_review' });
      expect(await refusalsOfA()).toBe(before + 1);
    });

    it("answers another agency's case exactly as an unknown one: nothing of the case, nothing written into its records", async () => {
      const refusals = await refusalsOfA();
      const unknown = await client('penghui').send('POST', '/api/v1/documents', decisionBody(UNKNOWN));
      for (const foreignCase of [aCase.reviewed, aCase.unreviewed, aCase.decided]) {
        const seq = await lastSeq();
        const res = await client('penghui').send('POST', '/api/v1/documents', decisionBody(foreignCase));
        expect(res.statusCode, res.body).toBe(404);
        expect(res.body).toBe(unknown.body);
        expect(res.body).not.toMatch(/衡县市监|reviewId|majorReasons/);
        const written = await writtenSince(seq, agency.b);
        expect(written).toEqual([]);
        const own = await h.database.db
          .withoutPlugins()
          .selectFrom('audit_events')
          .select('agency_id')
          .where('seq', '>', seq)
          .execute();
        expect(own).toEqual([{ agency_id: agency.b }]); // the refusal, in B's own records
      }
      expect(await refusalsOfA()).toBe(refusals);
      const issued = await h.database.db
        .withoutPlugins()
        .selectFrom('issued_documents')
        .select('id')
        .where('agency_id', '=', agency.b)
        .where('type', '=', 'penalty_decision')
        .execute();
      expect(issued).toEqual([]);
    });

    it('drafts the publication of the own reviewed case; refuses an unreviewed one (409) and a foreign one (404)', async () => {
      const own = await client('zhangwei').send(
        'POST',
        '/api/v1/publications',
        publicationBody(aCase.reviewed, '衡县市监处罚〔2026〕901号'),
      );
      expect(own.statusCode, own.body).toBe(201);
      const unreviewed = await client('zhangwei').send(
        'POST',
        '/api/v1/publications',
        publicationBody(aCase.unreviewed, '衡县市监处罚〔2026〕902号'),
      );
      expect(unreviewed.statusCode, unreviewed.body).toBe(409);
      const refusals = await refusalsOfA();
      const unknown = await client('penghui').send(
        'POST',
        '/api/v1/publications',
        publicationBody(UNKNOWN, '农测〔2026〕1号'),
      );
      expect(unknown.statusCode, unknown.body).toBe(404);
      expect(problemOf(unknown).errors).toEqual([{ path: 'body.caseId', message: '本机关没有该案件' }]);
      for (const foreignCase of [aCase.reviewed, aCase.unreviewed]) {
        const seq = await lastSeq();
        const res = await client('penghui').send(
          'POST',
          '/api/v1/publications',
          publicationBody(foreignCase, '农测〔2026〕1号'),
        );
        expect(res.statusCode, res.body).toBe(404);
        expect(res.body).toBe(unknown.body);
        expect(await writtenSince(seq, agency.b)).toEqual([]);
      }
      expect(await refusalsOfA()).toBe(refusals);
    });

    it("holds the line in the database too: no draft of another agency's case, whatever path writes it", async () => {
      const draft = runCommand(
        { db: h.database.db, clock: h.clock, staging: testStagingKey },
        { personId: null, agencyId: agency.b, via: 'system', ip: null },
        (ctx) =>
          insertPublicationDraft(ctx, agency.b, {
            kind: 'penalty',
            unitId: null,
            caseId: aCase.decided,
            partyKind: 'organisation',
            partyName: '测试公司',
            partyCreditCode: null,
            documentNumber: '农测〔2026〕9号',
            decidedOn: '2026-11-20',
            title: '测试',
            summary: '……',
            documentText: '……',
            sanctions: [],
            personalRecords: { naturalPersons: [], organisations: [] },
            autoMask: true,
          }),
      );
      await expect(draft).rejects.toThrow(/CASE_NOT_OWN/);
    });
  });

  describe('the working-day calendar is the instance administrator’s', () => {
    const notice = (year: number) => ({
      year,
      title: `国务院办公厅关于${year}年部分节假日安排的通知`,
      holidays: [`${year}-01-01`],
      makeUpWorkdays: [],
    });

    it('refuses an agency administrator, another agency’s administrator and the county supervisor', async () => {
      for (const username of ['admin', 'nyadmin', 'scopesup']) {
        const seq = await lastSeq();
        const res = await client(username).send('POST', '/api/v1/calendar/years', notice(2091));
        expect(res.statusCode, `${username}: ${res.body}`).toBe(403);
        expect(await writtenSince(seq, '')).toEqual([]);
      }
      const years = await h.database.db
        .withoutPlugins()
        .selectFrom('calendar_notices')
        .select('year')
        .execute();
      expect(years.map((y) => y.year)).not.toContain(2091);
    });

    it('lets the instance administrator load a year', async () => {
      const res = await client('jiandu').send('POST', '/api/v1/calendar/years', notice(2092));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ years: { year: number }[] }>().years.map((y) => y.year)).toContain(2092);
    });

    it('lets only an instance administrator grant the role', async () => {
      const officer = await h.database.db
        .withoutPlugins()
        .selectFrom('people')
        .innerJoin('accounts', 'accounts.person_id', 'people.id')
        .select('people.id')
        .where('accounts.username', '=', 'penghui')
        .executeTakeFirstOrThrow();
      const refused = await client('nyadmin').send('PUT', `/api/v1/people/${officer.id}/roles`, {
        roles: ['officer', 'instance_administrator'],
      });
      expect(refused.statusCode, refused.body).toBe(403);
      expect(problemOf(refused).errors?.[0]?.path).toBe('body.roles');
      const created = await client('nyadmin').send('POST', '/api/v1/people', {
        name: '测试平台',
        post: '测试',
        roles: ['instance_administrator'],
      });
      expect(created.statusCode, created.body).toBe(403);
      const sup = await h.database.db
        .withoutPlugins()
        .selectFrom('people')
        .innerJoin('accounts', 'accounts.person_id', 'people.id')
        .select('people.id')
        .where('accounts.username', '=', 'scopesup')
        .executeTakeFirstOrThrow();
      const granted = await client('jiandu').send('PUT', `/api/v1/people/${sup.id}/roles`, {
        roles: ['supervisor', 'instance_administrator'],
      });
      expect(granted.statusCode, granted.body).toBe(200);
      const revoked = await client('jiandu').send('PUT', `/api/v1/people/${sup.id}/roles`, {
        roles: ['supervisor'],
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
    });
  });

  describe('a verify run from the workbench', () => {
    it("reports the agency's own rows, not another agency's (the CLI still sees all)", async () => {
      const person = await h.database.db
        .withoutPlugins()
        .selectFrom('people')
        .innerJoin('accounts', 'accounts.person_id', 'people.id')
        .select(['people.id', 'people.post'])
        .where('accounts.username', '=', 'zhangwei')
        .executeTakeFirstOrThrow();
      await sql`update people set post = '篡改' where id = ${person.id}`.execute(
        h.database.db.withoutPlugins(),
      );
      try {
        type Run = { ok: boolean; problemCount: number; problems: { table: string; id: string }[] };
        const ofB = await client('nyadmin').send('POST', '/api/v1/log/verify-runs', {});
        expect(ofB.statusCode, ofB.body).toBeLessThan(300);
        expect(ofB.json<Run>()).toMatchObject({ ok: true, problemCount: 0, problems: [] });
        const ofA = await client('admin').send('POST', '/api/v1/log/verify-runs', {});
        expect(ofA.json<Run>().problems).toContainEqual(
          expect.objectContaining({ table: 'people', id: person.id }),
        );
        const all = await verifyRecordLog(h.database.db, {
          verifiers: [parseVerifierKey(h.verifierKey)],
          origin: DOCS_ORIGIN,
        });
        expect(all.problems).toContainEqual(expect.objectContaining({ table: 'people', id: person.id }));
      } finally {
        await sql`update people set post = ${person.post} where id = ${person.id}`.execute(
          h.database.db.withoutPlugins(),
        );
      }
    });
  });

  describe("the security sweep's cross-agency writes, each refused", () => {
    /** One request of the sweep (security-sweep.md H1, H2, H5, L1): who sends it, and what it names. */
    interface SweepCase {
      finding: string;
      who: string;
      method: 'POST' | 'PUT' | 'PATCH';
      url: () => string;
      body?: () => unknown;
      upload?: boolean;
    }
    const cases: SweepCase[] = [
      // H1: a numbered, sealed decision document without any review.
      {
        finding: 'H1 unknown UUID',
        who: 'zhangwei',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => decisionBody(UNKNOWN),
      },
      {
        finding: 'H1 free text',
        who: 'zhangwei',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => decisionBody('not-a-case-XYZ'),
      },
      {
        finding: "H1 B's officer, A's reviewed case",
        who: 'penghui',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => decisionBody(aCase.reviewed),
      },
      // H2: B reading A's case through the gate and writing into A's accountability records.
      {
        finding: "H2 B's officer, decision document of A's case",
        who: 'penghui',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => decisionBody(aCase.unreviewed),
      },
      {
        finding: "H2 B's administrator, decision document of A's case",
        who: 'nyadmin',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => decisionBody(aCase.unreviewed),
      },
      ...(['penghui', 'nyadmin', 'scopesup'] as const).flatMap((who) =>
        (['unreviewed', 'reviewed'] as const).map((which) => ({
          finding: `H2 ${who}, publication of A's ${which} case`,
          who,
          method: 'POST' as const,
          url: () => '/api/v1/publications',
          body: () => publicationBody(aCase[which], `农测〔2026〕${which.length}号`),
        })),
      ),
      // H5: holiday years for the whole instance.
      {
        finding: "H5 B's administrator, calendar",
        who: 'nyadmin',
        method: 'POST',
        url: () => '/api/v1/calendar/years',
        body: () => ({ year: 2093, title: 'x', holidays: ['2093-01-05'], makeUpWorkdays: [] }),
      },
      {
        finding: 'H5 the county supervisor, calendar',
        who: 'scopesup',
        method: 'POST',
        url: () => '/api/v1/calendar/years',
        body: () => ({ year: 2093, title: 'x', holidays: ['2093-01-05'], makeUpWorkdays: [] }),
      },
      // L1: B's own records about A's case (evidence, AV steps, documents, case files).
      {
        finding: "L1 evidence on A's case",
        who: 'penghui',
        method: 'POST',
        upload: true,
        url: () => `/api/v1/evidence?kind=scan&subjectType=case&subjectId=${aCase.reviewed}`,
      },
      {
        finding: "L1 AV step on A's case",
        who: 'penghui',
        method: 'POST',
        url: () => '/api/v1/steps',
        body: () => ({
          subjectType: 'case',
          subjectId: aCase.reviewed,
          step: 'on_site_inspection',
          startedAt: '2026-11-27T01:00:00Z',
          endedAt: null,
        }),
      },
      {
        finding: "L1 document on A's case",
        who: 'penghui',
        method: 'POST',
        url: () => '/api/v1/documents',
        body: () => ({ ...decisionBody(aCase.reviewed), type: 'case_source' }),
      },
      {
        finding: "L1 case file of A's case",
        who: 'penghui',
        method: 'POST',
        url: () => '/api/v1/case-files',
        body: () => ({ subjectType: 'case', subjectId: aCase.decided }),
      },
    ];

    it.each(cases.map((c) => [c.finding, c] as const))('%s', async (_, c) => {
      const caller = client(c.who);
      const seq = await lastSeq();
      const refusals = await refusalsOfA();
      const res = await h.app.inject({
        method: c.method,
        url: c.url(),
        headers: {
          cookie: caller.cookie,
          'x-csrf-token': caller.csrf,
          'content-type': c.upload ? 'image/jpeg' : 'application/json',
        },
        payload: c.upload ? Buffer.from('not really a photo') : JSON.stringify(c.body?.()),
      });
      expect([403, 404], res.body).toContain(res.statusCode);
      expect(res.body).not.toMatch(/衡县市监|reviewId|majorReasons/);
      expect(await writtenSince(seq, await agencyOf(c.who))).toEqual([]);
      expect(await refusalsOfA()).toBe(refusals);
    });
  });

  describe('every write route of the OpenAPI document, with the other agency’s ids, as each role', () => {
    /** The row a field or path parameter of this name points at, by table. */
    const fieldTables: Record<string, string> = {
      unitId: 'units',
      parentId: 'agencies',
      agencyId: 'agencies',
      personId: 'people',
      officerId: 'people',
      officerIds: 'people',
      reviewerId: 'people',
      hearingChairId: 'people',
      itemId: 'power_items',
      leadItemId: 'power_items',
      caseId: 'cases',
      subjectId: 'cases',
      evidenceIds: 'evidence_files',
      stepId: 'enforcement_steps',
      recorderId: 'recorders',
      reviewId: 'reviews',
    };
    /** The table of `{id}` after each collection of the API. */
    const collectionTables: Record<string, string> = {
      agencies: 'agencies',
      units: 'units',
      people: 'people',
      certificates: 'certificates',
      evidence: 'evidence_files',
      recorders: 'recorders',
      powers: 'power_items',
      cases: 'cases',
      reviews: 'reviews',
      'review-catalogue': 'review_catalogues',
      publications: 'publications',
      corrections: 'correction_requests',
    };

    /** The first row of the table that belongs to the agency (a case: one the gate would let through). */
    const idsOf = async (agencyId: string): Promise<Map<string, string>> => {
      const ids = new Map<string, string>([['agencies', agencyId]]);
      for (const table of new Set([...Object.values(fieldTables), ...Object.values(collectionTables)])) {
        if (table === 'agencies') continue;
        if (table === 'cases' && agencyId === agency.a) {
          ids.set(table, aCase.reviewed);
          continue;
        }
        const row = await h.database.db
          .withoutPlugins()
          .selectFrom(table as 'units')
          .select('id')
          .where('agency_id', '=', agencyId)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (row) ids.set(table, row.id);
      }
      return ids;
    };

    /** A place in a request that names a row: a path parameter, a query parameter, or a body field. */
    interface Slot {
      where: 'path' | 'query' | 'body';
      key: (string | number)[];
      table: string;
      list: boolean;
    }

    /** Values the schema's patterns cannot tell (a step of the AV checklist). */
    const known: Record<string, unknown> = { step: 'on_site_inspection' };

    const sampleOf = (schema: Schema, depth = 0): unknown => {
      if (schema.const !== undefined) return schema.const;
      if (schema.enum?.length) return schema.enum[0];
      const options = schema.oneOf ?? schema.anyOf;
      if (options?.length) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0]!, depth);
      if (schema.allOf?.length) return sampleOf(schema.allOf[0]!, depth);
      const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
      if (type === 'string') {
        if (schema.format === 'uuid') return UNKNOWN;
        if (schema.format === 'date') return '2026-11-20';
        if (schema.format === 'date-time') return '2026-11-20T08:00:00+08:00';
        if (schema.pattern) {
          const pattern = new RegExp(schema.pattern, 'u');
          const fits = ['case', '123456', '2026', '91430421MA4L0000XX', 'abc'].find((c) => pattern.test(c));
          if (fits) return fits;
        }
        return '测'.repeat(Math.max(1, schema.minLength ?? 1));
      }
      if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1);
      if (type === 'boolean') return true;
      if (type === 'array') {
        return depth > 5 || !schema.items
          ? []
          : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
              sampleOf(schema.items!, depth + 1),
            );
      }
      if (type === 'object' && depth <= 5) {
        // The required fields, and every field that names a row: the body the schema accepts most easily.
        const required = new Set(schema.required ?? []);
        return Object.fromEntries(
          Object.entries(schema.properties ?? {})
            .filter(([k]) => required.has(k) || k in fieldTables)
            .map(([k, v]) => [k, known[k] ?? sampleOf(v, depth + 1)]),
        );
      }
      return 'x';
    };

    const bodySlots = (value: unknown, key: (string | number)[] = []): Slot[] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => bodySlots(v, [...key, i]));
      if (!value || typeof value !== 'object') return [];
      return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
        const table = fieldTables[k];
        if (table) return [{ where: 'body' as const, key: [...key, k], table, list: Array.isArray(v) }];
        return bodySlots(v, [...key, k]);
      });
    };

    const setAt = (body: unknown, key: (string | number)[], value: unknown) => {
      let at = body as Record<string | number, unknown>;
      for (const k of key.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      const last = key[key.length - 1]!;
      at[last] = value;
      // A subject named by id is a case's.
      if (last === 'subjectId') at.subjectType = 'case';
    };

    interface Probe {
      what: string;
      url: string;
      body: unknown;
    }

    /** The requests for one operation: everything the other agency's; then own path, one foreign id. */
    const probesOf = (
      path: string,
      operation: Operation,
      foreign: Map<string, string>,
      own: Map<string, string>,
    ): Probe[] => {
      const parameters = operation.parameters ?? [];
      const slots: Slot[] = [];
      const segments = path.split('/');
      for (const p of parameters) {
        if (p.in === 'path') {
          const before = segments[segments.indexOf(`{${p.name}}`) - 1] ?? '';
          const table = p.name === 'id' ? collectionTables[before] : fieldTables[p.name];
          if (table) slots.push({ where: 'path', key: [p.name], table, list: false });
        } else if (p.in === 'query' && fieldTables[p.name]) {
          slots.push({ where: 'query', key: [p.name], table: fieldTables[p.name]!, list: false });
        }
      }
      const schema = operation.requestBody?.content['application/json']?.schema;
      const sampled = schema ? sampleOf(schema) : undefined;
      slots.push(...bodySlots(sampled));
      const build = (what: string, valueOf: (slot: Slot) => string | undefined): Probe | null => {
        const body: unknown = structuredClone(sampled);
        const query: Record<string, string> = {};
        const pathValues: Record<string, string> = {};
        for (const p of parameters) {
          if (p.in === 'path') pathValues[p.name] = String(sampleOf(p.schema));
          if (p.in === 'query' && p.required) query[p.name] = String(sampleOf(p.schema));
        }
        for (const slot of slots) {
          const value = valueOf(slot);
          if (value === undefined) {
            if (slot.where === 'path') return null; // no such row of the agency to address
            continue;
          }
          if (slot.where === 'path') pathValues[String(slot.key[0])] = value;
          else if (slot.where === 'query') {
            query[String(slot.key[0])] = value;
            if (slot.key[0] === 'subjectId') query.subjectType = 'case';
          } else setAt(body, slot.key, slot.list ? [value] : value);
        }
        const url =
          path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? 'x')) +
          (Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '');
        return { what, url, body };
      };
      const probes: Probe[] = [];
      if (slots.length === 0) return probes;
      const all = build('every id the other agency’s', (slot) => foreign.get(slot.table));
      if (all) probes.push(all);
      const nonPath = slots.filter((s) => s.where !== 'path');
      for (const one of nonPath) {
        const probe = build(`own path, ${one.key.join('.')} the other agency’s`, (slot) =>
          slot === one ? foreign.get(slot.table) : own.get(slot.table),
        );
        if (probe) probes.push(probe);
      }
      return probes;
    };

    it(
      'finds no success and nothing written, for any role of another agency or the county office',
      { timeout: 900_000 },
      async () => {
        const doc = (await h.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
        // One person of B per role (the instance role is not B's to grant), the county supervisor, and
        // the instance administrator (who supervises too).
        const callers: string[] = [];
        for (const role of roles.filter((r) => r !== 'instance_administrator')) {
          const username = `scope${role.replaceAll('_', '')}`;
          await personWith('nyadmin', username, [role]);
          callers.push(username);
        }
        callers.push('scopesup', 'jiandu');
        const foreign = await idsOf(agency.a);
        const failures: string[] = [];
        let requests = 0;
        const reached = new Set<string>();
        for (const username of callers) {
          const callerAgency = await agencyOf(username);
          const own = await idsOf(callerAgency);
          const caller = client(username);
          for (const [path, methods] of Object.entries(doc.paths)) {
            if (path.startsWith('/api/v1/auth/')) continue; // sign-in itself names no agency's rows
            for (const [method, operation] of Object.entries(methods)) {
              if (method === 'get' || method === 'head') continue;
              for (const probe of probesOf(path, operation, foreign, own)) {
                const seq = await lastSeq();
                const res = await h.app.inject({
                  method: method.toUpperCase() as 'POST',
                  url: probe.url,
                  headers: {
                    cookie: caller.cookie,
                    'x-csrf-token': caller.csrf,
                    ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }),
                  },
                  ...(probe.body === undefined ? {} : { payload: JSON.stringify(probe.body) }),
                });
                requests++;
                reached.add(`${method} ${path}`);
                const what = `${username}: ${method.toUpperCase()} ${path} [${probe.what}]`;
                if (res.statusCode >= 200 && res.statusCode < 300) {
                  failures.push(`${what} → ${res.statusCode} ${res.body.slice(0, 200)}`);
                }
                const written = await writtenSince(seq, callerAgency);
                if (written.length > 0) failures.push(`${what} wrote ${JSON.stringify(written)}`);
              }
            }
          }
        }
        expect(failures).toEqual([]);
        // Every write that names a row was tried (new routes are picked up from the document).
        expect(reached.size).toBeGreaterThan(50);
        expect(requests).toBeGreaterThan(700);
      },
    );
  });
});
