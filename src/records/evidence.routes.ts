import { actionsOn } from '../platform/auth/policy.ts';
import { recordsPolicy } from './records.policy.ts';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../platform/errors.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { contentRange, parseRange } from './byte-range.ts';
import * as s from './evidence.schema.ts';
import { declaredSha256, evidenceKindLabels, mediaTypeOf, OCTET_STREAM } from './evidence.rules.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { disposeEvidence } from './evidence-disposal.service.ts';
import { exportEvidence } from './evidence-excel.service.ts';
import { evidenceLog, getEvidence, listEvidence } from './evidence.queries.ts';
import { evidenceContent, markEvidence, uploadEvidence, type EvidenceDeps } from './evidence.service.ts';
import { retentionMarkLabels } from './retention.rules.ts';
import { getRetentionPolicy, setRetentionPolicy } from './retention.service.ts';

const tags = ['全过程记录'];

/** One sheet holds the export; a county's evidence over any sensible filter is far below this. */
const EXPORT_ROWS = 100_000;

const isStream = (body: unknown): body is Readable =>
  typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';

/**
 * The upload, in a plugin of its own: its content-type parser hands the request stream to the handler
 * unread (no buffering, no body limit but the service's), for any media type; the service decides which
 * it accepts. The metadata is in the query string.
 */
function uploadRoute(deps: EvidenceDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    // Fastify's own parsers (JSON, text) would read a chat log or an exported JSON file (电子数据) as a
    // request body: here every body is the file, streamed.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    // Refused before the body was all read (bad metadata, no permission): close the connection rather
    // than take gigabytes only to throw them away.
    app.addHook('onError', async (req, reply) => {
      if (!req.raw.readableEnded) void reply.header('connection', 'close');
    });
    app.post(
      '/evidence',
      {
        schema: {
          tags,
          summary: '上传证据文件（请求体即文件本身，流式接收并计算 SHA-256 与 SM3）',
          description:
            '请求体为文件原始字节，Content-Type 为文件类型（如 video/mp4）。可在查询参数 sha256/sm3 或 ' +
            'Content-Digest 头（RFC 9530，sha-256）中声明摘要；与收到的字节不符则拒收，不保存、不记录。' +
            '电子数据（kind=electronic_data，行政处罚法第四十六条）须注明原始存储介质、提取方式、提取时记录的 ' +
            'SHA-256（extractionSha256，与收到的字节不符则拒收）、提取时间和地点，可关联证据提取单。',
          querystring: s.uploadQuery,
          response: { 201: s.evidence },
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        if (!isStream(req.body)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: '请求体应为文件本身，而不是表单或 JSON' });
        }
        const digestHeader = req.headers['content-digest'] ?? req.headers['repr-digest'];
        const contentDigestSha256 = declaredSha256(
          Array.isArray(digestHeader) ? digestHeader.join(',') : digestHeader,
        );
        if (contentDigestSha256 === null) {
          throw fieldError(
            'VALIDATION_FAILED',
            'headers.content-digest',
            'sha-256 摘要应为 32 字节的 base64',
          );
        }
        const length = req.headers['content-length'];
        const evidence = await uploadEvidence(deps, principal, req.query, {
          stream: req.body,
          mediaType: mediaTypeOf(req.headers['content-type']),
          contentLength: length === undefined ? undefined : Number(length),
          contentDigestSha256,
        });
        return reply.status(201).header('location', `/api/v1/evidence/${evidence.id}`).send(evidence);
      },
    );
  };
}

/** `inline` for what the browser shows (video, audio, images, PDF); a download for anything else. */
function disposition(mediaType: string, filename: string | null, id: string): string {
  const how = mediaType === OCTET_STREAM ? 'attachment' : 'inline';
  return `${how}; filename*=UTF-8''${encodeURIComponent(filename ?? id)}`;
}

