import { createHash } from 'node:crypto';
import { canonicalJson } from '../platform/record-log/entry.ts';
import type { ReviewedFields } from './review.rules.ts';

/**
 * The digest of the fields a review covers (S-14): SHA-256 of their canonical JSON (RFC 8785). Taken at
 * submission and again before a decision; different digests, a different case than the one reviewed.
 * Kept apart from review.rules.ts so that module stays free of Node built-ins (the workbench imports it).
 */
export function reviewDigest(fields: ReviewedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
