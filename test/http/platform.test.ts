import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.ts';

describe('the platform edge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', { demo: false });
  });
  afterAll(() => h.close());

  it('answers /healthz', async () => {
    const res = await h.app.inject({ url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document of the JSON API under /api/v1', async () => {
    const doc = (await h.app.inject({ url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/people', '/api/v1/certificates/{id}/suspend']),
    );
    expect(doc.paths['/api/v1/people']?.post).toMatchObject({ requestBody: expect.anything() as unknown });
  });

  it('serves the interactive API page at /api/docs', async () => {
    const res = await h.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown API path and an unauthenticated call with problem+json', async () => {
    const missing = await h.app.inject({ url: '/api/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const anonymous = await h.app.inject({ url: '/api/v1/people' });
    expect(anonymous.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: '请先登录' });
  });

  it('never shows a stack trace or SQL to a client', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts|select|Error:/);
  });
});
