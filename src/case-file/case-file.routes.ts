import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/auth/principal.ts';
import { authorize } from '../platform/auth/policy.ts';
import { AppError } from '../platform/errors.ts';
import { attachment } from '../platform/excel/cells.ts';
import { principalOf } from '../platform/http/authentication.ts';
import { documentsPolicy } from '../documents/documents.policy.ts';
import { documentsQuery } from '../documents/documents.schema.ts';
import type { DocumentsDeps } from '../documents/documents.service.ts';
import { caseNumberOf } from './case-file.run.ts';
import { assembleCaseFile, exportCaseFile } from './case-file.service.ts';
import { requireKnownCaseSubject, requireOwnSubject } from '../cases/case-subject.ts';

export interface CaseFileRouteDeps extends DocumentsDeps {
  /** The record log's verifier keys and origin, embedded in each export (none: exports are refused). */
  verifierKeys: readonly string[];
  origin: string | undefined;
}

const tags = ['电子卷宗'];

/**
 * The electronic case file over HTTP: assemble (a command: issues cover, index, evidence list, notes
 * sheet), then export the zip once those are sealed (about a second later, after the next integration).
 */
export function caseFileRoutes(deps: CaseFileRouteDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/case-files',
      {
        config: { heavy: 'case-file' },
        schema: {
          tags,
          summary: '组卷：按规定顺序编排文书与证据并编页，制作卷宗封面、卷内文件目录、证据清单、卷内备考表',
          body: documentsQuery,
          response: { 200: z.object({ assembled: z.boolean() }) },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        authorize(principal, documentsPolicy.issue, principal.agencyId);
        // The file is assembled of the agency's own case (or a free-text subject): 404 otherwise.
        await requireOwnSubject(deps.db, principal.agencyId, req.body);
        const subject = {
          agencyId: principal.agencyId,
          ...req.body,
          caseNumber: await caseNumberOf(
            deps.db,
            principal.agencyId,
            req.body.subjectType,
            req.body.subjectId,
          ),
        };
        return { assembled: await assembleCaseFile(deps, actorOf(principal), subject) };
      },
    );
    app.get(
      '/case-files/export',
      {
        config: { heavy: 'case-file' },
        schema: {
          tags,
          summary:
            '导出电子卷宗（zip，含 manifest.json：各文件 SHA-256 与记录日志包含证明，可用 sanxiang verify-file 离线核验）',
          querystring: documentsQuery.extend({ agencyId: z.uuid().optional() }),
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const agencyId = req.query.agencyId ?? principal.agencyId;
        authorize(principal, documentsPolicy.exportCaseFile, agencyId);
        await requireKnownCaseSubject(deps.db, [agencyId], req.query);
        const origin = deps.origin ?? deps.verifierKeys[0]?.split('+')[0];
        if (deps.verifierKeys.length === 0 || !origin) throw new AppError('LOG_KEY_UNAVAILABLE');
        const caseNumber = await caseNumberOf(deps.db, agencyId, req.query.subjectType, req.query.subjectId);
        const zip = await exportCaseFile(
          deps,
          { agencyId, subjectType: req.query.subjectType, subjectId: req.query.subjectId, caseNumber },
          { verifierKeys: deps.verifierKeys, origin, now: deps.clock.now() },
        );
        return reply
          .type('application/zip')
          .header('content-disposition', attachment(`电子卷宗-${caseNumber}.zip`))
          .send(zip);
      },
    );
  };
}
