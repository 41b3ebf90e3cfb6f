import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, personId } from '../cases/cases-harness.ts';
import { signIn, startHarness, type Client, type Harness } from '../harness.ts';

/**
 * Permissions sent to the workbench (issue 11 item 4, after Outline's policy presenter): `/api/v1/me`
 * answers what the person may do in the own agency, each resource what the person may do with it, and a
 * refusal names its reason. The workbench shows only these; the server still decides each request.
 */
describe('what the workbench is told the user may do', () => {
  let h: Harness;
  let officer: Client;
  let head: Client;
  let admin: Client;

  const abilities = async (client: Client) => {
    const res = await client.get('/api/v1/me');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ abilities: string[] }>().abilities;
  };

  beforeAll(async () => {
    h = await startHarness('pglite');
    officer = await signIn(h, 'huanglei');
    head = await signIn(h, 'juzhang');
    admin = await signIn(h, 'admin');
  });
  afterAll(() => h.close());

  it('tells an officer of cases and evidence, and of no administration', async () => {
    const mine = await abilities(officer);
    expect(mine).toEqual(expect.arrayContaining(['cases.create', 'cases.step', 'records.uploadEvidence']));
    expect(mine).not.toContain('org.managePeople');
    expect(mine).not.toContain('publications.configure');
    expect(mine).not.toContain('org.readAudit');
  });

  it('tells the administrator of administration, and of no case to register', async () => {
    const mine = await abilities(admin);
    expect(mine).toEqual(
      expect.arrayContaining(['org.managePeople', 'publications.configure', 'org.readAudit']),
    );
    expect(mine).not.toContain('cases.create');
  });

  it('answers a case with the actions on it: the head may decide a recusal, the officer may not', async () => {
    const created = await create(officer, {
      kind: 'penalty_ordinary',
      title: '涉嫌未取得食品经营许可从事食品经营',
      itemId: null,
      field: 'food',
      source: '投诉举报',
      parties: [
        {
          type: 'organisation',
          name: '衡阳县某某食品商行',
          creditCode: null,
          legalRepresentative: '李某',
          phone: null,
          address: null,
        },
      ],
      officerIds: [await personId(h, '张伟'), await personId(h, '黄磊')],
    });
    const can = async (client: Client) =>
      (await client.get(`/api/v1/cases/${created.case.id}`)).json<{ can: string[] }>().can;
    const asOfficer = await can(officer);
    expect(asOfficer).toEqual(expect.arrayContaining(['read', 'step', 'applyRecusal']));
    expect(asOfficer).not.toContain('recuse');
    expect(asOfficer).not.toContain('decidePayment');
    expect(await can(head)).toEqual(expect.arrayContaining(['recuse', 'assign', 'decidePayment']));
  });

  it('names the reason of a refusal: the roles that may', async () => {
    const body = {
      publishWithin: { licensing: 7, penalty: 7, coercion: 20, levy: 20, fee: 20, inspection: 20 },
      withdrawWithin: 3,
      lowFineMaxFen: { naturalPerson: 100_000, organisation: 1_000_000 },
      earlyEndAfterMonths: null,
      reason: '试图修改公示设置',
    };
    const res = await officer.send('PUT', '/api/v1/publications/settings', body);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toBe('此操作需要以下角色之一：系统管理员');
  });
});