/** The file's bytes: whole, or one range of them (RFC 9110 §14), with a strong ETag (its SHA-256). */
async function sendContent(deps: EvidenceDeps, id: string, req: FastifyRequest, reply: FastifyReply) {
  const { evidence, size, read } = await evidenceContent(deps, principalOf(req), id);
  const etag = `"${evidence.sha256}"`;
  void reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    // Uploaded bytes are served on the workbench's origin: never sniffed, never run.
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', disposition(evidence.media_type, evidence.filename, evidence.id));
  if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
    return reply.status(304).send();
  }
  // §13.1.5 If-Range: a range only of the same representation, else the whole of the current one.
  const ifRange = req.headers['if-range'];
  const answer =
    ifRange !== undefined && ifRange !== etag
      ? ({ kind: 'whole' } as const)
      : parseRange(req.headers.range, size);
  const range = contentRange(answer, size);
  if (range) void reply.header('content-range', range);
  if (answer.kind === 'unsatisfiable') throw new AppError('RANGE_NOT_SATISFIABLE');
  const partial = answer.kind === 'partial' ? { start: answer.start, end: answer.end } : undefined;
  void reply
    .status(partial ? 206 : 200)
    .type(evidence.media_type)
    .header('content-length', partial ? partial.end - partial.start + 1 : size);
  return reply.send(req.method === 'HEAD' ? undefined : read(partial));
}

/** Evidence files and retention under /api/v1. Thin: parse, call, answer. */
export function evidenceRoutes(deps: EvidenceDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    await base.register(uploadRoute(deps));
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get('/evidence/reference', { schema: { tags, summary: '证据文件代码表' } }, () => ({
      kinds: evidenceKindLabels,
      marks: retentionMarkLabels,
    }));
    app.get(
      '/evidence',
      {
        schema: {
          tags,
          summary: '证据文件列表',
          querystring: s.evidenceQuery,
          response: { 200: s.page(s.evidence) },
        },
      },
      async (req) => ({
        ...(await listEvidence(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/evidence/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出证据文件清单 Excel（按列表的筛选条件）',
          querystring: s.evidenceQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const { items } = await listEvidence(deps, principalOf(req), {
          ...req.query,
          page: 1,
          pageSize: EXPORT_ROWS,
        });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('证据文件清单.xlsx'))
          .send(await exportEvidence(deps.db, items));
      },
    );
    app.get(
      '/evidence/:id',
      { schema: { tags, summary: '证据文件详情', params: s.idParams, response: { 200: s.evidence } } },
      async (req) => {
        const principal = principalOf(req);
        const view = await getEvidence(deps, principal, req.params.id);
        return { ...view, can: actionsOn(principal, recordsPolicy, view.agencyId) };
      },
    );
    app.get(
      '/evidence/:id/log',
      {
        schema: {
          tags,
          summary: '证据文件在记录日志中的条目（上传、标记、处置），各附日志序号以便核验',
          params: s.idParams,
          response: { 200: z.object({ items: z.array(s.evidenceLogEvent) }) },
        },
      },
      async (req) => ({ items: await evidenceLog(deps, principalOf(req), req.params.id) }),
    );
    // GET and HEAD declared together: Fastify's automatic HEAD would read the whole file to discard it.
    app.route({
      method: ['GET', 'HEAD'],
      url: '/evidence/:id/content',
      schema: { tags, summary: '下载证据文件（支持 Range 断点与拖动播放）', params: s.idParams },
      handler: (req, reply) => sendContent(deps, req.params.id, req, reply),
    });
    app.post(
      '/evidence/:id/marks',
      {
        schema: {
          tags,
          summary: '标记永久保存（作为证据使用、记录阻碍执法或重大事件）',
          params: s.idParams,
          body: s.markInput,
          response: { 200: s.evidence },
        },
      },
      (req) => markEvidence(deps, principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/evidence/:id/disposal',
      {
        schema: {
          tags,
          summary: '保存期满后处置文件（删除文件内容，保留摘要与记录）',
          params: s.idParams,
          body: s.disposalInput,
          response: { 200: s.evidence },
        },
      },
      (req) => disposeEvidence(deps, principalOf(req), req.params.id, req.body),
    );

    app.get(
      '/agencies/:id/retention-policy',
      { schema: { tags, summary: '证据保存期限', params: s.idParams, response: { 200: s.retentionPolicy } } },
      (req) => getRetentionPolicy(deps, principalOf(req), req.params.id),
    );
    app.put(
      '/agencies/:id/retention-policy',
      {
        schema: {
          tags,
          summary: '设置证据保存期限（不得少于 6 个月）',
          params: s.idParams,
          body: s.retentionInput,
          response: { 200: s.retentionPolicy },
        },
      },
      (req) => setRetentionPolicy(deps, principalOf(req), req.params.id, req.body),
    );
  };
}
