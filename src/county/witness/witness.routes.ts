import type { FastifyInstance } from 'fastify';
import type { CommandDeps } from '../../platform/audit/command.ts';
import type { RateLimit } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import type { CosignerKey } from './cosigner-key.ts';
import { addCheckpoint } from './witness.service.ts';

/**
 * The witness over HTTP, at `/witness/` beside the API (C2SP tlog-witness: submission and monitoring
 * prefix `/witness`). A machine endpoint: no session and no CSRF token — the checkpoint's signature by a
 * registered log key is the only authentication the spec has — and the public routes' rate limit.
 */
export interface WitnessRoutesDeps extends CommandDeps {
  /** The witness key, made in DATA_DIR at first use (witness-key.ts). */
  key: () => CosignerKey;
  limit: RateLimit;
}

/** tlog-witness: the 409 body is the size held, in decimal and a newline, of this type. */
export const TLOG_SIZE_TYPE = 'text/x.tlog.size';
/** The request is at most 63 hashes and a checkpoint with its signatures: small. */
const BODY_LIMIT = 64 * 1024;

export function witnessRoutes(deps: WitnessRoutesDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const tags = ['见证（县级监督平台）'];
    // The body is text whatever the client calls it (the spec names no content type): read it as bytes.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );

    app.post(
      '/add-checkpoint',
      {
        config: limitedBy(deps.limit, 'witness'),
        schema: {
          tags,
          summary: '提交检查点并取得见证联署（C2SP tlog-witness add-checkpoint）',
          security: [],
        },
      },
      async (req, reply) => {
        const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
        try {
          const { cosignature } = await addCheckpoint(deps, deps.key(), body);
          return reply
            .code(200)
            .header('cache-control', 'no-store')
            .type('text/plain; charset=utf-8')
            .send(cosignature);
        } catch (err) {
          if (err instanceof AppError && err.code === 'WITNESS_OLD_SIZE_MISMATCH') {
            return reply
              .code(409)
              .type(TLOG_SIZE_TYPE)
              .send(`${String(err.extra.size)}\n`);
          }
          throw err;
        }
      },
    );

    app.get(
      '/key',
      {
        schema: {
          tags,
          summary: '见证方的验证公钥（C2SP signed-note vkey，类型 0x04 cosignature/v1）',
          security: [],
        },
      },
      async (_req, reply) =>
        reply
          .header('cache-control', 'public, max-age=300')
          .type('text/plain; charset=utf-8')
          .send(`${deps.key().verifierKey}\n`),
    );
  };
}
