import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoot } from '../../src/app.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The workbench's and the portal's files as the build leaves them in web/dist (`npm ci` builds it, or
 * `npm run build:web`): compressed at the build, sent in the encoding the browser accepts.
 */
const file = (relative: string) => fs.readFileSync(path.join(webRoot, relative));
const indexHtml = () => file('index.html').toString('utf8');
/** The sign-in page's entry script, as index.html names it (/app/assets/index-<hash>.js). */
const entryScript = () => {
  const src = /<script type="module"[^>]* src="([^"]+)"/.exec(indexHtml())?.[1];
  if (!src) throw new Error('web/dist/index.html names no module script');
  return src;
};
const inDist = (url: string) => url.replace(/^\/app\//, '').replace(/^\/portal\//, 'portal/');

describe('the built workbench and portal scripts, precompressed', () => {
  let h: Harness;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
      throw new Error(`${webRoot}/index.html is missing: run \`npm run build:web\``);
    }
    h = await startHarness('pglite', { demo: false, serveWeb: true });
  });
  afterAll(() => h.close());

  it('writes a gzip and a brotli copy beside every file of the build that compression makes smaller', () => {
    const built = fs
      .readdirSync(webRoot, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(html|js|css)$/.test(f));
    expect(built.length).toBeGreaterThan(2);
    for (const f of built) {
      const original = file(f);
      if (zlib.gzipSync(original, { level: 9 }).length < original.length) {
        expect(zlib.gunzipSync(file(`${f}.gz`)).equals(original), `${f}.gz`).toBe(true);
      }
      if (zlib.brotliCompressSync(original).length < original.length) {
        expect(zlib.brotliDecompressSync(file(`${f}.br`)).equals(original), `${f}.br`).toBe(true);
      }
    }
  });

  it('sends brotli to a browser that accepts it, the bytes of the file once decompressed', async () => {
    const url = entryScript();
    const res = await h.app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.rawPayload.length).toBeLessThan(file(inDist(url)).length);
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(file(inDist(url)))).toBe(true);
  });

  it('prefers brotli when a browser accepts both, as Chromium does', async () => {
    const res = await h.app.inject({
      url: entryScript(),
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('sends gzip to a browser that accepts only gzip', async () => {
    const url = entryScript();
    const res = await h.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(res.rawPayload).equals(file(inDist(url)))).toBe(true);
  });

  it('sends the file itself, still varying on Accept-Encoding, to a client that names no encoding', async () => {
    const url = entryScript();
    const res = await h.app.inject({ url });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.equals(file(inDist(url)))).toBe(true);
  });

  it('lets a browser keep a hashed asset a year and revalidate it by its ETag', async () => {
    const headers = { 'accept-encoding': 'br' };
    const first = await h.app.inject({ url: entryScript(), headers });
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = first.headers.etag;
    expect(etag).toEqual(expect.any(String));
    const again = await h.app.inject({
      url: entryScript(),
      headers: { ...headers, 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('answers a HEAD with the headers of the GET and no body', async () => {
    const url = entryScript();
    const headers = { 'accept-encoding': 'br' };
    const [get, head] = await Promise.all([
      h.app.inject({ url, headers }),
      h.app.inject({ method: 'HEAD', url, headers }),
    ]);
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(get.rawPayload.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('has the browser revalidate index.html (at /app/ and on every page of the workbench)', async () => {
    for (const url of ['/app/', '/app/index.html', '/app/cases']) {
      const res = await h.app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'), url).toBe(indexHtml());
    }
  });

  it('compresses the portal scripts too, revalidated since their names stay the same across versions', async () => {
    const res = await h.app.inject({ url: '/portal/verify.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(file('portal/verify.js'))).toBe(true);
  });

  it('answers a missing asset with a 404, not the workbench page (a script of an older build)', async () => {
    for (const url of ['/app/assets/index-nothere.js', '/portal/nothere.js']) {
      const res = await h.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    const head = await h.app.inject({ method: 'HEAD', url: '/app/assets/index-nothere.js' });
    expect(head.statusCode).toBe(404);
  });
});
