import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.ts';

/** The Swagger page (/api/docs) titles every operation in Chinese (newcomer walk-through: 16 had none). */
describe('the OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', { demo: false });
  });
  afterAll(() => h.close());

  it('gives every operation a Chinese summary', async () => {
    const res = await h.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, Record<string, { summary?: string }>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ operation: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(100);
    const untitled = operations
      .filter(({ op }) => !/\p{Script=Han}/u.test(op.summary ?? ''))
      .map(({ operation }) => operation);
    expect(untitled).toEqual([]);
  });
});
