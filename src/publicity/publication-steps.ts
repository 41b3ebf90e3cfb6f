import type { Updateable } from 'kysely';
import type { CommandContext } from '../platform/audit/command.ts';
import { ownAgency } from '../platform/db/agency-scope.ts';
import type { DB, Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { nextPublicationStatus, type PublicationAction } from './publications.rules.ts';
import { insertPublicationEvent, updatePublicationRow } from './publications.store.ts';

/**
 * The steps every publication command shares: a row moved by an action (publications.rules.ts), its
 * history row, and the record-log entry (DESIGN.md principle 1).
 */

type PublicationRow = Row<'publications'>;

export const invalidState = (detail: string) => new AppError('PUBLICATION_INVALID_STATE', { detail });

export async function logStep(
  ctx: CommandContext,
  row: PublicationRow,
  action: Row<'publication_events'>['action'],
  note: string,
  changes: string[],
): Promise<void> {
  const history = await insertPublicationEvent(ctx.trx, ownAgency(row.agency_id), {
    id: newId(),
    agency_id: row.agency_id,
    publication_id: row.id,
    action,
    note,
    actor_id: ctx.actor.personId,
    at: ctx.now,
  });
  await ctx.record({
    kind: `publicity.publication_${action}`,
    agencyId: row.agency_id,
    subjectType: 'publication',
    subjectId: row.id,
    record: { ...row, history: [history] },
    changes,
  });
}

const stepEvent: Record<PublicationAction, Row<'publication_events'>['action']> = {
  submit: 'submitted',
  approve: 'published',
  return: 'returned',
  withdraw: 'withdrawn',
  end_early: 'ended',
};

/** Moves the row by the action (refused when the action is not open), setting the given columns. */
export async function moveRow(
  ctx: CommandContext,
  row: PublicationRow,
  action: PublicationAction,
  set: Updateable<DB['publications']>,
  note: string,
): Promise<PublicationRow> {
  const to = nextPublicationStatus(row.status, action);
  if (!to) throw invalidState(stateMessage(action));
  const updated = await updatePublicationRow(ctx.trx, ownAgency(row.agency_id), row.id, {
    ...set,
    status: to,
    updated_at: ctx.now,
  });
  await logStep(ctx, updated, stepEvent[action], note, ['status', ...Object.keys(set)]);
  return updated;
}

export function stateMessage(action: PublicationAction): string {
  switch (action) {
    case 'submit':
      return '只有草稿可以提交审核';
    case 'approve':
    case 'return':
      return '只有待审核的公示信息可以审核';
    case 'withdraw':
      return '只有公示中的信息可以撤回';
    case 'end_early':
      return '只有公示中的信息可以提前停止公示';
  }
}
