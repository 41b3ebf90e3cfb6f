import type { FastifyInstance } from 'fastify';
import type { CommandDeps } from '../../platform/audit/command.ts';
import type { RateLimit } from '../../platform/config.ts';
import { limitedBy } from '../../platform/http/rate-limit.ts';
import type { ReceiptKey } from '../registry/receipt-key.ts';
import { receivePush } from './ingest.service.ts';

/**
 * The county platform's machine endpoints at `/county/` beside the API (docs/county-push.md): the ingest
 * of pushed batches and the receipt key. No session and no CSRF token: a batch's signature by a registered
 * push key is its authentication.
 */
export interface IngestRoutesDeps extends CommandDeps {
  /** The receipt key, made in DATA_DIR at first use (receipt-key.ts). */
  receiptKey: () => ReceiptKey;
  limit: RateLimit;
}

/** docs/county-push.md: a batch of up to 500 records with their entries and proofs. */
const BODY_LIMIT = 8 * 1024 * 1024;

export function ingestRoutes(deps: IngestRoutesDeps) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const tags = ['县级监督平台：接收推送'];
    // The body is hashed and checked as sent: read it as text and parse it in the service.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/push',
      {
        bodyLimit: BODY_LIMIT,
        config: limitedBy(deps.limit, 'county-push'),
        schema: {
          tags,
          summary: '接收机关推送的批次，返回签名回执（sanxiang-push/v1）',
          security: [],
        },
      },
      async (req, reply) => {
        const { receipt } = await receivePush(
          deps,
          deps.receiptKey,
          typeof req.body === 'string' ? req.body : '',
        );
        return reply.code(200).header('cache-control', 'no-store').send(receipt);
      },
    );

    app.get(
      '/receipt-key',
      { schema: { tags, summary: '平台回执签名的验证公钥（C2SP signed-note vkey，Ed25519）', security: [] } },
      async (_req, reply) =>
        reply
          .header('cache-control', 'public, max-age=300')
          .type('text/plain; charset=utf-8')
          .send(`${deps.receiptKey().verifierKey}\n`),
    );
  };
}
