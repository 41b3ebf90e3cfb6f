import { stagingKeyOf } from '../src/platform/record-log/staging-key.ts';

/**
 * The environment every test app is configured from. Tests sign in and look up far more often from one
 * address (127.0.0.1) than any person: the limits per client address are set out of their reach here, and
 * test/http/rate-limits.test.ts tests them with tight ones. The correction form keeps its real limit (5 an
 * hour: test/publicity/publications.test.ts counts to it).
 */
export const testEnv = {
  NODE_ENV: 'test',
  RATE_LIMIT_SIGN_IN: '1000000/1min',
  RATE_LIMIT_LOOKUPS: '1000000/1min',
} as const;

/** The staging key of test apps and commands (record-log/staging-key.ts): fixed, so tests can forge with another. */
const testStagingKeyBytes = new Uint8Array(32).fill(0x5a);
export const testStagingKey = stagingKeyOf(testStagingKeyBytes);

/** The same key as `LOG_STAGING_KEY` for a CLI process a test starts on the test's data. */
export const testStagingKeyEnv = { LOG_STAGING_KEY: Buffer.from(testStagingKeyBytes).toString('base64') };
