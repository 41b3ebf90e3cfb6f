import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSanxiang } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { DocumentsDeps } from '../../src/documents/documents.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { integrateAll } from '../../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { blobRootOf, localBlobStore } from '../../src/records/blob-store.ts';
import { freshDatabase, type DatabaseKind } from '../databases.ts';
import { TestClock, type Harness } from '../harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';

export const DOCS_ORIGIN = 'test.sanxiang.example/log';

/**
 * The HTTP app on a fresh database with the demo, a data directory of its own (blobs) and a throwaway
 * log key, so a test can integrate the record log when it wants documents sealed.
 */
export interface DocumentsHarness extends Harness {
  dataDir: string;
  verifierKey: string;
  deps: DocumentsDeps;
  integrate(): Promise<number>;
}

/**
 * With `archivedDemo` the demo loads as `npm start` loads it: with the blob store and the log's
 * integrator, so its complete penalty case ends archived, its documents sealed and its file assembled.
 */
export async function startDocumentsHarness(
  kind: DatabaseKind,
  options: { archivedDemo?: boolean } = {},
): Promise<DocumentsHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-documents-'));
  const database = await freshDatabase(kind);
  const clock = new TestClock();
  const keys = generateNoteKeys(DOCS_ORIGIN);
  const blobs = localBlobStore(blobRootOf(dataDir));
  const integrate = async () =>
    (
      await integrateAll({
        db: database.db,
        clock,
        staging: testStagingKey,
        signers: [parseSignerKey(keys.signerKey)],
        origin: DOCS_ORIGIN,
      })
    ).size;
  if (options.archivedDemo) {
    await loadDemo({ db: database.db, clock, staging: testStagingKey }, blobs, {
      integrate: async () => void (await integrate()),
    });
  } else {
    await loadDemo({ db: database.db, clock, staging: testStagingKey });
  }
  const config = { ...loadConfig({ ...testEnv, DATA_DIR: dataDir }), cookieSecure: true };
  const app = await createSanxiang({
    db: database.db,
    staging: testStagingKey,
    config,
    clock,
    recordLog: { verifierKeys: [keys.verifierKey] },
  });
  return {
    app,
    database,
    clock,
    dataDir,
    verifierKey: keys.verifierKey,
    deps: { db: database.db, clock, staging: testStagingKey, blobs },
    integrate,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
