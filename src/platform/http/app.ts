import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
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
import { asAppError, sendProblem } from './problem.ts';
import { registerRateLimits } from './rate-limit.ts';

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
}

/** The app factory: everything wired, nothing listening (tests use `app.inject()`). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.config.env === 'production',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, request, reply) => sendProblem(reply, asAppError(err, request)));
  app.setNotFoundHandler((request, reply) => {
    // The workbench is a single-page app under /app/: its own router answers every path there.
    if (deps.webRoot && request.method === 'GET' && isWorkbenchPath(request.url)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, new AppError('NOT_FOUND'));
  });

  await app.register(fastifyCookie);
  // Before any route: the routes that opt in (config.rateLimit) get their hook as they are added.
  await registerRateLimits(app, deps);
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
    await app.register(fastifyStatic, { root: deps.webRoot, prefix: '/app/', wildcard: false, maxAge: '1h' });
    const portalScripts = path.join(deps.webRoot, 'portal');
    if (fs.existsSync(portalScripts)) {
      await app.register(fastifyStatic, {
        root: portalScripts,
        prefix: '/portal/',
        wildcard: false,
        maxAge: '1h',
        decorateReply: false,
      });
    }
  }
  return app;
}

const isWorkbenchPath = (url: string): boolean =>
  url === '/app' || url.startsWith('/app/') || url.startsWith('/app?');
