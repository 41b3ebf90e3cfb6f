import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSanxiang } from '../../src/app.ts';
import { registerWitnessedLog } from '../../src/county/witness/witness.service.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { isRole, type Role } from '../../src/platform/auth/roles.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { parseEntry } from '../../src/platform/record-log/entry.ts';
import { entryAt } from '../../src/platform/record-log/log.store.ts';
import { leafHash } from '../../src/platform/record-log/merkle.ts';
import { formatVerificationCode } from '../../src/platform/record-log/verification-code.ts';
import type { VerifyAnswer } from '../../src/county/portal/county-portal.schema.ts';
import { freshDatabase } from '../databases.ts';
import { DOCS_ORIGIN, startDocumentsHarness, type DocumentsHarness } from '../documents/documents-harness.ts';
import { TestClock } from '../harness.ts';
import { testEnv, testStagingKey } from '../test-env.ts';
import { registerFixtureAgency, type FixtureAgency } from './county-fixtures.ts';

/**
 * The county portal verifies an agency's verification code against that agency's own log, over HTTP:
 * two real instances listening on ports — the agency (the demo, its record log integrated with a throwaway
 * key) and the county platform, whose witness cosigned the agency's checkpoint. The county fetches the
 * lookup and the inclusion proof from the agency and checks the root against the checkpoint its witness
 * holds. A third "agency" accepts connections and never answers: it is named as unreachable.
 */
async function instanceAdministrator(database: Database): Promise<Principal> {
  const db = database.db.withoutPlugins(); // the test's own lookup of the demo's instance administrator
  const row = await db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .select(['accounts.id as account_id', 'people.id', 'people.agency_id', 'people.name'])
    .where('accounts.username', '=', 'jiandu')
    .executeTakeFirstOrThrow();
  const grants = await db.selectFrom('role_grants').select('role').where('person_id', '=', row.id).execute();
  return {
    accountId: row.account_id,
    personId: row.id,
    agencyId: row.agency_id,
    username: 'jiandu',
    name: row.name,
    roles: new Set<Role>(grants.map((g) => g.role).filter(isRole)),
    supervisedAgencyIds: new Set(),
    via: 'session',
    scopes: null,
    ip: null,
  };
}

const witnessBody = (checkpoint: string) => `old 0\n\n${checkpoint}`;

