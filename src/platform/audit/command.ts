import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';

/**
 * The one write path (DESIGN.md principle 1). Every state change runs inside `runCommand`: one database
 * transaction that checks the rules, writes the rows and records what happened. A command that records
 * nothing is a bug and is rolled back. The record holds no personal data: the kind, who, when, the
 * subject's id, the names of the changed fields and a digest of the canonical (RFC 8785) record.
 */
export interface Actor {
  personId: string | null;
  agencyId: string | null;
  via: 'session' | 'token' | 'cli' | 'system' | 'anonymous';
  ip: string | null;
}

export const systemActor: Actor = { personId: null, agencyId: null, via: 'system', ip: null };

export interface RecordedEvent {
  kind: string;
  agencyId: string | null;
  subjectType: string;
  subjectId: string | null;
  /** The state written, digested (never stored in the event itself). */
  record: unknown;
  /** Names of the fields changed, for a reader of the trail. */
  changes?: string[];
}

export interface CommandContext {
  trx: Transaction<DB>;
  actor: Actor;
  now: Date;
  record(event: RecordedEvent): Promise<void>;
}

export interface CommandDeps {
  db: Db;
  clock: Clock;
}

export function digestRecord(record: unknown): string {
  const canonical = canonicalize(record) ?? 'null';
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export async function runCommand<T>(
  deps: CommandDeps,
  actor: Actor,
  fn: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    let recorded = 0;
    const ctx: CommandContext = {
      trx,
      actor,
      now,
      record: async (event) => {
        recorded++;
        await trx
          .insertInto('audit_events')
          .values({
            id: newId(),
            kind: event.kind,
            at: now,
            agency_id: event.agencyId,
            actor_id: actor.personId,
            via: actor.via,
            ip: actor.ip,
            subject_type: event.subjectType,
            subject_id: event.subjectId,
            changes: JSON.stringify(event.changes ?? []),
            digest: digestRecord(event.record),
          })
          .execute();
      },
    };
    const result = await fn(ctx);
    if (recorded === 0) throw new Error('a command must record what it did');
    return result;
  });
}
