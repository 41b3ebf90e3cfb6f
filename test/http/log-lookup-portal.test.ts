import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../src/platform/audit/command.ts';
import { signIn } from '../harness.ts';
import { startLogHarness, type LogHarness } from '../record-log/log-harness.ts';
import { testStagingKey } from '../test-env.ts';

/** Finding a file or a verification code in the record log, the portal's pages, and verify runs. */
describe('record log lookup, portal pages and verify runs', () => {
  let h: LogHarness;
  let bureauId: string;
  let otherId: string;
  const fileSha256 = createHash('sha256').update('行政处罚决定书 衡县市监罚〔2026〕1号').digest('hex');

  beforeAll(async () => {
    h = await startLogHarness('pglite');
    const agencies = await h.database.db
      .withoutPlugins()
      .selectFrom('agencies')
      .select(['id', 'name'])
      .execute();
    bureauId = agencies.find((a) => a.name === '衡阳县市场监督管理局')!.id;
    otherId = agencies.find((a) => a.name === '衡阳县农业农村局')!.id;
    await runCommand({ db: h.database.db, clock: h.clock, staging: testStagingKey }, systemActor, (ctx) =>
      ctx.record({
        kind: 'documents.issued',
        agencyId: bureauId,
        subjectType: 'document',
        subjectId: null,
        record: { title: 'test' },
        fileSha256,
      }),
    );
    await h.integrate();
  });
  afterAll(() => h.close());

  interface Found {
    index: number;
    code: string;
    agencyName: string | null;
    entry: { fileSha256?: string; agency: string | null; time: string };
    size: number;
  }

  it('finds a file by its SHA-256 and by its verification code', async () => {
    const bySha = await h.app.inject({ url: `/log/lookup?sha256=${fileSha256.toUpperCase()}` });
    expect(bySha.statusCode).toBe(200);
    const found = bySha.json<Found>();
    expect(found.agencyName).toBe('衡阳县市场监督管理局');
    expect(found.entry.fileSha256).toBe(fileSha256);
    expect(found.entry.agency).toBe(bureauId);
    expect(found.code).toMatch(new RegExp(`^SX-${found.index}-[0-9A-Z]{6}$`));
    expect(found.index).toBeLessThan(found.size);

    const byCode = await h.app.inject({ url: `/log/lookup?code=${found.code.toLowerCase()}` });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json<Found>()).toEqual(found);
  });

  it('says not found for an unknown file, a wrong check or an index past the log; 400 for bad input', async () => {
    const unknown = await h.app.inject({ url: `/log/lookup?sha256=${'0'.repeat(64)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const found = (await h.app.inject({ url: `/log/lookup?sha256=${fileSha256}` })).json<Found>();
    const wrongCheck = found.code.endsWith('000000')
      ? found.code.replace(/000000$/, '000001')
      : found.code.replace(/-[0-9A-Z]{6}$/, '-000000');
    expect((await h.app.inject({ url: `/log/lookup?code=${wrongCheck}` })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/log/lookup?code=SX-999999-ABCDEF' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: '/log/lookup?code=hello' })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/log/lookup?sha256=xyz' })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/log/lookup' })).statusCode).toBe(400);
  });

  it('serves the portal home page as accessible Chinese HTML with the agencies', async () => {
    const res = await h.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const page = res.body;
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toMatch(/<h1>[^<]+<\/h1>/);
    expect(page).toContain('<main id="main"');
    expect(page).toContain('<nav aria-label="主导航">');
    expect(page).toContain(`href="/agencies/${bureauId}">衡阳县市场监督管理局</a>`);
    expect(page).toContain('href="/verify"');
    expect(page).toContain('href="/app/">工作人员入口</a>');
    expect(page).toContain('@media print');
    expect(page).not.toContain('<script');
    const agency = await h.app.inject({ url: `/agencies/${bureauId}` });
    expect(agency.statusCode).toBe(200);
    expect(agency.body).toContain('<h1>衡阳县市场监督管理局</h1>');
    expect((await h.app.inject({ url: '/agencies/not-an-id' })).statusCode).toBe(404);
  });

  it('serves the verification page with labelled fields, and answers a code without JavaScript', async () => {
    const res = await h.app.inject({ url: '/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('<h1>记录核验</h1>');
    expect(res.body).toContain('<label for="code">');
    expect(res.body).toContain('<label for="file">');
    expect(res.body).toContain('role="status"');
    expect(res.body).toContain('src="/portal/verify.js"');
    const found = (await h.app.inject({ url: `/log/lookup?sha256=${fileSha256}` })).json<Found>();
    const answered = await h.app.inject({ url: `/verify?code=${encodeURIComponent(found.code)}` });
    expect(answered.body).toContain('由 衡阳县市场监督管理局 记录');
    expect(answered.body).toContain(`记录日志第 ${found.index + 1} 条`);
    // The kind of event in Chinese, never its code (newcomer walk-through: "publicity.publication_published").
    expect(answered.body).toMatch(/<dt>事项<\/dt>\s*<dd>制作文书<\/dd>/);
    const escaped = await h.app.inject({ url: `/verify?code=${encodeURIComponent('<script>x</script>')}` });
    expect(escaped.body).not.toContain('<script>x');
    expect(escaped.body).toContain('无法核验');
  });

  it('lets an auditor run the full verification, records it, and lists past runs', async () => {
    const auditor = await signIn(h, 'sunhao');
    const run = await auditor.send('POST', '/api/v1/log/verify-runs', {});
    expect(run.statusCode, run.body).toBe(200);
    const result = run.json<{ ok: boolean; size: number; problems: unknown[]; actorName: string }>();
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.size).toBeGreaterThan(0);
    expect(result.actorName).toBe('孙浩');
    const list = await auditor.get('/api/v1/log/verify-runs');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items[0]!.id).toBe(run.json<{ id: string }>().id);
    const recorded = await h.database.db
      .withoutPlugins()
      .selectFrom('audit_events')
      .select('kind')
      .where('kind', '=', 'log.verify_run')
      .execute();
    expect(recorded).toHaveLength(1);
  });

  it('refuses an officer (403) and another agency (404)', async () => {
    const officer = await signIn(h, 'zhangwei');
    expect((await officer.send('POST', '/api/v1/log/verify-runs', {})).statusCode).toBe(403);
    expect((await officer.get('/api/v1/log/verify-runs')).statusCode).toBe(403);
    const otherAdmin = await signIn(h, 'nyadmin');
    expect(
      (await otherAdmin.send('POST', '/api/v1/log/verify-runs', { agencyId: bureauId })).statusCode,
    ).toBe(404);
    expect((await otherAdmin.get(`/api/v1/log/verify-runs?agencyId=${bureauId}`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`/api/v1/log/verify-runs?agencyId=${otherId}`)).statusCode).toBe(200);
  });
});
