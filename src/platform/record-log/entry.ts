import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { RecordLogError } from './errors.ts';
import { MAX_ENTRY_SIZE } from './tiles.ts';

/**
 * What the record log commits to for each recorded event, and how.
 *
 * The private side is the *canonical record*: the RFC 8785 JSON of the whole audit row — event id, kind,
 * time, agency, actor, channel, address, subject, changed field names, the command's record (a row
 * snapshot or a small fact) and the plain SHA-256 of a file when there is one. It may hold personal data
 * and never leaves the database.
 *
 * The public side is the *log entry*, RFC 8785 JSON too:
 *
 *     {"actor","agency","fileSha256"?,"kind","sha256","sm3","subject":{"id","type"},"time"}
 *
 * `sha256` and `sm3` are salted digests of the canonical record: H(salt ‖ UTF-8 canonical record) with
 * a random 16-byte salt per event, kept in the private row. A low-entropy record (a sign-in, a status
 * change) cannot then be guessed from its public digest, while `sanxiang verify` (or an auditor holding
 * the private row) recomputes both. `fileSha256`, when present, is the unsalted SHA-256 of an issued
 * document or evidence file, so whoever holds the file can find it in the log without asking us.
 */

export const SALT_SIZE = 16;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The columns of a private audit row that the canonical record is made of (besides the record). */
export interface RecordFields {
  readonly id: string;
  readonly kind: string;
  readonly time: Date;
  readonly agency: string | null;
  readonly actor: string | null;
  readonly via: string;
  readonly ip: string | null;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly changes: readonly string[];
  readonly fileSha256: string | null;
}

/** RFC 8785 JSON of a command's record; `undefined` (nothing recorded) is `null`. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

/**
 * The canonical record of an audit row whose record is already canonical JSON (`recordJson`). The
 * envelope is canonicalised with a `null` placeholder and the record spliced in: since RFC 8785 output
 * of canonical input is itself, this equals canonicalising the envelope holding the parsed record, without
 * parsing it again. The placeholder `"record":null` can only be the key: inside a JSON string every `"` is
 * escaped.
 */
export function canonicalRecord(fields: RecordFields, recordJson: string): string {
  const envelope = canonicalJson({
    id: fields.id,
    kind: fields.kind,
    time: fields.time.toISOString(),
    agency: fields.agency,
    actor: fields.actor,
    via: fields.via,
    ip: fields.ip,
    subject: { type: fields.subjectType, id: fields.subjectId },
    changes: fields.changes,
    record: null,
    ...(fields.fileSha256 === null ? {} : { fileSha256: fields.fileSha256 }),
  });
  const at = envelope.indexOf('"record":null');
  return `${envelope.slice(0, at)}"record":${recordJson}${envelope.slice(at + '"record":null'.length)}`;
}

export interface SaltedDigests {
  readonly sha256: string;
  readonly sm3: string;
}

/** H(salt ‖ canonical record) with SHA-256 and SM3 (GB/T 32905-2016), lowercase hex. */
export function saltedDigests(salt: Uint8Array, canonical: string): SaltedDigests {
  if (salt.length !== SALT_SIZE) throw new RecordLogError('MALFORMED_ENTRY', `a salt is ${SALT_SIZE} bytes`);
  const digest = (algorithm: string) =>
    createHash(algorithm).update(salt).update(canonical, 'utf8').digest('hex');
  return { sha256: digest('sha256'), sm3: digest('sm3') };
}

/** A public log entry, as parsed back from its bytes. */
export interface LogEntry {
  readonly kind: string;
  readonly time: string;
  readonly agency: string | null;
  readonly actor: string | null;
  readonly subject: { readonly type: string; readonly id: string | null };
  readonly sha256: string;
  readonly sm3: string;
  readonly fileSha256?: string;
}

/** The entry bytes for an audit row: no personal data, only ids, kind, time and digests. */
export function encodeEntry(fields: RecordFields, digests: SaltedDigests): Uint8Array {
  if (fields.fileSha256 !== null && !HEX_SHA256.test(fields.fileSha256)) {
    throw new RecordLogError('MALFORMED_ENTRY', 'fileSha256 must be 64 lowercase hex digits');
  }
  const entry: LogEntry = {
    kind: fields.kind,
    time: fields.time.toISOString(),
    agency: fields.agency,
    actor: fields.actor,
    subject: { type: fields.subjectType, id: fields.subjectId },
    sha256: digests.sha256,
    sm3: digests.sm3,
    ...(fields.fileSha256 === null ? {} : { fileSha256: fields.fileSha256 }),
  };
  const bytes = new TextEncoder().encode(canonicalJson(entry));
  if (bytes.length > MAX_ENTRY_SIZE) {
    throw new RecordLogError('ENTRY_TOO_LARGE', `a log entry is ${bytes.length} bytes`);
  }
  return bytes;
}

const ENTRY_KEYS = new Set(['kind', 'time', 'agency', 'actor', 'subject', 'sha256', 'sm3', 'fileSha256']);
const nullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Parses entry bytes from the log (untrusted): RFC 8785 JSON of exactly the fields above. */
export function parseEntry(bytes: Uint8Array): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new RecordLogError('MALFORMED_ENTRY', 'a log entry is UTF-8 JSON');
  }
  const e = value as Partial<Record<keyof LogEntry, unknown>> | null;
  const subject = e?.subject as { type?: unknown; id?: unknown } | undefined;
  const ok =
    typeof e === 'object' &&
    e !== null &&
    Object.keys(e).every((key) => ENTRY_KEYS.has(key)) &&
    Object.keys(subject ?? {}).every((key) => key === 'type' || key === 'id') &&
    typeof e.kind === 'string' &&
    typeof e.time === 'string' &&
    nullableString(e.agency) &&
    nullableString(e.actor) &&
    typeof subject?.type === 'string' &&
    nullableString(subject.id) &&
    typeof e.sha256 === 'string' &&
    HEX_SHA256.test(e.sha256) &&
    typeof e.sm3 === 'string' &&
    HEX_SHA256.test(e.sm3) &&
    (e.fileSha256 === undefined || (typeof e.fileSha256 === 'string' && HEX_SHA256.test(e.fileSha256)));
  if (!ok || canonicalJson(value) !== new TextDecoder().decode(bytes)) {
    throw new RecordLogError('MALFORMED_ENTRY', 'not a canonical sanxiang log entry');
  }
  return value as LogEntry;
}

/** An event sealed for the log: what the private audit row keeps, and the public entry. */
export interface SealedEvent {
  readonly salt: Uint8Array;
  readonly recordJson: string;
  readonly digests: SaltedDigests;
  readonly entry: Uint8Array;
}

/** Seals an event with a fresh random salt: canonical record, salted digests, entry bytes. */
export function sealEvent(fields: RecordFields, record: unknown, salt: Uint8Array): SealedEvent {
  const recordJson = canonicalJson(record);
  const digests = saltedDigests(salt, canonicalRecord(fields, recordJson));
  return { salt, recordJson, digests, entry: encodeEntry(fields, digests) };
}
