import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/case-file/case-file.rules.ts';
import { verifyCaseFileZip } from '../../src/case-file/verify-file.ts';
import { sealPendingDocuments } from '../../src/documents/document-seal.service.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { blobRootOf, localBlobStore } from '../../src/records/blob-store.ts';
import { creditCodeCheckCharacter } from '../../src/org/credit-code.rules.ts';
import { points } from '../../src/review/review.rules.ts';
import { chinaDate } from '../../src/platform/china-date.ts';
import { choose, newPage, signInThroughPage, startSite, type Site, pickDate } from './browser.ts';
import { testStagingKey } from '../test-env.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/sanxiang.js');

/** Runs `sanxiang verify-file FILE` as a user would: exit code and output. */
async function verifyFileCli(file: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, 'verify-file', file]);
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Opens the form of a next step on the case page, lets `fill` fill it, submits, waits for the new state. */
async function takeStep(
  page: Page,
  button: string,
  state: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await fill?.(dialog);
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/api\/v1\/cases\/[^/]+\/(steps|decision)/.test(r.url()),
    { timeout: 60_000 },
  );
  await dialog.getByRole('button', { name: /^(提\s*交|作出决定)$/ }).click();
  const answer = await answered.catch(async (error: unknown) => {
    throw new Error(`${button}: ${await dialog.innerText()}`, { cause: error }); // refused by the form itself
  });
  if (!answer.ok()) throw new Error(`${button}: ${answer.status()} ${await answer.text()}`);
  try {
    await expect.poll(() => page.getByTestId('case-state').innerText(), { timeout: 15_000 }).toBe(state);
  } catch (error) {
    // Say what the form showed (the server's refusal), not only that the state did not change.
    const shown = (await dialog.count()) ? await dialog.innerText() : '';
    throw new Error(`${button}: ${shown}`, { cause: error });
  }
  await dialog.waitFor({ state: 'detached' });
}

/** A unified social credit code with a correct check character (GB 32100-2015). */
const first17 = '91430421MA4Q8E2K7';
const CREDIT_CODE = `${first17}${creditCodeCheckCharacter(first17)}`;
const WRONG_CODE = `${first17}${creditCodeCheckCharacter(first17) === '0' ? '1' : '0'}`;

