import { runCommand, type Actor, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import { newId } from '../platform/ids.ts';
import { emptyDocumentSettings, type DocumentSettingsJson } from './document-settings.rules.ts';
import { documentsPolicy } from './documents.policy.ts';
import type { DocumentSettingsInput } from './documents.schema.ts';
import { insertDocumentSettingsRow, newestDocumentSettings } from './documents.store.ts';

/**
 * The agency's document settings (document-settings.rules.ts): read by anyone who issues, changed by the
 * administrator or head as a new row with its reason (the old row stays: a document issued under it keeps
 * what it said).
 */
export interface DocumentSettingsView extends DocumentSettingsJson {
  changedAt: string | null;
  reason: string | null;
}

export async function documentSettingsOf(
  deps: CommandDeps,
  principal: Principal,
): Promise<DocumentSettingsView> {
  authorize(principal, documentsPolicy.issue, principal.agencyId);
  const row = await newestDocumentSettings(deps.db, ownAgency(principal.agencyId));
  return {
    ...emptyDocumentSettings,
    ...row?.config,
    changedAt: row?.created_at.toISOString() ?? null,
    reason: row?.reason ?? null,
  };
}

export async function changeDocumentSettings(
  deps: CommandDeps,
  principal: Principal,
  input: DocumentSettingsInput,
  actor: Actor = actorOf(principal),
): Promise<DocumentSettingsView> {
  authorize(principal, documentsPolicy.manageTemplates, principal.agencyId);
  const { reason, ...config } = input;
  await runCommand(deps, actor, async (ctx) => {
    const row = await insertDocumentSettingsRow(ctx.trx, ownAgency(principal.agencyId), {
      id: newId(),
      agency_id: principal.agencyId,
      config: JSON.stringify(config),
      reason,
      created_by: principal.personId,
      created_at: ctx.now,
    });
    await ctx.record({
      kind: 'documents.settings_changed',
      agencyId: principal.agencyId,
      subjectType: 'document_settings',
      subjectId: row.id,
      record: row,
    });
  });
  return documentSettingsOf(deps, principal);
}
