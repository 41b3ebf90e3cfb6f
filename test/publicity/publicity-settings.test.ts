import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../databases.ts';
import { auditCount, signIn, startHarness, type Client, type Harness } from '../harness.ts';

interface SettingsBody {
  lowFineMaxFen: { naturalPerson: number | null; organisation: number | null };
  missing: string[];
}

/**
 * 公示规定 §13: the low-fine amounts are the province's, so an agency must set them; until it does, its
 * settings say what is missing, and a change without them is refused naming the fields.
 */
describe.each(databaseKinds)('publicity settings on %s', (kind) => {
  let h: Harness;
  let admin: Client; // 南岳区 agency's administrator: no settings saved yet
  let officer: Client;

  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await signIn(h, 'nyadmin');
    officer = await signIn(h, 'zhangwei');
  });
  afterAll(() => h.close());

  const body = (lowFineMaxFen: Record<string, unknown>) => ({
    publishWithin: { licensing: 7, penalty: 7, coercion: 20, levy: 20, fee: 20, inspection: 20 },
    withdrawWithin: 3,
    lowFineMaxFen,
    earlyEndAfterMonths: 6,
    earlyEndAfterMonthsStrictFields: 12,
    reason: '按本省规定设置较低数额罚款标准',
  });

  it('names the low-fine amounts as missing until the agency sets them (公示规定 §13)', async () => {
    const res = await admin.get('/api/v1/publications/settings');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SettingsBody>()).toMatchObject({
      lowFineMaxFen: { naturalPerson: null, organisation: null },
      missing: ['lowFineMaxFen.naturalPerson', 'lowFineMaxFen.organisation'],
    });
  });

  it('refuses settings without the amounts, naming each field, and changes nothing', async () => {
    const before = await auditCount(h);
    const res = await admin.send(
      'PUT',
      '/api/v1/publications/settings',
      body({ naturalPerson: null, organisation: null }),
    );
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { path: string; message: string }[] }>().errors;
    expect(errors.map((e) => e.path)).toEqual([
      'body.lowFineMaxFen.naturalPerson',
      'body.lowFineMaxFen.organisation',
    ]);
    expect(errors[0]!.message).toContain('公示规定 §13');
    expect(await auditCount(h)).toBe(before);
  });

  it('keeps the amounts set by the administrator, and only the administrator', async () => {
    const amounts = { naturalPerson: 999_999, organisation: 9_999_999 };
    expect((await officer.send('PUT', '/api/v1/publications/settings', body(amounts))).statusCode).toBe(403);
    const res = await admin.send('PUT', '/api/v1/publications/settings', body(amounts));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SettingsBody>()).toMatchObject({ lowFineMaxFen: amounts, missing: [] });
    const read = await admin.get('/api/v1/publications/settings');
    expect(read.json<SettingsBody>()).toMatchObject({ lowFineMaxFen: amounts, missing: [] });
  });
});
