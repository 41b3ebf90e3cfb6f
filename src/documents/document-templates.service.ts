import fs from 'node:fs';
import { Readable } from 'node:stream';
import { runCommand } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownScopeOf } from '../platform/db/agency-scope.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { blobBytes, hex } from './document-blobs.ts';
import { documentTypeCodes, specOf, type DocumentType } from './document-types.ts';
import type { DocumentsDeps } from './documents.service.ts';
import { documentsPolicy } from './documents.policy.ts';
import {
  insertTemplateRow,
  lockTemplateType,
  latestTemplate,
  templateRow,
  templateRows,
} from './documents.store.ts';
import { TemplateError, templateTags } from './docx-fill.ts';
import { templatePath } from './templates/build-templates.ts';

/**
 * Document templates (文书模板): the one shipped with the project for each type (version 0), and each
 * agency's own versions, uploaded and kept (old versions stay).
 */

/** Largest template or document accepted (a template is text and a few pictures). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

const shipped = new Map<DocumentType, { bytes: Buffer; sha256: string }>();

/** The template shipped with the project (templates/<type>.docx), version 0. */
export function shippedTemplate(type: DocumentType): { bytes: Buffer; sha256: string } {
  let found = shipped.get(type);
  if (!found) {
    const bytes = fs.readFileSync(templatePath(type));
    found = { bytes, sha256: hex(bytes) };
    shipped.set(type, found);
  }
  return found;
}

export interface TemplateInfo {
  type: string;
  title: string;
  version: number;
  sha256: string;
  size: number;
  filename: string;
  note: string;
  uploadedBy: string | null;
  uploadedAt: string | null;
  current: boolean;
}

/** Every version of every type's template for the agency, the shipped one (version 0) first. */
export async function listTemplates(deps: DocumentsDeps, principal: Principal): Promise<TemplateInfo[]> {
  authorize(principal, documentsPolicy.read, principal.agencyId);
  const rows = await templateRows(deps.db, ownScopeOf(principal));
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(r.type, Math.max(latest.get(r.type) ?? 0, r.version));
  const out: TemplateInfo[] = [];
  for (const t of documentTypeCodes) {
    const type: string = t;
    const own = shippedTemplate(t);
    out.push({
      type,
      title: specOf(t).title,
      version: 0,
      sha256: own.sha256,
      size: own.bytes.length,
      filename: `${type}.docx`,
      note: '系统内置模板',
      uploadedBy: null,
      uploadedAt: null,
      current: !latest.has(type),
    });
    for (const r of rows.filter((x) => x.type === type)) {
      out.push({
        type,
        title: specOf(t).title,
        version: r.version,
        sha256: r.sha256,
        size: r.size,
        filename: r.filename,
        note: r.note,
        uploadedBy: r.uploaded_by,
        uploadedAt: r.uploaded_at.toISOString(),
        current: latest.get(type) === r.version,
      });
    }
  }
  return out;
}

export async function templateContent(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  version: number,
): Promise<{ bytes: Buffer; filename: string }> {
  authorize(principal, documentsPolicy.read, principal.agencyId);
  if (version === 0) return { bytes: shippedTemplate(type).bytes, filename: `${type}.docx` };
  const row = await templateRow(deps.db, ownScopeOf(principal), type, version);
  if (!row) throw new AppError('NOT_FOUND');
  return { bytes: await blobBytes(deps.blobs, row.sha256), filename: row.filename };
}

/** An agency's own template: a new version (old ones stay), checked to compile before it is kept. */
export async function uploadTemplate(
  deps: DocumentsDeps,
  principal: Principal,
  type: DocumentType,
  bytes: Buffer,
  meta: { filename?: string | undefined; note: string },
): Promise<TemplateInfo> {
  authorize(principal, documentsPolicy.manageTemplates, principal.agencyId);
  if (bytes.length === 0) throw new AppError('TEMPLATE_INVALID', { detail: '上传的文件是空的' });
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  try {
    templateTags(bytes);
  } catch (err) {
    if (err instanceof TemplateError) throw new AppError('TEMPLATE_INVALID', { detail: err.message });
    throw err;
  }
  const staged = await deps.blobs.stage(Readable.from([bytes]), {
    maxBytes: MAX_TEMPLATE_BYTES,
    sizeHint: bytes.length,
  });
  try {
    const row = await runCommand(deps, actorOf(principal), async (ctx) => {
      const scope = ownScopeOf(principal);
      // One upload of a type at a time per agency: the advisory lock orders concurrent uploads.
      await lockTemplateType(ctx.trx, scope, type);
      const latest = await latestTemplate(ctx.trx, scope, type);
      await staged.commit();
      const written = await insertTemplateRow(ctx.trx, scope, {
        id: newId(),
        agency_id: principal.agencyId,
        type,
        version: (latest?.version ?? 0) + 1,
        sha256: staged.sha256,
        size: staged.size,
        filename: meta.filename ?? `${type}.docx`,
        note: meta.note,
        uploaded_by: ctx.actor.personId,
        uploaded_at: ctx.now,
      });
      await ctx.record({
        kind: 'documents.template_uploaded',
        agencyId: principal.agencyId,
        subjectType: 'document_template',
        subjectId: written.id,
        record: written,
        fileSha256: written.sha256,
      });
      return written;
    });
    return {
      type,
      title: specOf(type).title,
      version: row.version,
      sha256: row.sha256,
      size: row.size,
      filename: row.filename,
      note: row.note,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at.toISOString(),
      current: true,
    };
  } finally {
    await staged.discard();
  }
}
