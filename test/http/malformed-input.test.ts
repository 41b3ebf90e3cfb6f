import net, { type AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../harness.ts';
import { startLogHarness, type LogHarness } from '../record-log/log-harness.ts';

/**
 * Every operation of the OpenAPI document the app serves gets malformed input — NUL and other control
 * characters, a 100,000-character string, wrong types and bad ids in each body field, query and path
 * parameter, and bodies that are not JSON at all — signed in as an agency administrator and anonymously.
 * No answer may be a 5xx, and every 4xx is problem+json in Chinese, its `status` the HTTP status.
 * (The security sweep of 2026-12-02, test 1, found 82 × 500 from NUL alone.)
 */

interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request of the sweep, and what it tried. */
interface Probe {
  what: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

const NUL = 'a\u0000b';
const CONTROL = 'a\u0007b\u001bc';
const HUGE = 'x'.repeat(100_000);
const UNKNOWN_UUID = '01900000-0000-7000-8000-00000000abcd';
const BAD_UUIDS = ['not-a-uuid', '-'.repeat(36), "1' or '1'='1"];
const CJK = /[\u4e00-\u9fff]/;

/** A value the schema accepts, as far as can be told without a real record behind it. */
function sample(schema: Schema, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.oneOf ?? schema.anyOf;
  if (options?.length) {
    const first = options.find((o) => o.type !== 'null') ?? options[0]!;
    return sample(first, depth);
  }
  if (schema.allOf?.length) return sample(schema.allOf[0]!, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 1 ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 || !schema.items
        ? []
        : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items!, depth + 1));
    case 'object': {
      if (depth > 6) return {};
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        out[key] = sample(property, depth + 1);
      return out;
    }
    case undefined:
    default:
      return 'x';
  }
}

function sampleString(schema: Schema): string {
  if (schema.format === 'uuid') return UNKNOWN_UUID;
  if (schema.format === 'date') return '2026-11-20';
  if (schema.format === 'date-time') return '2026-11-20T08:00:00+08:00';
  const length = Math.max(1, schema.minLength ?? 1);
  if (!schema.pattern) return '试'.repeat(length);
  const pattern = new RegExp(schema.pattern, 'u');
  const candidates = [
    'case',
    'abc',
    'a1',
    '123456',
    '2026',
    '2026-11-20',
    '91430421MA4L0000XX',
    'x'.repeat(length),
  ];
  return candidates.find((c) => pattern.test(c)) ?? 'x'.repeat(length);
}

/** Wrong-typed and malformed stand-ins for a value of this schema. */
function malformed(schema: Schema): [string, unknown][] {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const values: [string, unknown][] = [
    ['NUL', NUL],
    ['control characters', CONTROL],
    ['100k string', HUGE],
  ];
  if (type === 'string' || schema.enum) values.push(['a number', 12345], ['an object', { a: 1 }]);
  if (schema.format === 'uuid') for (const bad of BAD_UUIDS) values.push([`bad uuid ${bad}`, bad]);
  if (type === 'integer' || type === 'number') values.push(['2^63', 2 ** 63], ['-1', -1], ['1e308', 1e308]);
  if (type === 'boolean') values.push(['a string for a boolean', 'yes']);
  if (type === 'array')
    values.push(['an object for an array', {}], ['10,000 items', Array(10_000).fill('x')]);
  return values;
}

/** In query and path parameters everything is text. */
function malformedText(schema: Schema): [string, string][] {
  const values: [string, string][] = [
    ['NUL', NUL],
    ['control characters', CONTROL],
    ['100k string', HUGE],
    ['empty', ''],
  ];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.format === 'uuid') for (const bad of BAD_UUIDS) values.push([`bad uuid ${bad}`, bad]);
  else values.push(['unknown uuid', UNKNOWN_UUID]);
  if (type === 'integer' || type === 'number')
    values.push(['text for a number', 'abc'], ['2^63', '9223372036854775808']);
  if (type === 'boolean') values.push(['text for a boolean', 'yes']);
  if (schema.format === 'date' || schema.format === 'date-time')
    values.push(['an impossible date', '2026-02-30']);
  return values;
}

