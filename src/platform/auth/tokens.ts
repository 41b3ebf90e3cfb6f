import { createHash, randomBytes } from 'node:crypto';

/** Secrets handed to a client once; only their SHA-256 is stored, so a database leak reveals none. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
