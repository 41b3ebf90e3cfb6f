import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, principalOf } from '../platform/http/authentication.ts';
import type { RateLimit } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { abilitiesOf } from '../policies.ts';
import { limitedBy } from '../platform/http/rate-limit.ts';
import {
  confirmTotpEnrolment,
  signIn,
  signOut,
  ownAccountView,
  startTotpEnrolment,
  type SignInDeps,
} from './sign-in.service.ts';

const loginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态验证码为 6 位数字')
    .optional(),
});

export function signInRoutes(deps: SignInDeps & { cookieSecure: boolean; limit: RateLimit }) {
  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookieSecure,
      expires,
    });

  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['登录'];

    app.post(
      '/auth/login',
      {
        // Per client address, before the body is read or a password hashed (security sweep H3).
        config: limitedBy(deps.limit, 'sign-in'),
        schema: {
          tags,
          summary: '登录（密码，必要时再加动态验证码）',
          security: [],
          body: loginBody,
          response: {
            200: z.object({
              stage: z.enum(['full', 'totp_enrolment']),
              csrfToken: z.string(),
              expiresAt: z.string(),
            }),
          },
        },
      },
      async (req, reply) => {
        const session = await signIn(deps, req.body, req.ip);
        setCookie(reply, session.token, session.expiresAt);
        return {
          stage: session.stage,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt.toISOString(),
        };
      },
    );

    app.post('/auth/logout', { schema: { tags, summary: '退出登录' } }, async (req, reply) => {
      const auth = req.auth;
      if (auth?.sessionId) await signOut(deps, auth.principal, auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get('/me', { schema: { tags, summary: '当前用户' } }, async (req) => {
      const principal = principalOf(req, { enrolling: true });
      const { agency, totpEnabled: totp } = await ownAccountView(deps.db, principal);
      return {
        personId: principal.personId,
        accountId: principal.accountId,
        username: principal.username,
        name: principal.name,
        agency,
        roles: [...principal.roles],
        supervisedAgencyIds: [...principal.supervisedAgencyIds],
        stage: req.auth?.stage ?? 'full',
        csrfToken: req.auth?.csrfToken ?? null,
        totpEnabled: totp,
        abilities: abilitiesOf(principal),
      };
    });

    app.post('/auth/totp/enrolment', { schema: { tags, summary: '开始绑定动态验证码' } }, async (req) => {
      const principal = principalOf(req, { enrolling: true });
      if (principal.via !== 'session') throw new AppError('FORBIDDEN');
      return startTotpEnrolment(deps, principal);
    });

    app.post(
      '/auth/totp/confirm',
      {
        schema: {
          tags,
          summary: '确认绑定动态验证码',
          body: z.strictObject({ code: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字') }),
        },
      },
      async (req, reply) => {
        const principal = principalOf(req, { enrolling: true });
        const sessionId = req.auth?.sessionId;
        if (!sessionId) throw new AppError('FORBIDDEN');
        await confirmTotpEnrolment(deps, principal, sessionId, req.body.code);
        return reply.status(204).send();
      },
    );
  };
}