/** The leaves of a sample body: the path to each and the schema there. */
function leaves(
  schema: Schema,
  value: unknown,
  path: (string | number)[] = [],
): [(string | number)[], Schema][] {
  const resolved = schema.oneOf?.[0] ?? schema.anyOf?.find((o) => o.type !== 'null') ?? schema;
  if (Array.isArray(value) && resolved.items) {
    return [[path, resolved], ...(value.length ? leaves(resolved.items, value[0], [...path, 0]) : [])];
  }
  if (value && typeof value === 'object' && resolved.properties) {
    return Object.entries(resolved.properties).flatMap(([key, property]) =>
      leaves(property, (value as Record<string, unknown>)[key], [...path, key]),
    );
  }
  return [[path, resolved]];
}

function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = structuredClone(body);
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

const query = (params: Record<string, string>): string => {
  const entries = Object.entries(params);
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
};

/** Every request of the sweep for one operation. */
function probes(path: string, operation: Operation, ids: Map<string, string>): Probe[] {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const pathValues = new Map(
    pathParams.map((p) => [
      p.name,
      p.schema.format === 'uuid' ? (ids.get(`${path}:${p.name}`) ?? UNKNOWN_UUID) : String(sample(p.schema)),
    ]),
  );
  const urlWith = (overrides: Map<string, string>, raw = false): string =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = overrides.get(name) ?? pathValues.get(name) ?? 'x';
      return raw && overrides.has(name) ? value : encodeURIComponent(value);
    });
  const baseQuery: Record<string, string> = {};
  for (const p of queryParams) if (p.required) baseQuery[p.name] = String(sample(p.schema));
  const url = urlWith(new Map());
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const baseBody = jsonSchema ? sample(jsonSchema) : undefined;
  const json = (body: unknown): Pick<Probe, 'payload' | 'contentType'> =>
    jsonSchema ? { payload: JSON.stringify(body), contentType: 'application/json' } : {};
  const out: Probe[] = [];

  for (const p of pathParams) {
    for (const [what, value] of malformedText(p.schema)) {
      if (value === '') continue; // an empty segment is another route
      out.push({
        what: `path ${p.name}: ${what}`,
        url: urlWith(new Map([[p.name, value]])) + query(baseQuery),
        ...json(baseBody),
      });
    }
    out.push({
      what: `path ${p.name}: over 100 characters`,
      url: urlWith(new Map([[p.name, 'x'.repeat(200)]])),
      ...json(baseBody),
    });
    out.push({
      what: `path ${p.name}: bad percent-encoding`,
      url: urlWith(new Map([[p.name, '%zz']]), true),
      ...json(baseBody),
    });
  }
  for (const p of queryParams) {
    for (const [what, value] of malformedText(p.schema)) {
      out.push({
        what: `query ${p.name}: ${what}`,
        url: url + query({ ...baseQuery, [p.name]: value }),
        ...json(baseBody),
      });
    }
    out.push({
      what: `query ${p.name}: repeated`,
      url: `${url}${query(baseQuery) || '?'}&${p.name}=a&${p.name}=b`,
      ...json(baseBody),
    });
  }
  const target = url + query(baseQuery);
  out.push({ what: 'unknown query parameter', url: `${target}${target.includes('?') ? '&' : '?'}zz=%00` });

  if (jsonSchema) {
    out.push({ what: 'sample body', url: target, ...json(baseBody) });
    for (const [leafPath, leafSchema] of leaves(jsonSchema, baseBody).slice(0, 40)) {
      for (const [what, value] of malformed(leafSchema)) {
        out.push({
          what: `body ${leafPath.join('.') || '(root)'}: ${what}`,
          url: target,
          ...json(withValue(baseBody, leafPath, value)),
        });
      }
    }
    const whole: [string, string, string][] = [
      ['invalid JSON', '{"a":', 'application/json'],
      ['empty JSON body', '', 'application/json'],
      ['JSON null', 'null', 'application/json'],
      ['JSON array', '[]', 'application/json'],
      ['JSON string', '"x"', 'application/json'],
      ['__proto__ key', '{"__proto__":{"admin":true}}', 'application/json'],
      ['NUL in a key', '{"a\\u0000b":1}', 'application/json'],
      ['5,000-deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'application/json'],
      ['text/plain body', 'hello', 'text/plain'],
      ['form body', 'a=1', 'application/x-www-form-urlencoded'],
      ['multipart body', '--b\r\n\r\nx\r\n--b--', 'multipart/form-data; boundary=b'],
      ['unknown media type', 'x', 'application/x-nothing'],
      ['1.5 MB body', JSON.stringify({ x: 'y'.repeat(1_500_000) }), 'application/json'],
    ];
    for (const [what, payload, contentType] of whole)
      out.push({ what: `body: ${what}`, url: target, payload, contentType });
  }
  return out;
}

