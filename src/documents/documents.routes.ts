import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../org/org.schema.ts';
import { AppError } from '../platform/errors.ts';
import { attachment } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { documentTypes } from './document-types.ts';
import * as s from './documents.schema.ts';
import { draftDocument, issueForPrincipal } from './document-issue.service.ts';
import { setNumberPattern } from './document-numbering.service.ts';
import {
  listTemplates,
  MAX_TEMPLATE_BYTES,
  templateContent,
  uploadTemplate,
} from './document-templates.service.ts';
import { documentContent, getDocument, listDocuments, type DocumentsDeps } from './documents.service.ts';
import { docxToPdf, findSoffice } from './pdf.ts';
import { takeWrittenRecord } from './written-records.service.ts';
import { changeDocumentSettings, documentSettingsOf } from './document-settings.service.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['执法文书'];

/** Template uploads, in a plugin of their own: the body is the .docx itself (up to 10 MB). */
function templateUploadRoute(deps: DocumentsDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(
      [DOCX_TYPE, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: MAX_TEMPLATE_BYTES },
      (_req, body, done) => done(null, body),
    );
    app.post(
      '/documents/templates/:type',
      {
        schema: {
          tags,
          summary: '上传本机关的文书模板（请求体即 .docx 文件；每次上传为新版本，旧版本保留）',
          params: s.typeParams,
          querystring: s.templateUploadQuery,
          response: { 201: s.template },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const info = await uploadTemplate(deps, principalOf(req), req.params.type, req.body, req.query);
        return reply.status(201).send(info);
      },
    );
  };
}

/** Documents under /api/v1/documents. Thin: parse, call, answer. */
export function documentsRoutes(deps: DocumentsDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    await app.register(templateUploadRoute(deps));

    app.get('/documents/types', { schema: { tags, summary: '文书种类及各自的填写项' } }, () => documentTypes);
    app.get(
      '/documents/templates',
      {
        schema: {
          tags,
          summary: '本机关各类文书的模板及其历史版本（版本 0 为系统内置）',
          response: { 200: z.array(s.template) },
        },
      },
      (req) => listTemplates(deps, principalOf(req)),
    );
    app.get(
      '/documents/templates/:type/:version',
      { schema: { tags, summary: '下载某一版本的模板', params: s.templateParams } },
      async (req, reply) => {
        const { bytes, filename } = await templateContent(
          deps,
          principalOf(req),
          req.params.type,
          req.params.version,
        );
        return reply.type(DOCX_TYPE).header('content-disposition', attachment(filename)).send(bytes);
      },
    );
    app.put(
      '/documents/number-patterns/:type',
      {
        schema: {
          tags,
          summary: '设置本机关某类文书的文号格式，如 衡县市监处罚〔{year}〕{n}号',
          params: s.typeParams,
          body: s.numberPatternInput,
        },
      },
      (req) => setNumberPattern(deps, principalOf(req), req.params.type, req.body.pattern),
    );
    app.post(
      '/documents',
      {
        schema: {
          tags,
          summary: '为某一对象（如案件）制作并签发文书（文号自动编排）',
          body: s.issueInput,
          response: { 201: s.issuedDocument },
        },
      },
      async (req, reply) => reply.status(201).send(await issueForPrincipal(deps, principalOf(req), req.body)),
    );
    app.get(
      '/document-settings',
      { schema: { tags, summary: '文书设置：罚没款缴纳账户、行政复议机关、管辖法院、联系方式' } },
      (req) => documentSettingsOf(deps, principalOf(req)),
    );
    app.put(
      '/document-settings',
      {
        schema: {
          tags,
          summary: '修改文书设置（新增一条设置记录，原记录保留）',
          body: s.documentSettingsInput,
        },
      },
      (req) => changeDocumentSettings(deps, principalOf(req), req.body),
    );
    app.get(
      '/documents/draft',
      {
        schema: {
          tags,
          summary: '按案件自动填写的文书草稿（制作前供执法人员核对、修改）',
          querystring: s.draftQuery,
        },
      },
      (req) => draftDocument(deps, principalOf(req), req.query),
    );
    app.post(
      '/documents/written-records',
      {
        schema: {
          tags,
          summary: '制作笔录（现场笔录、询问笔录等）：签名图片、拒签情况、关联音像记录',
          body: s.writtenRecordInput,
          response: { 201: s.issuedDocument },
        },
      },
      async (req, reply) => reply.status(201).send(await takeWrittenRecord(deps, principalOf(req), req.body)),
    );
    app.get(
      '/documents',
      {
        schema: {
          tags,
          summary: '某一对象的文书',
          querystring: s.documentsQuery,
          response: { 200: z.array(s.issuedDocument) },
        },
      },
      (req) => listDocuments(deps, principalOf(req), req.query),
    );
    app.get(
      '/documents/:id',
      { schema: { tags, summary: '文书信息', params: idParams, response: { 200: s.issuedDocument } } },
      (req) => getDocument(deps, principalOf(req), req.params.id),
    );
    app.get(
      '/documents/:id/content',
      { schema: { tags, summary: '下载签发的文书（.docx，印有核验码及二维码）', params: idParams } },
      async (req, reply) => {
        const { document, bytes } = await documentContent(deps, principalOf(req), req.params.id);
        return reply
          .type(DOCX_TYPE)
          .header('content-disposition', attachment(`${document.number}.docx`))
          .header('etag', `"${document.sha256!}"`)
          .header('cache-control', 'private, no-cache')
          .send(bytes);
      },
    );
    app.get(
      '/documents/:id/pdf',
      {
        config: { heavy: 'pdf' },
        schema: { tags, summary: '文书的 PDF（仅在服务器安装了 LibreOffice 时提供）', params: idParams },
      },
      async (req, reply) => {
        if (!(await findSoffice())) throw new AppError('PDF_UNAVAILABLE');
        const { document, bytes } = await documentContent(deps, principalOf(req), req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(`${document.number}.pdf`))
          .send(await docxToPdf(bytes));
      },
    );
  };
}
