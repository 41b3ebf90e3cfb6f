import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSanxiang } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { subjectTables } from '../../src/platform/record-log/subject-tables.ts';
import { verifyRecordLog } from '../../src/platform/record-log/verify.service.ts';
import { freshDatabase, type DatabaseKind } from '../databases.ts';
import { TestClock, type Harness } from '../harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';

/**
 * The HTTP harness with a data directory of its own, so evidence bytes go to a temporary blob store
 * (DATA_DIR/blobs) that the test can inspect and that is removed afterwards.
 */
export interface RecordsHarness extends Harness {
  blobRoot: string;
}

/** `env`: configuration on top of the tests' (test-env.ts), e.g. a short idle timeout. */
export async function startRecordsHarness(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<RecordsHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-records-'));
  const database = await freshDatabase(kind);
  const clock = new TestClock();
  await loadDemo({ db: database.db, clock, staging: testStagingKey });
  const config = { ...loadConfig({ ...testEnv, ...env, DATA_DIR: dataDir }), cookieSecure: true };
  const app = await createSanxiang({ db: database.db, config, staging: testStagingKey, clock });
  return {
    app,
    database,
    clock,
    blobRoot: path.join(dataDir, 'blobs'),
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under a directory, as paths relative to it (empty when it does not exist). */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** The records area's subject types and tables (for `sanxiang verify`; see subject-tables.ts). */
export const recordsSubjectTables = {
  evidence_file: 'evidence_files',
  enforcement_step: 'enforcement_steps',
  recorder: 'recorders',
  recorder_loan: 'recorder_loans',
  av_checklist: 'av_checklists',
  retention_policy: 'retention_policies',
};

/**
 * `sanxiang verify` over the database so far (nothing integrated yet: every entry is pending), with the
 * records tables among the subjects: each row must equal what its commands recorded.
 */
export async function verifyProblems(h: Harness) {
  const report = await verifyRecordLog(h.database.db, {
    verifiers: [],
    origin: 'test',
    subjectTables: { ...subjectTables, ...recordsSubjectTables },
  });
  return report.problems;
}
