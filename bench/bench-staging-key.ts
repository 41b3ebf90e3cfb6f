import { randomBytes } from 'node:crypto';
import { stagingKeyOf } from '../src/platform/record-log/staging-key.ts';

/** A throwaway staging key per benchmark run (record-log/staging-key.ts). */
export const benchStagingKey = stagingKeyOf(randomBytes(32));
