import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionKindLabels } from '../powers/action-kinds.ts';
import { actionsOn, authorize } from '../platform/auth/policy.ts';
import { attachment, XLSX_TYPE } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { limitedBy } from '../platform/http/rate-limit.ts';
import {
  earlyEndUnmetMessages,
  missingPublicitySettings,
  type PublicityDeadlineConfig,
} from './deadlines.rules.ts';
import { personalDataKindLabels } from './personal-data.rules.ts';
import { exportPublications } from './publications-excel.service.ts';
import { creditExportKinds, type CreditExportKind } from './credit-export.rules.ts';
import { creditCsv, creditRows, creditSheetNames, creditWorkbook } from './credit-export.service.ts';
import { publicationsPolicy } from './publications.policy.ts';
import { listCorrections } from './correction-requests.queries.ts';
import { timeliness } from './publication-reports.queries.ts';
import { getPublication, listPublications } from './publications.queries.ts';
import { guardedFieldLabels, publicationStatusLabels } from './publications.rules.ts';
import * as s from './publications.schema.ts';
import { answerCorrection, requestCorrection, type PublicRouteDeps } from './correction-requests.service.ts';
import { createPublication, editPublication } from './publication-draft.service.ts';
import { reviewPublication, submitPublication } from './publication-review.service.ts';
import { endPublicationEarly, withdrawPublication } from './publication-withdraw.service.ts';
import { changePublicitySettings, publicitySettings } from './publicity-settings.service.ts';

const settingsResponse = s.publicitySettingsView;
const settingsView = (config: PublicityDeadlineConfig) => ({
  ...config,
  missing: missingPublicitySettings(config),
});
const challenge = z
  .object({
    parameters: z.object({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      expiresAt: z.number().optional(),
    }),
    signature: z.string().optional(),
  })
  .describe('ALTCHA 工作量证明挑战（altcha-lib v2）');

