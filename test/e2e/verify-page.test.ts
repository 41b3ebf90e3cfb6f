import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../src/platform/audit/command.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { newPage, startSite, type Site } from './browser.ts';
import { testStagingKey } from '../test-env.ts';

/** The public verification page: the browser hashes a file, checks the proof, and says who recorded it. */
describe('public verification page (browser)', () => {
  let site: Site;
  const recorded = Buffer.from('行政处罚决定书 衡县市监罚〔2026〕7号\n');
  const notRecorded = Buffer.from('一份从未记录过的文件\n');

  beforeAll(async () => {
    site = await startSite();
    const db = site.database.db;
    const bureau = await db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '衡阳县市场监督管理局')
      .executeTakeFirstOrThrow();
    await runCommand({ db, clock: systemClock, staging: testStagingKey }, systemActor, (ctx) =>
      ctx.record({
        kind: 'document.issue',
        agencyId: bureau.id,
        subjectType: 'document',
        subjectId: null,
        record: { title: '行政处罚决定书' },
        fileSha256: createHash('sha256').update(recorded).digest('hex'),
      }),
    );
    await site.integrate();
  });
  afterAll(() => site.close());

  it('says when and by which agency a recorded file was recorded, and that another file is not in the log', async () => {
    const page = await newPage(site);
    await page.goto(`${site.url}/verify`);
    await page.getByLabel('或选择文件').setInputFiles({
      name: '决定书.txt',
      mimeType: 'text/plain',
      buffer: recorded,
    });
    const result = page.getByRole('status');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('已核验');
    const text = await result.innerText();
    expect(text).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 由 衡阳县市场监督管理局 记录，记录日志第 \d+ 条/);
    const code = /SX-\d+-[0-9A-Z]{6}/.exec(text)?.[0];
    expect(code).toBeTruthy();

    await page.getByLabel('或选择文件').setInputFiles({
      name: '其他.txt',
      mimeType: 'text/plain',
      buffer: notRecorded,
    });
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('记录日志中没有找到');

    // The printed code, typed by hand, is checked by the browser too.
    await page.getByLabel('核验码或文件的 SHA-256').fill(code!.toLowerCase());
    await page.getByRole('button', { name: '核验' }).click();
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toContain('由 衡阳县市场监督管理局 记录');
    await page.context().close();
  });
});
