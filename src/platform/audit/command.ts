import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { commandSavepoint, insertAuditEvent, rollbackToCommandStart } from './audit.store.ts';
import { SALT_SIZE, sealEvent, type RecordFields } from '../record-log/entry.ts';
import type { StagingKey } from '../record-log/staging-key.ts';

/**
 * The one write path (DESIGN.md principle 1). Every state change runs inside `runCommand`: one database
 * transaction that checks the rules, writes the rows and records what happened. A command that records
 * nothing is a bug and is rolled back.
 *
 * `ctx.record` writes the private audit row (who, from where, what changed, the record itself — the
 * workbench shows it) and, in the same transaction, stages its public record-log entry (ids, kind, time and
 * salted digests of the canonical record: see record-log/entry.ts), with its MAC under the staging key
 * (record-log/staging-key.ts) so the integrator can tell it from an entry written into the database by
 * anything else. The integrator later gives staged entries their log index; a command that rolls back
 * leaves neither.
 *
 * A command may refuse with its refusal recorded (a refused decision, a decision document without its
 * review): `ctx.refuse(error, write)`, or throwing a `RecordedRefusal` from anywhere inside it. Then
 * `runCommand` rolls the command's own writes back to the savepoint taken at its start, runs `write` (the
 * refusal's rows and their `record`) in the same transaction, commits, and throws `error` to the caller:
 * the refusal is committed with the transaction that refuses, never queued after it.
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
  /**
   * The plain SHA-256 (lowercase hex) of an issued document or evidence file the event is about. It is
   * committed unsalted, so whoever holds the file can find it in the public log.
   */
  fileSha256?: string;
}

export interface CommandContext {
  trx: Transaction<DB>;
  actor: Actor;
  now: Date;
  /** Records the event; answers its audit event id. */
  record(event: RecordedEvent): Promise<string>;
  /** Refuses the command with `error`, its own writes undone and the refusal written by `write`. */
  refuse(error: Error, write: RefusalWrite): never;
}

/** Writes a refusal's record (its rows and at least one `ctx.record`), in the refused command's transaction. */
export type RefusalWrite = (ctx: CommandContext) => Promise<void>;

/**
 * Thrown inside a command: the command is refused with `error`, and `write` records the refusal in the same
 * transaction once the command's own writes are rolled back (see `runCommand`).
 */
export class RecordedRefusal extends Error {
  constructor(
    readonly error: Error,
    readonly write: RefusalWrite,
  ) {
    super(error.message);
    this.name = 'RecordedRefusal';
  }
}

/** An event as `ctx.record` wrote it, with its audit event id. */
export interface CommittedEvent extends RecordedEvent {
  id: string;
}

/**
 * Called by `runCommand` after the command body (or its refusal's write), in the same transaction, with
 * the events it recorded: the county outbox (src/exchange/outbox/) queues what the county must see, so
 * no command can commit without it. It records nothing itself.
 */
export type OutboxHook = (ctx: CommandContext, events: readonly CommittedEvent[]) => Promise<void>;

export interface CommandDeps {
  db: Db;
  clock: Clock;
  /** MACs each staged log entry (the database does not hold it). */
  staging: StagingKey;
  /** Called after each command commits (the record-log integrator's wake-up). */
  afterCommit?: () => void;
  /** The county outbox (app.ts and the command line always give it; a test may leave it out). */
  outbox?: OutboxHook;
}

/** What a command's transaction ends with: its value, or the refusal it committed. */
type Outcome<T> = { refused: false; value: T } | { refused: true; error: Error };

export async function runCommand<T>(
  deps: CommandDeps,
  actor: Actor,
  fn: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome<T>> => {
    const now = deps.clock.now();
    let recorded: CommittedEvent[] = [];
    const ctx: CommandContext = {
      trx,
      actor,
      now,
      record: async (event) => {
        const fields = eventFields(event, actor, now);
        recorded.push({ ...event, id: fields.id });
        await recordEvent(trx, deps.staging, fields, event.record);
        return fields.id;
      },
      refuse: (error, write) => {
        throw new RecordedRefusal(error, write);
      },
    };
    await commandSavepoint(trx);
    try {
      const value = await fn(ctx);
      if (recorded.length === 0) throw new Error('a command must record what it did');
      await deps.outbox?.(ctx, recorded);
      return { refused: false, value };
    } catch (err) {
      if (!(err instanceof RecordedRefusal)) throw err;
      // The command's own writes go; its refusal is written and committed in their place.
      await rollbackToCommandStart(trx);
      recorded = [];
      await err.write(ctx);
      if (recorded.length === 0) throw new Error('a refusal must record what was refused', { cause: err });
      await deps.outbox?.(ctx, recorded);
      return { refused: true, error: err.error };
    }
  });
  deps.afterCommit?.();
  if (outcome.refused) throw outcome.error;
  return outcome.value;
}

/** The audit row's fields, with the channel typed as the column is. */
type EventFields = RecordFields & { via: Actor['via'] };

/**
 * Records an event inside a transaction that is not a command of its own (the integrator's refusals):
 * the same audit row and MAC'd staged entry as `ctx.record`.
 */
export async function recordInTransaction(
  trx: Transaction<DB>,
  staging: StagingKey,
  actor: Actor,
  now: Date,
  event: RecordedEvent,
): Promise<void> {
  await recordEvent(trx, staging, eventFields(event, actor, now), event.record);
}

function eventFields(event: RecordedEvent, actor: Actor, now: Date): EventFields {
  return {
    id: newId(),
    kind: event.kind,
    time: now,
    agency: event.agencyId,
    actor: actor.personId,
    via: actor.via,
    ip: actor.ip,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    changes: event.changes ?? [],
    fileSha256: event.fileSha256 ?? null,
  };
}

/** The audit row and its staged log entry (audit.store.ts), sealed and MAC'd. */
async function recordEvent(
  trx: Transaction<DB>,
  staging: StagingKey,
  fields: EventFields,
  record: unknown,
): Promise<void> {
  const sealed = sealEvent(fields, record, randomBytes(SALT_SIZE));
  const mac = staging.mac(fields.id, sealed.entry);
  await insertAuditEvent(
    trx,
    {
      id: fields.id,
      kind: fields.kind,
      at: fields.time,
      agency_id: fields.agency,
      actor_id: fields.actor,
      via: fields.via,
      ip: fields.ip,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      changes: JSON.stringify(fields.changes),
      digest: sealed.digests.sha256,
      salt: sealed.salt,
      record: sealed.recordJson,
      file_sha256: fields.fileSha256,
    },
    { entry: sealed.entry, mac },
  );
}
