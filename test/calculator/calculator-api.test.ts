import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.ts';

describe('the deadline calculator’s public API (POST /api/v1/rules/*)', () => {
  let h: Harness;
  beforeAll(async () => {
    // The embedded database: the calculator reads no stored data, and `npm test` runs without PostgreSQL.
    h = await startHarness('pglite', { demo: false });
  });
  afterAll(() => h.close());

  interface Answer {
    basis: string;
    steps: { text: string }[];
    warnings: { code: string; year: number }[];
  }
  interface Problem {
    title: string;
    errors?: { path: string; message: string }[];
  }
  const ask = (rule: string, payload: object) =>
    h.app.inject({ method: 'POST', url: `/api/v1/rules/${rule}`, payload });

  it('answers without sign-in, with the last day, its basis and the steps of the count', async () => {
    const res = await ask('periods', { period: 'licensing_decision', from: '2026-09-21', extended: true });
    expect(res.statusCode).toBe(200);
    const body = res.json<Answer>();
    expect(body).toMatchObject({ lastDay: '2026-11-09', warnings: [] });
    expect(body.basis).toContain('行政许可法 §42');
    expect(body.steps.map((s) => s.text)).toContain('法定节假日，不计入：2026-10-01 至 2026-10-07');
  });

  it('computes the surcharge, the summary procedure, the hearing right, publicity and the time bar', async () => {
    expect(
      (await ask('surcharge', { fineFen: 100_000, receivedOn: '2026-09-22', paidOn: '2026-10-10' })).json(),
    ).toMatchObject({ lastDay: '2026-10-08', daysLate: 2, surchargeFen: 6_000 });
    expect(
      (
        await ask('summary-procedure', {
          party: { type: 'individual_business' },
          sanctions: [{ kind: 'fine', amountFen: 50_000 }],
          officers: 2,
        })
      ).json(),
    ).toMatchObject({ allowed: false, problems: [{ code: 'FINE_OVER_SUMMARY_LIMIT' }] });
    expect(
      (
        await ask('hearing-right', {
          party: { type: 'organisation' },
          sanctions: [{ kind: 'fine', amountFen: 12_000_000 }],
        })
      ).json(),
    ).toMatchObject({ hearingRight: true });
    expect(
      (
        await ask('publicity', {
          party: { type: 'organisation' },
          sanctions: [{ kind: 'fine', amountFen: 20_000_000 }],
          field: 'food',
          publishedOn: '2026-01-05',
        })
      ).json(),
    ).toMatchObject({ published: true, endsOn: '2029-01-05', earlyEndFrom: '2027-01-05' });
    expect(
      (await ask('time-bar', { actEndedOn: '2024-03-01', discoveredOn: '2026-03-01', harm: false })).json(),
    ).toMatchObject({ barred: false, lastDay: '2026-03-01' });
  });

  it.each([
    ['an unknown period', 'periods', { period: 'forever', from: '2026-09-21' }, 'body.period'],
    ['a date that does not exist', 'periods', { period: 'service', from: '2026-02-30' }, 'body.from'],
    [
      'an excluded range that ends before it starts',
      'periods',
      {
        period: 'seizure',
        from: '2026-09-01',
        excluded: [{ from: '2026-09-10', to: '2026-09-05', reason: 'testing' }],
      },
      'body.excluded.0.to',
    ],
    [
      'a negative fine',
      'surcharge',
      { fineFen: -1, receivedOn: '2026-09-22', paidOn: '2026-10-10' },
      'body.fineFen',
    ],
    [
      'an unknown sanction',
      'hearing-right',
      { party: { type: 'organisation' }, sanctions: [{ kind: 'flogging' }] },
      'body.sanctions.0.kind',
    ],
  ])('refuses %s with problem+json naming the field', async (_what, rule, payload, field) => {
    const res = await ask(rule, payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<Problem>();
    expect(JSON.stringify(problem.errors ?? problem)).toContain(field);
    expect(problem.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives the answer with a warning for a year whose holidays are not loaded', async () => {
    const res = await ask('periods', { period: 'service', from: '2031-12-28' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Answer>().warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'YEAR_NOT_LOADED', year: 2032 })]),
    );
  });
});
