import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { catalogueProblems, defaultCatalogue, type Catalogue } from './catalogue.rules.ts';
import {
  catalogueInForce,
  catalogueVersions,
  insertCatalogue,
  lastCatalogueVersion,
  lockCatalogue,
  recordCatalogueApproval,
} from './catalogue.store.ts';

export { catalogueInForce };
import { reviewPolicy } from './review.policy.ts';
import type { CatalogueInput } from './review.schema.ts';

/**
 * The review catalogue's versions (法制审核目录, S-12): drafted by the legal unit, in force only once its
 * approval by the county is recorded (who approved, the reference, the date), from its effective date.
 * Until an agency has an approved version, the seed's default applies: every decision except summary
 * procedure.
 */

export interface CatalogueVersionView {
  id: string | null;
  version: number;
  rules: Catalogue['rules'];
  period: Catalogue['period'];
  effectiveFrom: string | null;
  reason: string;
  approval: { body: string; reference: string; approvedOn: string } | null;
  draftedAt: string | null;
  isDefault: boolean;
}

const toView = (r: Row<'review_catalogues'>): CatalogueVersionView => ({
  id: r.id,
  version: r.version,
  rules: r.rules,
  period: r.period,
  effectiveFrom: r.effective_from,
  reason: r.reason,
  approval:
    r.approved_on && r.approved_by_body && r.approval_reference
      ? { body: r.approved_by_body, reference: r.approval_reference, approvedOn: r.approved_on }
      : null,
  draftedAt: r.drafted_at.toISOString(),
  isDefault: false,
});

export const defaultCatalogueView: CatalogueVersionView = {
  id: null,
  version: 0,
  rules: defaultCatalogue.rules,
  period: defaultCatalogue.period,
  effectiveFrom: null,
  reason: '默认目录：除简易程序外的全部执法决定（S-12）',
  approval: null,
  draftedAt: null,
  isDefault: true,
};

export async function listCatalogues(
  deps: CommandDeps,
  principal: Principal,
  on: string,
): Promise<{ inForce: CatalogueVersionView; versions: CatalogueVersionView[] }> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.read, agencyId);
  const own = ownAgency(agencyId);
  const rows = await catalogueVersions(deps.db, own);
  const { id } = await catalogueInForce(deps.db, own, on);
  const versions = rows.map(toView);
  return { inForce: versions.find((v) => v.id === id) ?? defaultCatalogueView, versions };
}

export async function draftCatalogue(
  deps: CommandDeps,
  principal: Principal,
  input: CatalogueInput,
): Promise<CatalogueVersionView> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.draftCatalogue, agencyId);
  const problems = catalogueProblems({ rules: input.rules, period: input.period });
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      errors: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
    });
  }
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    // Versions of one agency are numbered in turn; the unique key refuses a concurrent duplicate.
    const own = ownAgency(agencyId);
    const last = await lastCatalogueVersion(ctx.trx, own);
    const written = await insertCatalogue(ctx.trx, own, {
      id: newId(),
      version: last + 1,
      rules: JSON.stringify(input.rules),
      period: JSON.stringify(input.period),
      effective_from: input.effectiveFrom,
      reason: input.reason,
      drafted_by: ctx.actor.personId,
      drafted_at: ctx.now,
    });
    await ctx.record({
      kind: 'review.catalogue_drafted',
      agencyId,
      subjectType: 'review_catalogue',
      subjectId: written.id,
      record: written,
    });
    return written;
  });
  return toView(row);
}

/** Records the county's approval of a drafted version (S-12: the catalogue is approved by the county). */
export async function approveCatalogue(
  deps: CommandDeps,
  principal: Principal,
  id: string,
  approval: { approvedByBody: string; approvalReference: string; approvedOn: string },
): Promise<CatalogueVersionView> {
  const agencyId = principal.agencyId;
  authorize(principal, reviewPolicy.approveCatalogue, agencyId);
  const row = await runCommand(deps, actorOf(principal), async (ctx) => {
    const own = ownAgency(agencyId);
    const current = await lockCatalogue(ctx.trx, own, id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.approved_on !== null) {
      throw new AppError('CATALOGUE_INVALID_STATE', {
        detail: `第 ${current.version} 版已于 ${current.approved_on} 批准`,
      });
    }
    if (approval.approvedOn > current.effective_from) {
      throw new AppError('VALIDATION_FAILED', {
        errors: [
          { path: 'body.approvedOn', message: `批准日期不能晚于目录的施行日期 ${current.effective_from}` },
        ],
      });
    }
    const written = await recordCatalogueApproval(ctx.trx, own, id, {
      approved_by_body: approval.approvedByBody,
      approval_reference: approval.approvalReference,
      approved_on: approval.approvedOn,
      approval_recorded_by: ctx.actor.personId,
      approval_recorded_at: ctx.now,
    });
    await ctx.record({
      kind: 'review.catalogue_approved',
      agencyId,
      subjectType: 'review_catalogue',
      subjectId: id,
      record: written,
      changes: ['approved_by_body', 'approval_reference', 'approved_on'],
    });
    return written;
  });
  return toView(row);
}