describe('verifying an agency’s codes at the county portal (two instances)', () => {
  let agency: DocumentsHarness;
  let countyDb: Database;
  let county: FastifyInstance;
  let countyUrl: string;
  let silent: net.Server;
  const held: net.Socket[] = [];
  let registered: FixtureAgency;
  let unreachable: FixtureAgency;
  let countyDataDir: string;
  let witnessedSize: number;
  /** An entry of the agency's own (its `agency` field), and its code. */
  let code: string;
  let index: number;

  beforeAll(async () => {
    agency = await startDocumentsHarness('pglite');
    witnessedSize = await agency.integrate();
    const agencyUrl = await agency.app.listen({ port: 0, host: '127.0.0.1' });

    silent = net.createServer((socket) => {
      // accepts, never answers
      held.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;

    countyDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-county-'));
    countyDb = await freshDatabase('pglite');
    const clock = new TestClock();
    await loadDemo({ db: countyDb.db, clock, staging: testStagingKey });
    county = await createSanxiang({
      db: countyDb.db,
      config: loadConfig({ ...testEnv, DATA_DIR: countyDataDir }),
      staging: testStagingKey,
      clock,
      countyVerifyTimeoutMs: 1000,
    });
    countyUrl = await county.listen({ port: 0, host: '127.0.0.1' });

    // The county's witness holds the agency's checkpoint (witness.http.test.ts's pattern, over the network).
    await registerWitnessedLog(
      { db: countyDb.db, clock, staging: testStagingKey },
      await instanceAdministrator(countyDb),
      { origin: DOCS_ORIGIN, verifierKey: agency.verifierKey },
    );
    const checkpoint = await (await fetch(`${agencyUrl}/log/checkpoint`)).text();
    const cosigned = await fetch(`${countyUrl}/witness/add-checkpoint`, {
      method: 'POST',
      body: witnessBody(checkpoint),
    });
    expect(cosigned.status, await cosigned.clone().text()).toBe(200);

    // An entry the agency recorded itself: its `agency` is the id it is registered under at the county.
    for (let i = witnessedSize - 1; i >= 0; i--) {
      const bytes = (await entryAt(agency.database.db, i))!;
      const entry = parseEntry(bytes);
      if (entry.agency) {
        index = i;
        code = formatVerificationCode(i, leafHash(bytes));
        registered = await registerFixtureAgency(countyDb.db, {
          name: '衡阳县市场监督管理局',
          creditCode: '11430421MB1234567X',
          baseUrl: agencyUrl,
          origin: DOCS_ORIGIN,
          remoteAgencyId: entry.agency,
        });
        break;
      }
    }
    unreachable = await registerFixtureAgency(countyDb.db, {
      name: '衡阳县交通运输局',
      creditCode: '11430421MB7654321Y',
      baseUrl: `http://127.0.0.1:${silentPort}`,
      origin: 'jtj.hyx.example.gov.cn/log',
    });
    // Its witness holds a checkpoint too, so the county does ask it.
    await countyDb.db
      .withoutPlugins()
      .insertInto('witness_checkpoints')
      .values({
        id: crypto.randomUUID(),
        origin: 'jtj.hyx.example.gov.cn/log',
        size: 100,
        root_hash: Buffer.alloc(32, 7).toString('base64'),
        note: 'jtj.hyx.example.gov.cn/log\n100\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n\n— x AAAA\n',
        received_at: new Date('2026-11-27T00:00:00Z'),
      })
      .execute();
  }, 120_000);

  afterAll(async () => {
    for (const socket of held) socket.destroy();
    county.server.closeAllConnections();
    agency.app.server.closeAllConnections();
    await county.close();
    await countyDb.close();
    await agency.close();
    await new Promise((resolve) => silent.close(resolve));
    fs.rmSync(countyDataDir, { recursive: true, force: true });
  });

  const verify = async (query: string) => {
    const res = await fetch(`${countyUrl}/api/v1/county-portal/verify?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as VerifyAnswer;
  };

  it('verifies the code against the agency named, with the root the county witnessed', async () => {
    const answer = await verify(`code=${code}&agencyId=${registered.id}`);
    expect(answer.status, answer.message).toBe('verified');
    expect(answer.agency).toEqual({ id: registered.id, name: '衡阳县市场监督管理局' });
    expect([answer.index, answer.code]).toEqual([index, code]);
    const held = await countyDb.db
      .withoutPlugins()
      .selectFrom('witness_checkpoints')
      .select(['size', 'root_hash'])
      .where('origin', '=', DOCS_ORIGIN)
      .executeTakeFirstOrThrow();
    expect(answer.witnessed).toMatchObject({ size: held.size, rootHash: held.root_hash });
    // Typed in lower case, it reads the same.
    expect((await verify(`code=${code.toLowerCase()}&agencyId=${registered.id}`)).status).toBe('verified');
  });

  it('asks every agency when none is named, and says which one could not be reached', async () => {
    const answer = await verify(`code=${code}`);
    expect(answer.status).toBe('verified');
    expect(answer.agency?.id).toBe(registered.id);
    expect(answer.tried.map((t) => [t.name, t.outcome])).toEqual([
      ['衡阳县交通运输局', '无法访问（1 秒内没有应答）'],
      ['衡阳县市场监督管理局', '已核验'],
    ]);
    const silentOnly = await verify(`code=${code}&agencyId=${unreachable.id}`);
    expect(silentOnly.status).toBe('unreachable');
    expect(silentOnly.message).toBe('暂时无法访问衡阳县交通运输局的记录日志（1 秒内没有应答），请稍后再试');
  });

  it('finds nothing for a wrong check, and waits for the witness past the size it holds', async () => {
    const check = code.slice(-6);
    const other = `${code.slice(0, -6)}${check === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ'}`;
    const notFound = await verify(`code=${other}&agencyId=${registered.id}`);
    expect(notFound.status).toBe('not-found');
    expect(notFound.message).toBe('衡阳县市场监督管理局的记录日志中没有这条记录');

    // The agency's log grows; the county has not witnessed the new entries yet.
    // A recorded command on the agency (any will do) makes new entries.
    const newer = await registerWitnessedLog(agency.deps, await instanceAdministrator(agency.database), {
      origin: 'other.example/log',
      verifierKey: agency.verifierKey,
    });
    expect(newer).toBeDefined();
    const size = await agency.integrate();
    expect(size).toBeGreaterThan(witnessedSize);
    const bytes = (await entryAt(agency.database.db, size - 1))!;
    const fresh = await verify(
      `code=${formatVerificationCode(size - 1, leafHash(bytes))}&agencyId=${registered.id}`,
    );
    expect(fresh.status).toBe('not-witnessed');
    expect(fresh.message).toContain(`平台最近见证的检查点只到 ${witnessedSize} 条`);
  });

  it('answers the page without JavaScript, and refuses a malformed code with the field named', async () => {
    const page = await fetch(`${countyUrl}/county-portal/verify?code=${code}`);
    const body = await page.text();
    expect(body).toContain('data-status="verified"');
    expect(body).toContain('衡阳县交通运输局：无法访问');
    const bad = await fetch(`${countyUrl}/api/v1/county-portal/verify?code=SX-12`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('querystring.code');
    const neither = await fetch(`${countyUrl}/api/v1/county-portal/verify`);
    expect(neither.status).toBe(400);
  });
});
