import type { CommandContext } from '../platform/audit/command.ts';
import { newId } from '../platform/ids.ts';
import type { CaseRow } from './cases.store.ts';

/**
 * The enforcement step a case's step takes over (records' enforcement_steps, judged by the AV checklist):
 * written with the case's agency and recorded.
 */
export async function insertEnforcementStep(
  ctx: CommandContext,
  kase: CaseRow,
  values: { step: string; startedAt: string | Date; endedAt: string | null; place: string | null },
): Promise<string> {
  const row = await ctx.trx
    .insertInto('enforcement_steps')
    .values({
      id: newId(),
      agency_id: kase.agency_id,
      subject_type: 'case',
      subject_id: kase.id,
      step: values.step,
      started_at: values.startedAt,
      ended_at: values.endedAt,
      place: values.place,
      recorded_by: ctx.actor.personId,
      recorded_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.record({
    kind: 'records.step_recorded',
    agencyId: kase.agency_id,
    subjectType: 'enforcement_step',
    subjectId: row.id,
    record: row,
  });
  return row.id;
}
