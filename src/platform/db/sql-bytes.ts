import { sql, type RawBuilder } from 'kysely';
import { encodeBase64 } from '../record-log/bytes.ts';

/**
 * Bytes in and out of SQL as base64 text (`encode`/`decode`, core PostgreSQL). PGlite's own bytea codec
 * turns each byte with a `parseInt` and a `padStart`, which made reading entry bundles some 15 times
 * slower than this; on PostgreSQL it costs nothing. The record log moves a lot of bytes (entries, tiles,
 * bundles), so its queries use these.
 */

/** A bytea column (or expression) read as base64 text. */
export const base64Of = (column: string): RawBuilder<string> =>
  sql<string>`encode(${sql.ref(column)}, 'base64')`;

/** Bytes as a bytea value for an insert or a comparison. */
export const byteaValue = (bytes: Uint8Array): RawBuilder<Uint8Array> =>
  sql<Uint8Array>`decode(${encodeBase64(bytes)}, 'base64')`;

/** Base64 text from `base64Of` back to bytes (PostgreSQL breaks it into lines; Node skips the newlines). */
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
