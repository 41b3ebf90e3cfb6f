import { createSanxiang } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { integrateAll, type IntegrateDeps } from '../../src/platform/record-log/integrator.ts';
import {
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  type NoteVerifier,
} from '../../src/platform/record-log/note.ts';
import { freshDatabase, type DatabaseKind } from '../databases.ts';
import { TestClock, type Harness } from '../harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';

/** A harness whose app serves the record log with a throwaway key, and the integrator's deps for it. */
export interface LogHarness extends Harness {
  origin: string;
  verifierKey: string;
  verifier: NoteVerifier;
  integrateDeps: IntegrateDeps;
  integrate(): Promise<number>;
}

export const TEST_ORIGIN = 'test.sanxiang.example/log';

export async function startLogHarness(kind: DatabaseKind): Promise<LogHarness> {
  const database = await freshDatabase(kind);
  const clock = new TestClock();
  await loadDemo({ db: database.db, clock, staging: testStagingKey });
  const keys = generateNoteKeys(TEST_ORIGIN);
  const config = { ...loadConfig(testEnv), cookieSecure: true };
  const app = await createSanxiang({
    db: database.db,
    staging: testStagingKey,
    config,
    clock,
    recordLog: { verifierKeys: [keys.verifierKey] },
  });
  const integrateDeps = {
    db: database.db,
    clock,
    signers: [parseSignerKey(keys.signerKey)],
    origin: TEST_ORIGIN,
    staging: testStagingKey,
  };
  return {
    app,
    database,
    clock,
    origin: TEST_ORIGIN,
    verifierKey: keys.verifierKey,
    verifier: parseVerifierKey(keys.verifierKey),
    integrateDeps,
    integrate: async () => (await integrateAll(integrateDeps)).size,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
