import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The built workbench (web/dist) at /app/ and the portal's scripts (web/dist/portal) at /portal/.
 *
 * The build writes each file gzip- and brotli-compressed beside itself (web/vite.config.ts); @fastify/static
 * (`preCompressed`) sends `x.js.br` or `x.js.gz` to a browser that accepts it, with `Content-Encoding` and
 * `Vary: Accept-Encoding`, and the file itself to one that accepts neither. Each answer has an ETag (of the
 * bytes sent: size and time), so a revalidation is a 304.
 *
 * Caching: the files under /app/assets/ carry a hash of their content in their name, so a browser keeps
 * them a year without asking again (`immutable`); index.html names the current ones and the portal's
 * scripts keep their names across versions, so those are revalidated on every use (`no-cache`): a new
 * version of the server is seen at once.
 */
export const HASHED_ASSETS_PREFIX = '/app/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export async function registerStaticFiles(app: FastifyInstance, webRoot: string): Promise<void> {
  const assets = path.join(webRoot, 'assets') + path.sep;
  const cacheControl = (reply: FastifyReply, file: string) => {
    reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
  };
  const common = {
    wildcard: false,
    // A route per built file; the compressed copies are found beside them, not routes of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: cacheControl,
  };
  await app.register(fastifyStatic, { ...common, root: webRoot, prefix: '/app/' });
  const portalScripts = path.join(webRoot, 'portal');
  if (fs.existsSync(portalScripts)) {
    await app.register(fastifyStatic, {
      ...common,
      root: portalScripts,
      prefix: '/portal/',
      decorateReply: false,
    });
  }
}

/** A path under the workbench that its own router answers (not a missing file of the build). */
export function isWorkbenchPage(url: string): boolean {
  if (url.startsWith(HASHED_ASSETS_PREFIX)) return false;
  return url === '/app' || url.startsWith('/app/') || url.startsWith('/app?');
}