describe('the officer workbench for cases (browser)', () => {
  let site: Site;
  let dataDir: string;
  /** The case the first test registers; the second takes it on to the archive. */
  let caseUrl = '';
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanxiang-e2e-cases-'));
    site = await startSite({ dataDir });
  });
  afterAll(async () => {
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an officer registers a penalty case, files it, starts the investigation and sees the timeline with verified log indexes', async () => {
    const page = await newPage(site);
    await signInThroughPage(site, page, 'zhangwei');

    // 登记案件: the form checks the credit code's check character before anything is sent.
    await page.goto(`${site.url}/app/cases/new`);
    await page.getByLabel('权责事项').click();
    await page.locator('.ant-select-item-option').first().click();
    // The item chosen fills the cause (issue 12 item 4); the officer may write their own.
    await expect.poll(() => page.getByLabel('案由（事项）').inputValue()).toMatch(/^涉嫌/);
    await page.getByLabel('案由（事项）').fill('销售超过保质期的食品');
    await page.getByLabel('执法领域').click();
    await page.locator('.ant-select-item-option', { hasText: '食品安全' }).click();
    await page.getByLabel('案件来源').fill('投诉举报');
    await page.getByLabel('办案人员').click();
    await page.getByLabel('办案人员').fill('黄磊');
    await page.locator('.ant-select-item-option', { hasText: '黄磊' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('单位名称').fill('衡县好又多超市有限公司');
    await page.getByLabel('统一社会信用代码').fill(WRONG_CODE);
    await page.getByLabel('法定代表人').fill('李明');
    await page.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await page.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
    await page.getByRole('button', { name: /^登\s*记$/ }).click();

    // The case page: header, the parties, and the steps the lifecycle allows.
    await page.waitForURL(/\/app\/cases\?case=/);
    const state = page.getByTestId('case-state');
    await expect.poll(() => state.innerText()).toBe('案源登记');
    await page.getByRole('cell', { name: '衡县好又多超市有限公司' }).waitFor();
    await page.getByRole('cell', { name: CREDIT_CODE }).waitFor();

    // 立案: decided by the agency head (程序规定 §18), two certified officers assigned.
    const head = await newPage(site);
    await signInThroughPage(site, head, 'juzhang');
    await head.goto(page.url());
    await head.getByRole('button', { name: '办理：立案' }).click();
    let dialog = head.getByRole('dialog');
    await dialog.getByLabel('意见或说明').fill('同意立案');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => head.getByTestId('case-state').innerText(), { timeout: 10_000 }).toBe('已立案');
    await head.context().close();
    await page.reload();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('已立案');

    // 调查取证.
    await page.getByRole('button', { name: '办理：调查取证' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('地点').fill('衡县城关镇解放路 8 号');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('调查取证');
    // The decision period opened at filing shows with its countdown in working days.
    await page
      .getByText(/剩余 \d+ 个工作日/)
      .first()
      .waitFor();

    // The timeline: each event waits for the log, then carries its index, checked by the browser.
    const events = page.getByTestId('timeline-event');
    await expect.poll(() => events.count()).toBeGreaterThanOrEqual(3);
    await site.integrate();
    await page.reload();
    await expect
      .poll(() => page.getByText('✓ 已核验').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(3);
    expect(await page.getByText('✗ 未通过').count()).toBe(0);
    expect(await page.getByText('待写入').count()).toBe(0);
    caseUrl = page.url();

    // 我的待办 lists the case with the next step; the list filters by kind and state from the address.
    await page.goto(`${site.url}/app/cases/tasks`);
    await page.getByText('调查终结').first().waitFor();
    await page.goto(`${site.url}/app/cases?kind=penalty_ordinary&state=investigating`);
    await page.getByRole('cell', { name: '销售超过保质期的食品' }).waitFor();

    // On a phone (390 px): the case page stacks and nothing runs off the screen sideways.
    const phone = await site.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await phone.addCookies(await page.context().cookies());
    const small = await phone.newPage();
    await small.goto(caseUrl);
    await small.getByTestId('case-state').waitFor();
    await small.getByRole('button', { name: '办理：调查终结' }).waitFor();
    const overflow = await small.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(overflow).toBeLessThanOrEqual(390);
    await phone.close();
    await page.context().close();
  });

  it('the case goes on from the investigation to the archive, and its exported case file verifies offline', async () => {
    expect(caseUrl).not.toBe('');
    const officer = await newPage(site);
    await signInThroughPage(site, officer, 'zhangwei');
    await officer.goto(caseUrl);
    // 调查终结: the investigation report is where the facts are written, once (issue 12 item 4).
    const FACTS = '当事人销售超过保质期的食品，货值金额 300 元。';
    await takeStep(officer, '办理：调查终结', '调查终结', async (d) => {
      await d.getByLabel('违法事实', { exact: true }).fill(FACTS);
      await d.getByLabel('证据及证明事项').fill('现场笔录证明当事人销售超过保质期的食品。');
      await d.getByLabel('处理意见（拟作出的决定）').fill('罚款人民币柒万元');
      // The sanctions proposed, as a list: the first row is a fine (行政处罚法 §9).
      await d.getByLabel('金额（元） 1').fill('70000');
      await choose(officer, d.getByLabel('裁量情节', { exact: true }), '一般处罚');
      await pickDate(officer, d.getByLabel('违法行为终了日'), chinaDate(new Date()));
      if ((await d.getByLabel('处罚依据：法律法规名称').count()) === 0) {
        await d.getByRole('button', { name: '添加依据' }).last().click();
        await d.getByLabel('处罚依据：法律法规名称').fill('中华人民共和国食品安全法');
        await d.getByLabel('处罚依据：条款').fill('第一百二十四条');
      }
    });

    /** 提交法制审核 with what the case holds: the form starts from the report (or the last round). */
    const submitAsItStands = async (round: string) => {
      await officer.getByRole('button', { name: '提交法制审核', exact: true }).click();
      const submission = officer.getByRole('dialog', { name: /提交法制审核/ });
      await submission.getByText(round).waitFor();
      // Nothing typed again: the facts, the proposal and the amount are the report's.
      expect(await submission.getByLabel('违法事实', { exact: true }).inputValue()).toBe(FACTS);
      expect(await submission.getByLabel('处理意见（拟作出的决定）').inputValue()).toBe('罚款人民币柒万元');
      expect(await submission.getByLabel('金额（元） 1').inputValue()).toBe('70000.00');
      await submission.getByRole('button', { name: /^提\s*交$/ }).click();
      await submission.waitFor({ state: 'detached', timeout: 10_000 }).catch(async (error: unknown) => {
        throw new Error(`提交法制审核: ${await submission.innerText()}`, { cause: error });
      });
      await expect
        .poll(() => officer.getByTestId('case-state').innerText(), { timeout: 15_000 })
        .toBe('法制审核中');
    };
    await submitAsItStands('已按调查终结报告填写');

    // The review itself is the review area's (assigned, then concluded by the reviewer): its API here.
    const reviewerApi = await newPage(site);
    await signInThroughPage(site, reviewerApi, 'wangzg');
    const me = (await (await reviewerApi.request.get(`${site.url}/api/v1/me`)).json()) as {
      personId: string;
      csrfToken: string;
    };
    const headers = { 'x-csrf-token': me.csrfToken };
    const caseId = new URL(caseUrl).searchParams.get('case')!;
    const conclude = async (result: 'return' | 'approve', opinion: string) => {
      const gate = (await (
        await reviewerApi.request.get(`${site.url}/api/v1/reviews/cases/${caseId}`)
      ).json()) as { gate: { reviewId: string } };
      const reviewUrl = `${site.url}/api/v1/reviews/${gate.gate.reviewId}`;
      const assigned = await reviewerApi.request.post(`${reviewUrl}/assignment`, {
        headers,
        data: { reviewerId: me.personId },
      });
      expect(assigned.status(), await assigned.text()).toBe(200);
      const concluded = await reviewerApi.request.post(`${reviewUrl}/conclusion`, {
        headers,
        data: {
          result,
          findings: points.map((point) => ({
            point,
            finding: result === 'return' && point === 'facts' ? 'problem' : 'satisfied',
            note: result === 'return' && point === 'facts' ? '请补充进货凭证' : '已逐项核实',
          })),
          opinion,
        },
      });
      expect(concluded.status(), await concluded.text()).toBe(200);
    };
    // Returned: the case comes back with its facts; concluded again and resubmitted, nothing is retyped.
    await conclude('return', '请补充进货凭证，核实货值');
    await officer.reload();
    await takeStep(officer, '办理：调查终结', '调查终结', async (d) => {
      expect(await d.getByLabel('违法事实', { exact: true }).inputValue()).toBe(FACTS);
    });
    await submitAsItStands('请补充进货凭证，核实货值');
    await conclude('approve', '事实清楚，证据确凿，适用依据正确，程序合法，同意。');
    await reviewerApi.context().close();
    await officer.reload();
    await expect
      .poll(() => officer.getByTestId('case-state').innerText(), { timeout: 15_000 })
      .toBe('法制审核通过');

    // Notice of the proposed penalty; the party waives statement, defence and hearing in writing. The
    // step issues its 行政处罚告知书, filled from the case.
    await takeStep(officer, '办理：告知拟处罚及陈述、申辩、听证权利', '已告知', async (d) => {
      // The proposed sanctions (行政处罚法 §44) are the reviewed ones, not typed again: a 70,000-yuan fine
      // on a company carries no hearing right.
      expect(await d.getByLabel('金额（元） 1').inputValue()).toBe('70000.00');
      await d.getByText('不属于听证范围').waitFor();
      await d.getByLabel('当事人书面放弃陈述、申辩和听证').click();
      await d.getByText('行政处罚告知书').first().waitFor();
    });

    // The agency's head decides (the item's discretion benchmark asks for the circumstance); the decision
    // issues its 行政处罚决定书 from the case.
    const head = await newPage(site);
    await signInThroughPage(site, head, 'juzhang');
    await head.goto(caseUrl);
    await head.getByRole('button', { name: '作出决定', exact: true }).click();
    const decision = head.getByRole('dialog', { name: '作出处罚决定' });
    await decision.getByLabel('金额（元）').fill('70000');
    await choose(head, decision.getByLabel('裁量情节'), '一般处罚');
    await decision.getByText('行政处罚决定书').first().waitFor();
    const decided = head.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/api/v1/cases/'),
    );
    await decision.getByRole('button', { name: '作出决定' }).click();
    const answer = await decided;
    expect(answer.status(), await answer.text()).toBeLessThan(300);
    await decision.waitFor({ state: 'detached', timeout: 30_000 }).catch(async (error: unknown) => {
      throw new Error(`作出决定: ${await decision.innerText()}`, { cause: error });
    });
    await expect
      .poll(() => head.getByTestId('case-state').innerText(), { timeout: 15_000 })
      .toBe('已作出决定');
    await head.context().close();

    // The decision document, sealed once in the log, downloads with every section filled (行政处罚法 §59).
    const sealNow = () =>
      sealPendingDocuments({
        db: site.database.db,
        clock: systemClock,
        staging: testStagingKey,
        blobs: localBlobStore(blobRootOf(dataDir)),
      });
    await site.integrate();
    await sealNow();
    await site.integrate();
    await officer.reload();
    const decisionRow = officer.getByRole('row', { name: /行政处罚决定书/ });
    const downloadingDecision = officer.waitForEvent('download', { timeout: 60_000 });
    await decisionRow.getByRole('button', { name: /\.docx/ }).click();
    const decisionFile = await (await downloadingDecision).path();
    const decisionText = new PizZip(fs.readFileSync(decisionFile))
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    for (const part of [
      '名称：衡县好又多超市有限公司',
      `统一社会信用代码：${CREDIT_CODE}`,
      '依法立案调查',
      `经查，${FACTS}`,
      '上述事实，主要有以下证据证明',
      '现场笔录证明当事人销售超过保质期的食品',
      '书面表示放弃陈述、申辩',
      '罚款人民币柒万元整（¥70,000.00）',
      '十五日内',
      '申请行政复议',
      '提起行政诉讼',
      '国家企业信用信息公示系统',
      '衡阳县市场监督管理局',
    ])
      expect(decisionText, part).toContain(part);

    // The party's address is not on record: the 送达回证 the step issues takes its place from the officer.
    await takeStep(officer, '办理：送达决定书', '已送达', async (d) => {
      await choose(officer, d.getByLabel('送达方式', { exact: true }), '直接送达');
      await d.getByRole('button', { name: /^送达回证/ }).click();
      await d.getByLabel('送达回证：送达地点').fill('衡县城关镇解放路 8 号');
    });
    await takeStep(officer, '办理：执行（缴纳罚款）', '已执行', (d) =>
      d.getByLabel('金额（元）').fill('70000'),
    );
    await takeStep(officer, '办理：结案', '已结案');

    // 组卷 once the documents so far are in the log (the server's integrator does this every second; the
    // test integrates by hand), then 归档 once the case file's own documents are in it too.
    await site.integrate();
    await officer.reload();
    const assembling = officer.waitForResponse((r) => r.url().endsWith('/api/v1/case-files'), {
      timeout: 60_000,
    });
    await officer.getByRole('button', { name: /组\s*卷$/ }).click();
    const assembled = await assembling;
    expect(assembled.status(), await assembled.text()).toBe(200);
    await officer
      .getByText(/已组卷/)
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`组卷: ${await officer.locator('body').innerText()}`, { cause: error });
      });
    // The case file's documents are sealed (their .docx made, the verification code printed) once their
    // issue entries are integrated: integrate until every document of the case shows its code.
    // What `sanxiang serve` does after each integration (src/documents/sealer.ts), done here by hand.
    const seal = () =>
      sealPendingDocuments({
        db: site.database.db,
        clock: systemClock,
        staging: testStagingKey,
        blobs: localBlobStore(blobRootOf(dataDir)),
      });
    for (let round = 0; round < 5; round++) {
      await site.integrate();
      await seal();
      await officer.reload();
      await officer.getByTestId('case-state').waitFor();
      if ((await officer.getByTestId('verification-code').count()) >= 6) break;
      await officer.waitForTimeout(500);
    }
    // 法制审核表, 行政处罚决定书, and the case file's cover, index, evidence list and notes sheet.
    expect(await officer.getByTestId('verification-code').count()).toBeGreaterThanOrEqual(6);
    await takeStep(officer, '办理：归档', '已归档');

    // Export the case file from the page and check it offline, as `sanxiang verify-file` does.
    await site.integrate();
    await seal();
    await officer.reload();
    const downloading = officer.waitForEvent('download', { timeout: 120_000 });
    const exported = officer.waitForResponse((r) => r.url().includes('/case-files/export'), {
      timeout: 120_000,
    });
    await officer.getByRole('button', { name: '导出电子卷宗' }).click();
    const exportAnswer = await exported;
    expect(exportAnswer.status(), exportAnswer.ok() ? '' : await exportAnswer.text()).toBe(200);
    const file = path.join(dataDir, 'case-file.zip');
    await (await downloading).saveAs(file);
    const zip = fs.readFileSync(file);
    expect(verifyCaseFileZip(zip)).toMatchObject({ ok: true, problems: [] });
    const good = await verifyFileCli(file);
    expect(good.code, good.out).toBe(0);

    // One changed byte of one document: refused, naming it.
    const manifest = JSON.parse(new PizZip(zip).file('manifest.json')!.asText()) as Manifest;
    const target = manifest.items.find((i) => i.title === '行政处罚决定书')!;
    const tampered = new PizZip(zip);
    const bytes = Buffer.from(tampered.file(target.path)!.asUint8Array());
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x01;
    tampered.file(target.path, bytes, { binary: true });
    const bad = path.join(dataDir, 'bad.zip');
    fs.writeFileSync(bad, tampered.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const refused = await verifyFileCli(bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(target.path);

    // Every event of the case is in the log, each checked by the browser.
    await expect
      .poll(() => officer.getByText('✓ 已核验').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(12);
    expect(await officer.getByText('✗ 未通过').count()).toBe(0);
    await officer.context().close();
  }, 240_000);
});
