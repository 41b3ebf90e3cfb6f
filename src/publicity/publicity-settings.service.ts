import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { runCommand, type CommandDeps } from '../platform/audit/command.ts';
import { authorize } from '../platform/auth/policy.ts';
import { actorOf, type Principal } from '../platform/auth/principal.ts';
import { ownAgency, ownScopeOf } from '../platform/db/agency-scope.ts';
import type { DB } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { defaultPublicityDeadlines, type PublicityDeadlineConfig } from './deadlines.rules.ts';
import { publicationsPolicy } from './publications.policy.ts';
import type { publicitySettingsBody } from './publications.schema.ts';
import { insertSettingsRow, newestSettings } from './publications.store.ts';

/** The agency's publicity numbers (公示期限): the newest settings row, else the national defaults. */

type Reader = Kysely<DB>;

/** The agency's publicity numbers in force: its newest settings, else the national defaults. */
export async function publicitySettings(db: Reader, agencyId: string): Promise<PublicityDeadlineConfig> {
  const config = await newestSettings(db, ownAgency(agencyId));
  // A setting saved before a key existed takes that key's default.
  return { ...defaultPublicityDeadlines, ...config };
}

/** The administrator changes the agency's publicity numbers; the change is a new row with its reason. */
export async function changePublicitySettings(
  deps: CommandDeps,
  principal: Principal,
  body: z.infer<typeof publicitySettingsBody>,
): Promise<PublicityDeadlineConfig> {
  authorize(principal, publicationsPolicy.configure, principal.agencyId);
  const { reason, ...config } = body;
  await runCommand(deps, actorOf(principal), async (ctx) => {
    const row = await insertSettingsRow(ctx.trx, ownScopeOf(principal), {
      id: newId(),
      agency_id: principal.agencyId,
      config: JSON.stringify(config),
      reason,
      created_at: ctx.now,
    });
    await ctx.record({
      kind: 'publicity.settings_changed',
      agencyId: principal.agencyId,
      subjectType: 'publicity_settings',
      subjectId: row.id,
      record: row,
    });
  });
  return config;
}
