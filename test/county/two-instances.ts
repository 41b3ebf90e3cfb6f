import type { AddressInfo } from 'node:net';
import { registerWitnessedLog } from '../../src/county/witness/witness.service.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { generateNoteKeys } from '../../src/platform/record-log/note.ts';
import type { DatabaseKind } from '../databases.ts';
import { demoPrincipal } from '../demo-principal.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';

/**
 * Two instances of the server in one test, each a real Fastify app listening on a port of its own with a
 * database of its own (issue 14): the county platform and the bureau (衡阳县市场监督管理局). The county's
 * administrator registers the bureau's log with its witness; the bureau is paired with the county (its
 * `upstreams` row, with the witness key read from the county's /witness/key).
 */
export interface TwoInstances {
  county: DocumentsHarness;
  agency: DocumentsHarness;
  countyUrl: string;
  agencyUrl: string;
  /** The bureau's agency id on its own instance. */
  agencyId: string;
  witnessKey: string;
  close(): Promise<void>;
}

/** The demo's instance administrator (jiandu, of the county office) as a principal. */
export const instanceAdministrator = (h: DocumentsHarness): Promise<Principal> =>
  demoPrincipal(h.database.db, 'jiandu');

export async function listen(h: DocumentsHarness): Promise<string> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
}

/** A recorded command on an instance (registering some other log with its witness): the log grows. */
export async function someCommand(h: DocumentsHarness, name: string): Promise<void> {
  const origin = `${name}.example/log`;
  await registerWitnessedLog(h.deps, await instanceAdministrator(h), {
    origin,
    verifierKey: generateNoteKeys(origin).verifierKey,
  });
}

export async function startTwoInstances(
  kind: DatabaseKind,
  options: { receiptKey?: (countyUrl: string) => Promise<string> } = {},
): Promise<TwoInstances> {
  const county = await startDocumentsHarness(kind);
  const agency = await startDocumentsHarness(kind);
  const countyUrl = await listen(county);
  const agencyUrl = await listen(agency);
  await registerWitnessedLog(county.deps, await instanceAdministrator(county), {
    origin: DOCS_ORIGIN,
    verifierKey: agency.verifierKey,
  });
  const witnessKey = (await (await fetch(`${countyUrl}/witness/key`)).text()).trim();
  const receiptKey = options.receiptKey
    ? await options.receiptKey(countyUrl)
    : generateNoteKeys('receipt.unused.example/receipt').verifierKey;
  const db = agency.database.db.withoutPlugins(); // fixtures: the pairing command is push-outbox's
  const { id: agencyId } = await db
    .selectFrom('agencies')
    .select('id')
    .where('credit_code', '=', '11430421MB1B23456G')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('upstreams')
    .values({
      agency_id: agencyId,
      id: crypto.randomUUID(),
      url: countyUrl,
      witness_key: witnessKey,
      receipt_key: receiptKey,
      paired_by: null,
      paired_at: agency.clock.now(),
    })
    .execute();
  return {
    county,
    agency,
    countyUrl,
    agencyUrl,
    agencyId,
    witnessKey,
    close: async () => {
      await agency.close();
      await county.close();
    },
  };
}
