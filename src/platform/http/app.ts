import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { authenticationPlugin, type AuthResolvers } from './authentication.ts';
import { controlCharacterErrors } from './control-characters.ts';
import { boundHeavyWork, type HeavyKind, type WorkBound } from './heavy-work.ts';
import { asAppError, clientErrorResponse, sendProblem } from './problem.ts';
import { registerRateLimits } from './rate-limit.ts';
import { isWorkbenchPage, registerStaticFiles } from './static-files.ts';

z.config(z.locales.zhCN());

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  auth: AuthResolvers;
  /** Area plugins, each registered under /api/v1. */
  areas: ((app: FastifyInstance) => Promise<void>)[];
  logger?: FastifyServerOptions['logger'];
  /** The built workbench (web/dist); omitted in API-only tests. */
  webRoot?: string;
  /** Bounds on heavy work per kind, over the defaults (heavy-work.ts); tests make them tight. */
  heavyWork?: Partial<Record<HeavyKind, Partial<WorkBound>>>;
}

/**
 * How long a client may take (issue 10 item 8; security sweep M7: a stalled body was held > 420 s). A
 * socket on which nothing arrives for `idleTimeoutMs` while a request comes in is closed: a stalled upload,
 * a body that never comes (slowloris). Once the request is in, the handler may take as long as its work
 * (see `releaseIdleTimeout`). The headers must be in within 20 s and the whole request, body included,
 * within `requestTimeoutMs` (else 408); an idle keep-alive connection is closed after 65 s, above the
 * 60 s after which nginx and most load balancers stop reusing theirs (so they never send on a closing one).
 */
const HEADERS_TIMEOUT_MS = 20_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** JSON and form bodies; evidence and templates stream past this with limits of their own. */
const BODY_LIMIT = 1024 * 1024;

/** The app factory: everything wired, nothing listening (tests use `app.inject()`). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.config.env === 'production',
    bodyLimit: BODY_LIMIT,
    connectionTimeout: deps.config.http.idleTimeoutMs,
    requestTimeout: deps.config.http.requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Refusals of the router itself (a path parameter over 100 characters, bad percent-encoding) as
    // problem+json too, not Fastify's English JSON.
    frameworkErrors: (err, request, reply) => {
      void sendProblem(reply, asAppError(err, request));
    },
    // And those of Node's HTTP parser, before Fastify has a request (431 headers too large, 400, 408).
    clientErrorHandler: (err, socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(err));
      socket.destroy(err);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, deps.config.http.requestTimeoutMs);
  app.addHook('preHandler', releaseIdleTimeout);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, request, reply) => sendProblem(reply, asAppError(err, request)));
  app.setNotFoundHandler((request, reply) => {
    // The workbench is a single-page app under /app/: its own router answers every path there but the
    // build's files (a missing one is a 404, not the page: a script from an older build must not get HTML).
    if (deps.webRoot && request.method === 'GET' && isWorkbenchPage(request.url)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, new AppError('NOT_FOUND', { detail: '没有这个接口地址或页面' }));
  });
  // Text with a control character (NUL above all, which PostgreSQL refuses with an error) is refused
  // before the schemas run, with the field named, whatever the route.
  app.addHook('preValidation', async (request) => {
    const errors = controlCharacterErrors({
      params: request.params,
      query: request.query,
      body: request.body,
    });
    const first = errors[0];
    if (first) throw new AppError('VALIDATION_FAILED', { detail: `${first.path}：${first.message}`, errors });
  });

  await app.register(fastifyCookie);
  // Before any route: the routes that opt in (config.rateLimit) get their hook as they are added.
  await registerRateLimits(app, deps);
  boundHeavyWork(app, deps.heavyWork);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sanxiang 三项 API',
        version: '1',
        description:
          '行政执法公示、执法全过程记录、重大执法决定法制审核平台的接口。错误以 RFC 9457 problem+json 返回。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sx_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));

  await app.register(authenticationPlugin, deps.auth);
  await app.register(
    async (api) => {
      for (const area of deps.areas) await api.register(area);
    },
    { prefix: '/api/v1' },
  );

  if (deps.webRoot && fs.existsSync(path.join(deps.webRoot, 'index.html'))) {
    // The workbench at /app/; the public portal (at /, server-rendered) loads its few scripts from /portal/.
    await registerStaticFiles(app, deps.webRoot);
  }
  return app;
}

/**
 * The idle timeout guards the arrival of a request, not the work on it: a queued export or a PDF build may
 * write nothing for longer. Off once the request is all in (a streamed upload: once its body has ended);
 * Node sets it again for the connection's next request.
 */
async function releaseIdleTimeout(request: FastifyRequest): Promise<void> {
  const socket = request.raw.socket as Socket | undefined;
  if (typeof socket?.setTimeout !== 'function') return; // app.inject()
  if (request.raw.complete) socket.setTimeout(0);
  else request.raw.once('end', () => socket.setTimeout(0));
}
