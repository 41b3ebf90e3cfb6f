import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RateLimit } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { limitedBy } from '../http/rate-limit.ts';
import {
  consistencyProofFor,
  inclusionProofFor,
  isFullTile,
  servedCheckpoint,
  tileContent,
} from './log.service.ts';
import { lookupByCode, lookupBySha256 } from './lookup.service.ts';
import { parseTilePath } from './tiles.ts';

/**
 * The record log over HTTP, under `/log/` (C2SP tlog-tiles): the checkpoint, tiles and entry bundles for
 * any tlog client; the verifier key; and proofs as JSON for people and browsers. Public: no sign-in, and
 * nothing here holds personal data (see entry.ts).
 */
export interface LogRoutesDeps {
  db: Db;
  /** `/log/lookup` is a public lookup, limited per client address. */
  lookupLimit: RateLimit;
  /** The verifier key strings, one per signing key; without them `/log/key` is 404. */
  verifierKeys?: readonly string[];
}

/** C2SP tlog-tiles: tiles are immutable; full ones are final, so cache them for a year. */
const FULL_TILE_CACHE = 'public, max-age=31536000, immutable';
/** A partial tile's bytes never change either, but it is soon superseded by a wider one: cache it briefly. */
const PARTIAL_TILE_CACHE = 'public, max-age=60';
/** The checkpoint changes with every integration (tlog-tiles: prevent caching beyond a few seconds). */
const NO_CACHE = 'no-cache';

/** Full tiles and bundles held in memory (they never change), bounded by bytes. */
class FullTileCache {
  readonly #entries = new Map<string, Uint8Array>();
  #bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Uint8Array | undefined {
    const value = this.#entries.get(key);
    if (value) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Uint8Array): void {
    this.#entries.set(key, value);
    this.#bytes += value.length;
    for (const [oldest, bytes] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= bytes.length;
    }
  }
}

const sizeParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const inclusionQuery = z.object({
  index: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  size: sizeParam.optional(),
});
const checkpointQuery = z.object({
  cosigned: z.enum(['0', '1']).optional().describe('为 1 时返回最新的已有见证方联署的检查点'),
});
const consistencyQuery = z.object({ from: sizeParam, to: sizeParam.optional() });
const lookupQuery = z
  .object({
    code: z.string().max(64).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制的 SHA-256')
      .transform((s) => s.toLowerCase())
      .optional(),
  })
  .refine((q) => (q.code === undefined) !== (q.sha256 === undefined), '请给出 code 或 sha256 之一');
const lookupResponse = z.object({
  index: z.number(),
  code: z.string(),
  entry: z.object({
    kind: z.string(),
    time: z.string(),
    agency: z.string().nullable(),
    actor: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string().nullable() }),
    sha256: z.string(),
    sm3: z.string(),
    fileSha256: z.string().optional(),
  }),
  agencyName: z.string().nullable(),
  size: z.number(),
});

const inclusionResponse = z.object({
  index: z.number(),
  size: z.number(),
  entry: z.string(),
  leafHash: z.string(),
  proof: z.array(z.string()),
  root: z.string(),
  checkpoint: z.string().nullable(),
});
const consistencyResponse = z.object({
  from: z.number(),
  to: z.number(),
  proof: z.array(z.string()),
  fromRoot: z.string(),
  toRoot: z.string(),
});

function sendText(reply: FastifyReply, text: string, cache: string): FastifyReply {
  return reply.header('cache-control', cache).type('text/plain; charset=utf-8').send(text);
}

export function logRoutes(deps: LogRoutesDeps) {
  const cache = new FullTileCache(64 * 1024 * 1024);

  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['记录日志'];

    app.get(
      '/checkpoint',
      {
        schema: {
          tags,
          summary: '最新的签名检查点（C2SP tlog-checkpoint），附见证方的联署签名行（C2SP tlog-cosignature）',
          security: [],
          querystring: checkpointQuery,
        },
      },
      async (req, reply) =>
        sendText(reply, await servedCheckpoint(deps.db, { cosigned: req.query.cosigned === '1' }), NO_CACHE),
    );

    app.get(
      '/key',
      { schema: { tags, summary: '检查点签名的验证公钥（C2SP signed-note）', security: [] } },
      async (_req, reply) => {
        if (!deps.verifierKeys?.length) throw new AppError('NOT_FOUND');
        return sendText(reply, deps.verifierKeys.map((k) => `${k}\n`).join(''), 'public, max-age=300');
      },
    );

    app.get(
      '/tile/*',
      { schema: { tags, summary: '瓦片与记录包（C2SP tlog-tiles）', security: [] } },
      async (req, reply) => {
        const path = `tile/${(req.params as { '*': string })['*']}`;
        const request = parseTilePath(path);
        if (!request) throw new AppError('NOT_FOUND');
        const full = isFullTile(request);
        const content = (full ? cache.get(path) : undefined) ?? (await tileContent(deps.db, request));
        if (!content) throw new AppError('NOT_FOUND');
        if (full) cache.set(path, content);
        return reply
          .header('cache-control', full ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE)
          .type('application/octet-stream')
          .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      },
    );

    app.get(
      '/proof/inclusion',
      {
        schema: {
          tags,
          summary: '包含证明：某条记录在大小为 size 的树中（RFC 9162 §2.1.3）',
          security: [],
          querystring: inclusionQuery,
          response: { 200: inclusionResponse },
        },
      },
      async (req, reply) => {
        const proof = await inclusionProofFor(deps.db, req.query.index, req.query.size);
        // A proof for a given size never changes; one for "the latest" does.
        return reply
          .header('cache-control', req.query.size === undefined ? NO_CACHE : FULL_TILE_CACHE)
          .send(proof);
      },
    );

    app.get(
      '/lookup',
      {
        config: limitedBy(deps.lookupLimit, 'lookup'),
        schema: {
          tags,
          summary: '按核验码（SX-索引-校验位）或文件的 SHA-256 查找记录日志条目，附记录机关名称',
          security: [],
          querystring: lookupQuery,
          response: { 200: lookupResponse },
        },
      },
      async (req, reply) => {
        const { code, sha256 } = req.query;
        const found =
          code !== undefined ? await lookupByCode(deps.db, code) : await lookupBySha256(deps.db, sha256!);
        return reply.header('cache-control', NO_CACHE).send(found);
      },
    );

    app.get(
      '/proof/consistency',
      {
        schema: {
          tags,
          summary: '一致性证明：大小为 to 的树是大小为 from 的树的延续（RFC 9162 §2.1.4）',
          security: [],
          querystring: consistencyQuery,
          response: { 200: consistencyResponse },
        },
      },
      async (req, reply) => {
        const proof = await consistencyProofFor(deps.db, req.query.from, req.query.to);
        return reply
          .header('cache-control', req.query.to === undefined ? NO_CACHE : FULL_TILE_CACHE)
          .send(proof);
      },
    );
  };
}
