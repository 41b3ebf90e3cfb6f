import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../auth/principal.ts';
import { AppError } from '../errors.ts';

/**
 * Who is asking. A browser carries the session cookie (and, for writes, the CSRF header matching its
 * session); another system carries `Authorization: Bearer <token>`. Routes ask for the principal with
 * `principalOf(request)`; the resolvers come from the org area, which owns accounts and sessions.
 */
export const SESSION_COOKIE = 'sx_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  principal: Principal;
  sessionId: string | null;
  csrfToken: string | null;
  stage: 'full' | 'totp_enrolment';
}

export interface AuthResolvers {
  session(token: string, ip: string | null): Promise<RequestAuth | null>;
  bearer(token: string, ip: string | null): Promise<Principal | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authentication(app: FastifyInstance, resolvers: AuthResolvers): Promise<void> {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await resolvers.bearer(header.slice(7).trim(), request.ip);
      if (!principal) throw new AppError('UNAUTHENTICATED', { detail: '访问令牌无效或已撤销' });
      request.auth = { principal, sessionId: null, csrfToken: null, stage: 'full' };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const auth = await resolvers.session(token, request.ip);
    if (!auth) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== auth.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
    request.auth = auth;
  });
}

export const authenticationPlugin = fp(authentication, { name: 'authentication' });

/** The signed-in principal, or 401. A session still enrolling its second factor may only enrol. */
export function principalOf(request: FastifyRequest, options: { enrolling?: boolean } = {}): Principal {
  const auth = request.auth;
  if (!auth) throw new AppError('UNAUTHENTICATED');
  if (auth.stage === 'totp_enrolment' && !options.enrolling) throw new AppError('TOTP_ENROLMENT_REQUIRED');
  return auth.principal;
}