/** Publications (公示) under /api/v1/publications. Thin: parse, call, answer. */
export function publicationsRoutes(deps: PublicRouteDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['公示信息'];
    /** A publication with the actions the caller may take on it (issue 11 item 4). */
    const detail = async (req: Parameters<typeof principalOf>[0], id: string) => {
      const principal = principalOf(req);
      const view = await getPublication(deps, principal, id);
      return { ...view, can: actionsOn(principal, publicationsPolicy, view.agencyId) };
    };

    app.get(
      '/publications/reference',
      { schema: { tags, summary: '代码表（类别、状态、处罚种类、个人信息类别）' } },
      () => ({
        kinds: actionKindLabels,
        statuses: publicationStatusLabels,
        partyKinds: s.partyKindLabels,
        sanctionKinds: s.sanctionKindLabels,
        personalDataKinds: personalDataKindLabels,
        guardedFields: guardedFieldLabels,
        earlyEndUnmet: earlyEndUnmetMessages,
      }),
    );
    app.get(
      '/publications',
      {
        schema: {
          tags,
          summary: '公示信息列表（含公示期限倒计时与超期标记）',
          querystring: s.publicationsQuery,
          response: { 200: s.page(s.publicationSummary) },
        },
      },
      async (req) => ({
        ...(await listPublications(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/publications/export.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '导出公示信息列表 Excel（按同样的筛选条件）',
          querystring: s.publicationsQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const items = [];
        for (let page = 1; ; page++) {
          const got = await listPublications(deps, principal, { ...req.query, page, pageSize: 200 });
          items.push(...got.items);
          if (got.items.length < 200) break;
        }
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('公示信息.xlsx'))
          .send(await exportPublications(items));
      },
    );
    const creditQuery = z.strictObject({
      kind: z.enum(creditExportKinds).describe('penalty 行政处罚，licensing 行政许可'),
      agencyId: z.uuid().optional(),
      decidedFrom: z.iso.date('日期应为有效的 YYYY-MM-DD').optional().describe('决定日期起'),
      decidedTo: z.iso.date('日期应为有效的 YYYY-MM-DD').optional().describe('决定日期止'),
    });
    const creditFile = (kind: CreditExportKind, ext: string) => `双公示-${creditSheetNames[kind]}.${ext}`;
    app.get(
      '/publications/export/credit.xlsx',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '按双公示格式导出行政处罚或行政许可信息 Excel（报送省信用平台）',
          querystring: creditQuery,
        },
      },
      async (req, reply) => {
        const rows = await creditRows(deps, principalOf(req), req.query);
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(creditFile(req.query.kind, 'xlsx')))
          .send(await creditWorkbook(rows, req.query.kind));
      },
    );
    app.get(
      '/publications/export/credit.csv',
      {
        config: { heavy: 'excel' },
        schema: {
          tags,
          summary: '按双公示格式导出行政处罚或行政许可信息 CSV（UTF-8，RFC 4180）',
          querystring: creditQuery,
        },
      },
      async (req, reply) => {
        const rows = await creditRows(deps, principalOf(req), req.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(creditFile(req.query.kind, 'csv')))
          .send(creditCsv(rows));
      },
    );
    app.get(
      '/publications/timeliness',
      {
        schema: {
          tags,
          summary: '按时公示情况（按内设机构和月份）',
          querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(9999) }),
          response: {
            200: z.object({
              year: z.number().int(),
              rows: z.array(
                z.object({
                  unitId: z.uuid().nullable(),
                  unitName: z.string().nullable(),
                  month: z.string(),
                  published: z.number().int(),
                  onTime: z.number().int(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => ({
        year: req.query.year,
        rows: await timeliness(deps, principalOf(req), req.query.year),
      }),
    );
    app.get(
      '/publications/settings',
      { schema: { tags, summary: '本机关的公示期限设置', response: { 200: settingsResponse } } },
      async (req) => {
        const principal = principalOf(req);
        authorize(principal, publicationsPolicy.read, principal.agencyId);
        return settingsView(await publicitySettings(deps.db, principal.agencyId));
      },
    );
    app.put(
      '/publications/settings',
      {
        schema: {
          tags,
          summary: '调整公示期限设置（系统管理员；须写明理由）',
          body: s.publicitySettingsBody,
          response: { 200: settingsResponse },
        },
      },
      async (req) => settingsView(await changePublicitySettings(deps, principalOf(req), req.body)),
    );
    app.get(
      '/publications/corrections',
      {
        schema: {
          tags,
          summary: '更正申请列表（含答复期限）',
          querystring: s.correctionsQuery,
          response: { 200: s.page(s.correction) },
        },
      },
      async (req) => ({
        ...(await listCorrections(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.post(
      '/publications/corrections/:id/answer',
      {
        schema: {
          tags,
          summary: '答复更正申请（公示管理员）',
          params: s.idParams,
          body: s.answerBody,
          response: { 200: s.correction },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        await answerCorrection(deps, principal, req.params.id, req.body);
        const { items } = await listCorrections(deps, principal, { page: 1, pageSize: 200 });
        const found = items.find((c) => c.id === req.params.id);
        if (!found) throw new Error('answered correction not readable');
        return found;
      },
    );
    app.get(
      '/publications/anti-robot/challenge',
      {
        schema: {
          tags,
          summary: '人机验证挑战（公开；提交更正申请前取得并求解）',
          security: [],
          response: { 200: challenge },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'no-store').send(await deps.antiRobot.challenge()),
    );
    app.post(
      '/publications/:id/corrections',
      {
        config: limitedBy(deps.limits.corrections, 'correction'),
        schema: {
          tags,
          summary: '申请更正公示信息（公开，无需登录；限频并需人机验证）',
          security: [],
          params: s.idParams,
          body: s.correctionInput,
          response: { 201: z.object({ id: z.uuid(), receiptNumber: z.string(), dueOn: z.string() }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await requestCorrection(deps, req.params.id, req.body, req.ip)),
    );
    app.get(
      '/publications/:id',
      {
        schema: {
          tags,
          summary: '公示信息详情（含脱敏检查、核验码、步骤和更正申请）',
          params: s.idParams,
          response: { 200: s.publicationDetail },
        },
      },
      (req) => detail(req, req.params.id),
    );
    app.post(
      '/publications',
      {
        schema: {
          tags,
          summary: '新建公示草稿（默认按内部记录自动脱敏；计算公示期限）',
          body: s.publicationInput,
          response: { 201: s.publicationDetail },
        },
      },
      async (req, reply) => {
        const id = await createPublication(deps, principalOf(req), req.body);
        return reply.status(201).send(await detail(req, id));
      },
    );
    app.patch(
      '/publications/:id',
      {
        schema: {
          tags,
          summary: '修改草稿（仅草稿或被退回的）',
          params: s.idParams,
          body: s.publicationEdit,
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await editPublication(deps, principalOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/publications/:id/submit',
      {
        schema: {
          tags,
          summary: '提交审核（有未脱敏的个人信息时拒绝并指出位置）',
          params: s.idParams,
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await submitPublication(deps, principalOf(req), req.params.id);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/publications/:id/approve',
      {
        schema: {
          tags,
          summary: '审核通过并发布（公示管理员，不能是录入人；发布前再做脱敏检查）',
          params: s.idParams,
          body: s.reviewNote.nullish(),
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await reviewPublication(deps, principalOf(req), req.params.id, {
          action: 'approve',
          note: req.body?.note ?? '',
        });
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/publications/:id/return',
      {
        schema: {
          tags,
          summary: '退回修改（须写明理由）',
          params: s.idParams,
          body: s.reasonBody,
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await reviewPublication(deps, principalOf(req), req.params.id, {
          action: 'return',
          reason: req.body.reason,
        });
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/publications/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回（决定变更、撤销或确认违法、无效之日起 3 个工作日内；理由公开）',
          params: s.idParams,
          body: s.withdrawalBody,
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await withdrawPublication(deps, principalOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
    app.post(
      '/publications/:id/early-end',
      {
        schema: {
          tags,
          summary: '依申请提前停止公示（市场监督管理行政处罚信息公示规定第十四条）',
          params: s.idParams,
          body: s.earlyEndBody,
          response: { 200: s.publicationDetail },
        },
      },
      async (req) => {
        await endPublicationEarly(deps, principalOf(req), req.params.id, req.body);
        return detail(req, req.params.id);
      },
    );
  };
}
