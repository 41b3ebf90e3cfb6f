import { runCommand, type CommandContext, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency, ownScopeOf, type AgencyScope } from '../platform/db/agency-scope.ts';
import type { Db } from '../platform/db/database.ts';
import { reachScopeOf } from '../platform/db/agency-scope.ts';
import type { Row } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { itemAgency } from './power-list.queries.ts';
import { powersPolicy } from './power-list.policy.ts';
import { insertGuideRow, lockLastRevision, newestGuide } from './service-guide.store.ts';
import type { ServiceGuide, ServiceGuideAnswer, ServiceGuideInput } from './service-guide.schema.ts';

/**
 * Service guides (服务指南, S-2.2): one per item of the power list, kept as revisions. Saving writes a new
 * revision (recorded, subject `service_guide`); the newest is the guide the portal shows.
 */

type GuideRow = Row<'service_guides'> & { author_name: string | null };

function guideOf(r: GuideRow): ServiceGuide {
  return {
    id: r.id,
    itemId: r.item_id,
    revision: r.revision,
    conditions: r.conditions,
    materials: r.materials,
    place: r.place,
    hours: r.hours,
    contact: r.contact,
    onlineUrl: r.online_url,
    note: r.note,
    authorName: r.author_name,
    createdAt: r.created_at.toISOString(),
  };
}

/** The newest revision of an item's guide, and how many there are. No principal: guides are public. */
export async function currentGuide(db: Db, scope: AgencyScope, itemId: string): Promise<ServiceGuideAnswer> {
  const { latest, count } = await newestGuide(db, scope, itemId);
  return { itemId, guide: latest ? guideOf(latest) : null, revisions: count };
}

export async function getServiceGuide(
  deps: CommandDeps,
  principal: Principal,
  itemId: string,
): Promise<ServiceGuideAnswer> {
  const agencyId = await itemAgency(deps.db, reachScopeOf(principal, powersPolicy.read), itemId);
  authorize(principal, powersPolicy.read, agencyId);
  return currentGuide(deps.db, ownAgency(agencyId), itemId);
}

/** Writes the next revision of an item's guide and records it, inside a running command. */
export async function insertGuide(
  ctx: CommandContext,
  agencyId: string,
  itemId: string,
  input: ServiceGuideInput,
  authorId: string | null,
): Promise<void> {
  const scope = ownAgency(agencyId);
  // Lock the item so two saves at once number their revisions one after the other.
  const last = await lockLastRevision(ctx.trx, scope, itemId);
  const row = await insertGuideRow(ctx.trx, scope, {
    id: newId(),
    agency_id: agencyId,
    item_id: itemId,
    revision: last + 1,
    conditions: input.conditions,
    materials: JSON.stringify(input.materials),
    place: input.place,
    hours: input.hours,
    contact: input.contact,
    online_url: input.onlineUrl,
    note: input.note,
    author_id: authorId,
    created_at: ctx.now,
  });
  await ctx.record({
    kind: 'powers.service_guide_saved',
    agencyId,
    subjectType: 'service_guide',
    subjectId: row.id,
    record: row,
    changes: [`item:${itemId}`, `revision:${row.revision}`],
  });
}

/** Saves the guide as a new revision (those who may draft power-list changes may write guides). */
export async function saveServiceGuide(
  deps: CommandDeps,
  principal: Principal,
  itemId: string,
  input: ServiceGuideInput,
): Promise<ServiceGuideAnswer> {
  const agencyId = await itemAgency(deps.db, ownScopeOf(principal), itemId);
  authorize(principal, powersPolicy.draft, agencyId);
  await runCommand(deps, actorOf(principal), (ctx) =>
    insertGuide(ctx, agencyId, itemId, input, principal.personId),
  );
  return currentGuide(deps.db, ownAgency(agencyId), itemId);
}
