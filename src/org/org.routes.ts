import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandDeps } from '../platform/audit/command.ts';
import { roleLabels } from '../platform/auth/roles.ts';
import { principalOf } from '../platform/http/authentication.ts';
import {
  createAgency,
  createUnit,
  getAgency,
  listAgencies,
  listUnits,
  updateAgency,
  updateUnit,
} from './agencies.service.ts';
import { certificateStatusLabels, enforcementFields } from './certificate.rules.ts';
import {
  addCertificate,
  changeCertificateStatus,
  editCertificate,
  getCertificate,
  listCertificates,
} from './certificates.service.ts';
import * as s from './org.schema.ts';
import { createPerson, getPerson, listPeople, setRoles, updatePerson } from './people.service.ts';

/** Agencies, units, people and certificates under /api/v1 (the audit trail: audit.routes.ts). Thin: parse, call, answer. */
export function orgRoutes(deps: CommandDeps) {
  return async function routes(base: FastifyInstance): Promise<void> {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['组织机构与人员'];

    app.get('/reference', { schema: { tags, summary: '代码表（角色、执法领域等）' } }, () => ({
      roles: roleLabels,
      fields: enforcementFields,
      unitKinds: s.unitKindLabels,
      agencyLevels: s.agencyLevelLabels,
      agencyKinds: s.agencyKindLabels,
      certificateStatuses: { ...certificateStatusLabels, expired: '已过期' },
    }));

    app.get(
      '/agencies',
      { schema: { tags, summary: '可见的机关', response: { 200: z.object({ items: z.array(s.agency) }) } } },
      async (req) => ({ items: await listAgencies(deps.db, principalOf(req)) }),
    );
    app.get(
      '/agencies/:id',
      { schema: { tags, summary: '机关详情', params: s.idParams, response: { 200: s.agency } } },
      (req) => getAgency(deps.db, principalOf(req), req.params.id),
    );
    app.post(
      '/agencies',
      { schema: { tags, summary: '在本机关之下新建机关', body: s.agencyInput, response: { 201: s.agency } } },
      async (req, reply) => reply.status(201).send(await createAgency(deps, principalOf(req), req.body)),
    );
    app.patch(
      '/agencies/:id',
      {
        schema: {
          tags,
          summary: '修改机关信息',
          params: s.idParams,
          body: s.agencyPatch,
          response: { 200: s.agency },
        },
      },
      (req) => updateAgency(deps, principalOf(req), req.params.id, req.body),
    );

    app.get(
      '/agencies/:id/units',
      {
        schema: {
          tags,
          summary: '机关的内设机构',
          params: s.idParams,
          response: { 200: z.object({ items: z.array(s.unit) }) },
        },
      },
      async (req) => ({ items: await listUnits(deps.db, principalOf(req), req.params.id) }),
    );
    app.post(
      '/agencies/:id/units',
      {
        schema: {
          tags,
          summary: '新建内设机构',
          params: s.idParams,
          body: s.unitInput,
          response: { 201: s.unit },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createUnit(deps, principalOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/units/:id',
      {
        schema: {
          tags,
          summary: '修改内设机构',
          params: s.idParams,
          body: s.unitPatch,
          response: { 200: s.unit },
        },
      },
      (req) => updateUnit(deps, principalOf(req), req.params.id, req.body),
    );

    app.get(
      '/people',
      {
        schema: {
          tags,
          summary: '人员列表',
          querystring: s.peopleQuery,
          response: { 200: s.page(s.person) },
        },
      },
      async (req) => ({
        ...(await listPeople(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/people/:id',
      { schema: { tags, summary: '人员详情', params: s.idParams, response: { 200: s.person } } },
      (req) => getPerson(deps, principalOf(req), req.params.id),
    );
    app.post(
      '/people',
      {
        schema: {
          tags,
          summary: '新增人员（可同时建账号、授角色、登记执法证）',
          body: s.personInput,
          response: { 201: s.person },
        },
      },
      async (req, reply) => reply.status(201).send(await createPerson(deps, principalOf(req), req.body)),
    );
    app.patch(
      '/people/:id',
      {
        schema: {
          tags,
          summary: '修改人员信息',
          params: s.idParams,
          body: s.personPatch,
          response: { 200: s.person },
        },
      },
      (req) => updatePerson(deps, principalOf(req), req.params.id, req.body),
    );
    app.put(
      '/people/:id/roles',
      {
        schema: {
          tags,
          summary: '设置人员角色',
          params: s.idParams,
          body: s.rolesInput,
          response: { 200: s.person },
        },
      },
      (req) => setRoles(deps, principalOf(req), req.params.id, req.body.roles),
    );
    app.post(
      '/people/:id/certificates',
      {
        schema: {
          tags,
          summary: '为人员登记执法证',
          params: s.idParams,
          body: s.certificateInput,
          response: { 201: s.certificate },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addCertificate(deps, principalOf(req), req.params.id, req.body)),
    );

    app.get(
      '/certificates',
      {
        schema: {
          tags,
          summary: '执法证列表',
          querystring: s.certificatesQuery,
          response: { 200: s.page(s.certificate) },
        },
      },
      async (req) => ({
        ...(await listCertificates(deps, principalOf(req), req.query)),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
    );
    app.get(
      '/certificates/:id',
      {
        schema: {
          tags,
          summary: '执法证详情及变更记录',
          params: s.idParams,
          response: { 200: z.object({ certificate: s.certificate, history: z.array(s.certificateEvent) }) },
        },
      },
      (req) => getCertificate(deps, principalOf(req), req.params.id),
    );
    app.patch(
      '/certificates/:id',
      {
        schema: {
          tags,
          summary: '修改执法证',
          params: s.idParams,
          body: s.certificatePatch,
          response: { 200: s.certificate },
        },
      },
      (req) => editCertificate(deps, principalOf(req), req.params.id, req.body),
    );
    for (const [path, action] of [
      ['suspend', 'suspended'],
      ['reinstate', 'reinstated'],
      ['revoke', 'revoked'],
    ] as const) {
      app.post(
        `/certificates/:id/${path}`,
        {
          schema: {
            tags,
            summary: { suspend: '暂扣执法证', reinstate: '恢复执法证', revoke: '注销执法证' }[path],
            params: s.idParams,
            body: s.certificateChange,
            response: { 200: s.certificate },
          },
        },
        (req) => changeCertificateStatus(deps, principalOf(req), req.params.id, action, req.body),
      );
    }
  };
}