function checkAnswer(res: LightMyRequestResponse, method: Method): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  const type = res.headers['content-type'];
  if (typeof type !== 'string' || !type.startsWith('application/problem+json')) {
    return `${res.statusCode} with content-type ${String(type)}: ${res.body.slice(0, 200)}`;
  }
  if (method === 'HEAD') return undefined;
  const problem = res.json<{
    type?: unknown;
    title?: unknown;
    status?: unknown;
    code?: unknown;
    detail?: unknown;
  }>();
  if (problem.status !== res.statusCode)
    return `${res.statusCode} but problem status ${String(problem.status)}`;
  if (typeof problem.type !== 'string' || typeof problem.code !== 'string')
    return `no type or code: ${res.body.slice(0, 200)}`;
  if (typeof problem.title !== 'string' || !CJK.test(problem.title))
    return `title not Chinese: ${res.body.slice(0, 200)}`;
  if (problem.detail !== undefined && (typeof problem.detail !== 'string' || !CJK.test(problem.detail))) {
    return `detail not Chinese: ${res.body.slice(0, 200)}`;
  }
  return undefined;
}

describe('malformed input on every operation of the OpenAPI document', () => {
  let h: LogHarness;
  let doc: OpenApi;
  let admin: Client;
  const ids = new Map<string, string>();

  const signInAdmin = async () => {
    admin = await signIn(h, 'admin');
  };

  beforeAll(async () => {
    h = await startLogHarness('pglite');
    await signInAdmin();
    doc = (await h.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
    const officer = await signIn(h, 'zhangwei');
    const meOf = async (c: Client) =>
      (await c.get('/api/v1/me')).json<{ personId: string; agency: { id: string } }>();
    const me = await meOf(admin);
    const own = new Set([me.personId, (await meOf(officer)).personId]);
    // Real ids where a list gives them (to the administrator or to an officer), so that malformed bodies
    // reach the handlers behind the lookup.
    for (const path of Object.keys(doc.paths)) {
      for (const match of path.matchAll(/\{([^}]+)\}/g)) {
        const collection = path.slice(0, match.index - 1);
        const key = `${path}:${match[1]}`;
        if (collection.includes('{')) continue;
        if (collection === '/api/v1/agencies') {
          ids.set(key, me.agency.id);
          continue;
        }
        for (const client of [admin, officer]) {
          if (ids.has(key)) break;
          const res = await client.get(collection);
          if (res.statusCode !== 200 || !res.headers['content-type']?.toString().includes('json')) continue;
          const body = res.json<unknown>();
          const items = Array.isArray(body) ? body : (body as { items?: unknown[] }).items;
          const found = (items ?? []).find(
            (item): item is { id: string } =>
              typeof (item as { id?: unknown }).id === 'string' && !own.has((item as { id: string }).id),
          );
          if (found) ids.set(key, found.id);
        }
      }
    }
  });
  afterAll(() => h?.close());

  const problemOf = (res: LightMyRequestResponse) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json<{
      status: number;
      code: string;
      title: string;
      detail?: string;
      errors?: { path: string }[];
    }>();
  };

  it('refuses NUL and other control characters at the edge, naming the field', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a\u0000b', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(problemOf(login)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.username' }],
    });
    const list = await admin.get('/api/v1/people?q=a%00b');
    expect(list.statusCode).toBe(400);
    expect(problemOf(list).errors).toEqual([
      { path: 'query.q', message: expect.stringContaining('控制字符') as unknown },
    ]);
    const nested = await admin.send('POST', '/api/v1/documents', {
      type: 'case_source',
      subjectType: 'case',
      subjectId: 'x',
      data: { parties: [{ kind: 'organisation', name: '某\u001b公司' }] },
    });
    expect(problemOf(nested).errors).toEqual([
      { path: 'body.data.parties.0.name', message: expect.any(String) as unknown },
    ]);
    // Tab, line feed and carriage return are text: the sign-in is simply wrong.
    const tab = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a\tb\r\nc', password: 'x' },
    });
    expect(problemOf(tab).code).toBe('LOGIN_FAILED');
  });

  it("answers Fastify's own refusals as problem+json in Chinese", async () => {
    const long = await admin.get(`/api/v1/people/${'x'.repeat(200)}`);
    expect(long.statusCode).toBe(414);
    expect(problemOf(long)).toMatchObject({ status: 414, code: 'URI_TOO_LONG', title: '请求地址过长' });
    const unknown = await admin.get('/api/v1/no-such-route');
    expect(problemOf(unknown)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const badEncoding = await admin.get('/api/v1/people/%zz');
    expect(problemOf(badEncoding)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    const post = (payload: string, contentType: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType },
        payload,
      });
    const large = await post(JSON.stringify({ name: 'x'.repeat(1_500_000) }), 'application/json');
    expect(problemOf(large)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const text = await post('name=x', 'text/csv');
    expect(problemOf(text)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const broken = await post('{"name":', 'application/json');
    expect(problemOf(broken)).toMatchObject({ status: 400, code: 'BAD_REQUEST', errors: [{ path: 'body' }] });
    for (const res of [long, unknown, badEncoding, large, text, broken]) {
      const problem = problemOf(res);
      expect(problem.title).toMatch(CJK);
      if (problem.detail) expect(problem.detail).toMatch(CJK);
    }
  });

  it("answers the HTTP parser's own refusals as problem+json in Chinese", async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = h.app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    const answers = [
      [431, await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)],
      [400, await raw('GET /api/v1/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')],
    ] as const;
    for (const [status, answer] of answers) {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      const problem = JSON.parse(body) as { status: number; title: string };
      expect(problem.status).toBe(status);
      expect(problem.title).toMatch(CJK);
    }
  });

  it('answers a subjectId filter naming an unknown or foreign case with 400, the field named', async () => {
    const zhangwei = await signIn(h, 'zhangwei');
    const penghui = await signIn(h, 'penghui');
    const cases = (await zhangwei.get('/api/v1/cases')).json<{ items: { id: string }[] }>();
    const own = cases.items[0]!.id;
    const lists = ['/api/v1/evidence', '/api/v1/documents', '/api/v1/steps', '/api/v1/av-gaps'];
    for (const list of lists) {
      const known = await zhangwei.get(`${list}?subjectType=case&subjectId=${own}`);
      expect(known.statusCode, `${list} ${known.body}`).toBe(200);
      const unknown = await zhangwei.get(`${list}?subjectType=case&subjectId=${UNKNOWN_UUID}`);
      expect(unknown.statusCode, list).toBe(400);
      expect(problemOf(unknown).errors).toEqual([
        { path: 'query.subjectId', message: expect.stringContaining('没有该案件') as unknown },
      ]);
      // Another agency's case is as unknown as one that does not exist: the same answer, nothing more.
      const foreign = await penghui.get(`${list}?subjectType=case&subjectId=${own}`);
      expect(foreign.statusCode, list).toBe(400);
      expect(problemOf(foreign).errors).toEqual(problemOf(unknown).errors);
      // A subject written as free text (a case number) is still a plain filter.
      const text = await zhangwei.get(
        `${list}?subjectType=case&subjectId=${encodeURIComponent('衡县市监立〔2026〕88号')}`,
      );
      expect(text.statusCode, list).toBe(200);
    }
  });

  /** The sweep, as `username` (signed in afresh whenever an operation ended the session) or anonymously. */
  const sweep = async (username: string | null): Promise<{ failures: string[]; requests: number }> => {
    const failures = new Set<string>();
    let requests = 0;
    let client = username === 'admin' ? admin : username ? await signIn(h, username) : null;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [lower, operation] of Object.entries(methods)) {
        const method = lower.toUpperCase() as Method;
        for (const probe of probes(path, operation, ids)) {
          const headers: Record<string, string> = {};
          if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrf });
          if (probe.contentType) headers['content-type'] = probe.contentType;
          const res = await h.app.inject({
            method,
            url: probe.url,
            headers,
            ...(probe.payload !== undefined && method !== 'GET' && method !== 'HEAD'
              ? { payload: probe.payload }
              : {}),
          });
          requests++;
          const problem = checkAnswer(res, method);
          if (problem) failures.add(`${method} ${path} [${probe.what}] → ${problem}`);
        }
        // Some operations end the session (sign-out) or lock the account: sign in again before the next.
        if (username && client && (await client.get('/api/v1/me')).statusCode !== 200) {
          h.clock.advance(16 * 60_000);
          client = await signIn(h, username);
        }
      }
    }
    return { failures: [...failures], requests };
  };

  it(
    'answers an administrator with no 5xx and only problem+json in Chinese',
    { timeout: 900_000 },
    async () => {
      const { failures, requests } = await sweep('admin');
      expect(requests).toBeGreaterThan(3000);
      expect(failures).toEqual([]);
    },
  );

  it(
    'answers an officer (who may work on cases, evidence and documents) with no 5xx and only problem+json',
    { timeout: 900_000 },
    async () => {
      const { failures, requests } = await sweep('zhangwei');
      expect(requests).toBeGreaterThan(3000);
      expect(failures).toEqual([]);
    },
  );

  it(
    'answers the public portal (server-rendered, not in the API document) with no 5xx',
    { timeout: 300_000 },
    async () => {
      const agency = ids.get('/api/v1/agencies/{id}:id')!;
      const pages: [string, string[]][] = [
        ['/', []],
        ['/powers', []],
        ['/officers', []],
        [`/agencies/{id}`, []],
        [`/agencies/{id}/powers`, ['q', 'kind']],
        [`/agencies/{id}/powers/{itemId}`, []],
        [`/agencies/{id}/powers/{itemId}/guide`, []],
        [`/agencies/{id}/officers`, []],
        ['/certificates', ['number']],
        ['/certificates/{number}', []],
        ['/certificates/{number}/card', []],
        ['/verify', ['code']],
        ['/publications', ['q', 'creditCode', 'documentNumber', 'kind', 'from', 'to', 'page']],
        ['/publications/feed.json', []],
        ['/publications/feed.atom', []],
        ['/publications/{id}', []],
        ['/flowcharts/{kind}', []],
      ];
      const text: Schema = { type: 'string' };
      const failures: string[] = [];
      const check = (res: LightMyRequestResponse, what: string) => {
        const type = String(res.headers['content-type']);
        if (res.statusCode >= 500) failures.push(`${what} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400 && !type.startsWith('text/html')) {
          const problem = checkAnswer(res, 'GET');
          if (problem) failures.push(`${what} → ${problem}`);
        }
      };
      for (const [template, params] of pages) {
        const fill = (value: string) =>
          template.replace(/\{([^}]+)\}/g, (_, name: string) =>
            name === 'id' ? agency : encodeURIComponent(value),
          );
        for (const [what, value] of malformedText(text)) {
          if (template.includes('{') && value !== '') {
            check(await h.app.inject({ url: fill(value) }), `${template} [path: ${what}]`);
          }
          for (const name of params) {
            check(
              await h.app.inject({ url: `${fill('x')}${query({ [name]: value })}` }),
              `${template} [${name}: ${what}]`,
            );
          }
        }
      }
      for (const [what, value] of malformedText(text)) {
        const res = await h.app.inject({
          method: 'POST',
          url: `/publications/${UNKNOWN_UUID}/correction`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ name: value, contact: value, reason: value }).toString(),
        });
        check(res, `POST /publications/{id}/correction [${what}]`);
      }
      expect(failures).toEqual([]);
    },
  );

  it(
    'answers an anonymous client with no 5xx and only problem+json in Chinese',
    { timeout: 900_000 },
    async () => {
      const { failures, requests } = await sweep(null);
      expect(requests).toBeGreaterThan(3000);
      expect(failures).toEqual([]);
    },
  );
});
