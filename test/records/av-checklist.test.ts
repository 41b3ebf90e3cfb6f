import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChecklist } from '../../src/records/av-checklist.rules.ts';
import { databaseKinds } from '../databases.ts';
import { signIn, type Client } from '../harness.ts';
import { startRecordsHarness, verifyProblems, type RecordsHarness } from './records-harness.ts';

interface Gap {
  stepId: string;
  step: string;
  problem: string;
  from: string | null;
  to: string | null;
}

describe.each(databaseKinds)('the AV checklist over HTTP on %s', (kind) => {
  let h: RecordsHarness;
  let officer: Client;
  let admin: Client;
  let supervisor: Client;
  let otherAgency: Client;
  let agencyId: string;
  let recorderId: string;
  const subject = { subjectType: 'case', subjectId: 'C-2026-0042' };

  const upload = (query: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/evidence?${new URLSearchParams({ kind: 'video', ...subject, recorderId, ...query }).toString()}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'video/mp4' },
      payload: randomBytes(256),
    });
  const step = async (code: string, startedAt: string, endedAt: string | null) => {
    const res = await officer.send('POST', '/api/v1/steps', { ...subject, step: code, startedAt, endedAt });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const gaps = async (client: Client, query = new URLSearchParams(subject)) => {
    const res = await client.get(`/api/v1/av-gaps?${query.toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Gap[] }>().items;
  };

  beforeAll(async () => {
    h = await startRecordsHarness(kind);
    officer = await signIn(h, 'zhangwei');
    admin = await signIn(h, 'admin');
    supervisor = await signIn(h, 'jiandu');
    otherAgency = await signIn(h, 'nyadmin');
    const recorder = await officer.send('POST', '/api/v1/recorders', { serial: 'AV-1', model: 'DSJ' });
    recorderId = recorder.json<{ id: string; agencyId: string }>().id;
    agencyId = recorder.json<{ agencyId: string }>().agencyId;
  });
  afterAll(() => h.close());

  it('starts from the national defaults and refuses to weaken them', async () => {
    const url = `/api/v1/agencies/${agencyId}/av-checklist`;
    const current = await officer.get(url);
    expect(current.json()).toMatchObject({ isDefault: true, items: defaultChecklist });
    const weakened = defaultChecklist.filter((i) => i.step !== 'seizure');
    const refused = await admin.send('PUT', url, { items: weakened });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.items' }] });
    const raised = [
      ...defaultChecklist,
      { step: 'night_market_patrol', label: '夜市巡查', requirement: 'full_process_av', basis: '本局规定' },
    ];
    const saved = await admin.send('PUT', url, { items: raised });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false });
    expect((await officer.send('PUT', url, { items: raised })).statusCode).toBe(403);
    expect((await otherAgency.get(url)).statusCode).toBe(404);
  });

  it('lists each required step without its AV for one subject', async () => {
    const inspection = await step(
      'on_site_inspection',
      '2026-11-28T09:00:00+08:00',
      '2026-11-28T09:20:00+08:00',
    );
    const seizure = await step('seizure', '2026-11-28T09:20:00+08:00', '2026-11-28T09:50:00+08:00');
    await step('filing', '2026-11-28T08:00:00+08:00', null);
    expect(
      (
        await officer.send('POST', '/api/v1/steps', {
          ...subject,
          step: 'no_such',
          startedAt: '2026-11-28T01:00:00Z',
        })
      ).statusCode,
    ).toBe(400);
    expect((await gaps(officer)).map((g) => [g.stepId, g.problem])).toEqual([
      [inspection, 'no_av'],
      [seizure, 'no_av'],
    ]);

    // A video of the inspection, linked by its code; a seizure video not marked full-process.
    expect((await upload({ step: 'on_site_inspection' })).statusCode).toBe(201);
    const partial = {
      stepId: seizure,
      capturedFrom: '2026-11-28T09:20:00+08:00',
      capturedTo: '2026-11-28T09:35:00+08:00',
    };
    expect((await upload(partial)).statusCode).toBe(201);
    expect((await gaps(officer)).map((g) => [g.stepId, g.problem])).toEqual([[seizure, 'not_full_process']]);

    // Full-process, but the last fifteen minutes are missing.
    expect((await upload({ ...partial, fullProcess: 'true' })).statusCode).toBe(201);
    const [missingEnd] = await gaps(officer);
    expect(missingEnd).toMatchObject({
      stepId: seizure,
      problem: 'unexplained_break',
      from: '2026-11-28T01:35:00.000Z',
      to: '2026-11-28T01:50:00.000Z',
    });

    // The rest, resumed after a stated interruption.
    const rest = await upload({
      stepId: seizure,
      fullProcess: 'true',
      capturedFrom: '2026-11-28T09:37:00+08:00',
      capturedTo: '2026-11-28T09:50:00+08:00',
      interruptions: JSON.stringify([
        {
          stoppedAt: '2026-11-28T09:35:00+08:00',
          resumedAt: '2026-11-28T09:37:00+08:00',
          reason: '电池耗尽，更换电池',
        },
      ]),
    });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(await gaps(officer)).toEqual([]);
  });

  it('gives the head and the county supervisor every gap of the agency over a period', async () => {
    await step('night_market_patrol', '2026-11-27T21:00:00+08:00', '2026-11-27T22:00:00+08:00');
    const url = `/api/v1/agencies/${agencyId}/av-gaps?from=2026-11-01&to=2026-11-30`;
    // The demo's cases record their steps too (subject: the case's id); this test counts its own subject.
    const demoSteps = async (from: string, to: string) => {
      const row = await h.database.db
        .withoutPlugins()
        .selectFrom('enforcement_steps')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('agency_id', '=', agencyId)
        .where('subject_id', '!=', subject.subjectId)
        .where('started_at', '>=', new Date(`${from}T00:00:00+08:00`))
        .where('started_at', '<=', new Date(`${to}T23:59:59+08:00`))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const own = (g: Gap & { subjectId: string }) => g.subjectId === subject.subjectId;
    for (const reader of [officer, supervisor]) {
      const res = await reader.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const steps = 4 + (await demoSteps('2026-11-01', '2026-11-30'));
      expect(res.json()).toMatchObject({ from: '2026-11-01', to: '2026-11-30', steps });
      expect(
        res
          .json<{ gaps: (Gap & { subjectId: string })[] }>()
          .gaps.filter(own)
          .map((g) => [g.step, g.problem]),
      ).toEqual([['night_market_patrol', 'no_av']]);
    }
    const earlier = await officer.get(`/api/v1/agencies/${agencyId}/av-gaps?from=2026-10-01&to=2026-10-31`);
    expect(earlier.json()).toMatchObject({ steps: await demoSteps('2026-10-01', '2026-10-31') });
    expect(earlier.json<{ gaps: (Gap & { subjectId: string })[] }>().gaps.filter(own)).toEqual([]);
    expect((await otherAgency.get(url)).statusCode).toBe(404);
    expect(
      (await otherAgency.get(`/api/v1/av-gaps?agencyId=${agencyId}&subjectType=case&subjectId=x`)).statusCode,
    ).toBe(404);
    const steps = await supervisor.get(
      `/api/v1/steps?agencyId=${agencyId}&subjectType=case&subjectId=C-2026-0042`,
    );
    expect(steps.json<{ items: { label: string }[] }>().items.map((s) => s.label)).toEqual([
      '夜市巡查',
      '立案',
      '现场检查',
      '扣押',
    ]);
  });

  it('leaves every row as its commands recorded it (sanxiang verify)', async () => {
    expect(await verifyProblems(h)).toEqual([]);
  });
});
