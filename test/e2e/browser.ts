import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createSanxiang, webRoot } from '../../src/app.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { integrateAll } from '../../src/platform/record-log/integrator.ts';
import { generateNoteKeys, parseSignerKey } from '../../src/platform/record-log/note.ts';
import { freshDatabase } from '../databases.ts';
import { testEnv, testStagingKey } from '../test-env.ts';

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser) against the real server, listening on
 * 127.0.0.1 with the built workbench and the demo loaded.
 */
export interface Site {
  url: string;
  browser: Browser;
  database: Database;
  /** Integrates what was recorded so far into the record log and signs a checkpoint (the server's loop does this). */
  integrate(): Promise<void>;
  close(): Promise<void>;
}

const LOG_ORIGIN = 'e2e.sanxiang.example/log';

/** Browser tests run the built workbench: refuse a missing or stale build rather than test old pages. */
function assertWorkbenchBuilt(): void {
  const built = path.join(webRoot, 'index.html');
  if (!fs.existsSync(built)) {
    throw new Error(
      `${built} is missing: \`npm ci\` builds the workbench (the prepare script), or run \`npm run prepare\``,
    );
  }
  const sources = path.resolve(webRoot, '../src');
  const newest = Math.max(
    ...fs
      .readdirSync(sources, { recursive: true, encoding: 'utf8' })
      .map((f) => fs.statSync(path.join(sources, f)).mtimeMs),
  );
  if (newest > fs.statSync(built).mtimeMs) {
    throw new Error('the workbench in web/dist is older than web/src: run `npm run build:web` to rebuild it');
  }
}

/** `dataDir`: where evidence bytes go (DATA_DIR); tests that upload pass a temporary one. */
export async function startSite(options: { dataDir?: string } = {}): Promise<Site> {
  assertWorkbenchBuilt();
  const database = await freshDatabase('pglite');
  await loadDemo({ db: database.db, clock: systemClock, staging: testStagingKey });
  const keys = generateNoteKeys(LOG_ORIGIN);
  const signers = [parseSignerKey(keys.signerKey)];
  const app = await createSanxiang({
    db: database.db,
    staging: testStagingKey,
    config: loadConfig({ ...testEnv, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) }),
    serveWeb: true,
    recordLog: { verifierKeys: [keys.verifierKey], origin: LOG_ORIGIN },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: `http://127.0.0.1:${port}`,
    browser,
    database,
    integrate: async () => {
      await integrateAll({
        db: database.db,
        clock: systemClock,
        staging: testStagingKey,
        signers,
        origin: LOG_ORIGIN,
      });
    },
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

export async function newPage(site: Site): Promise<Page> {
  const context = await site.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

/**
 * Chooses an option of an antd Select or Radio.Group. A radio group (role radiogroup, named by its
 * aria-label): clicks the option whose label is exactly `option` and waits until its radio is checked. A
 * Select: opens the field, clicks the option in the dropdown now open (not a hidden one left from an earlier
 * select), and waits until the field shows it. On a busy machine a click can land while the dropdown is
 * still sliding open and be lost; then it opens the field again and retries, so a choice that never takes
 * fails here, at the choice, and not steps later.
 */
export async function choose(page: Page, field: Locator, option: string): Promise<void> {
  if ((await field.getAttribute('role')) === 'radiogroup') {
    const exact = new RegExp(`^\\s*${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    await field.locator('label', { hasText: exact }).click();
    await expect.poll(() => field.getByRole('radio', { name: option, exact: true }).isChecked()).toBe(true);
    return;
  }
  const shown = field.locator(`xpath=ancestor::*[contains(@title, "${option}")]`); // the shown value
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await open.count()) === 0) await field.click();
    const item = open.locator('.ant-select-item-option', { hasText: option }).first();
    await item.click({ timeout: 10_000 }).catch(() => undefined);
    const took = await shown
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (took) {
      if ((await open.count()) > 0) await field.blur().catch(() => undefined);
      return;
    }
  }
  await shown.first().waitFor({ timeout: 1_000 });
}

/**
 * Types a date into an antd DatePicker and presses Enter, then waits until the field holds it and its panel
 * has closed: on a busy machine a value typed before the panel opened is dropped on blur, and the form then
 * fails its own validation without a request, steps later.
 */
export async function pickDate(page: Page, field: Locator, date: string): Promise<void> {
  await field.click();
  await page.locator('.ant-picker-dropdown:visible').first().waitFor();
  await field.fill(date);
  await field.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(date);
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

/** TOTP secrets the pages showed at enrolment, per site and username. */
const totpSecrets = new WeakMap<Site, Map<string, string>>();

/** The instant whose code each user last sent: a code is accepted once, so the next one is a later step's. */
const lastTotpAt = new Map<string, number>();

async function freshTotpCode(secret: string, username: string): Promise<string> {
  const at = Math.max(Date.now(), (lastTotpAt.get(username) ?? 0) + 30_000);
  lastTotpAt.set(username, at);
  // The server takes a code one step either side of its clock: a third sign-in within a step waits for it.
  const early = at - 30_000 - Date.now();
  if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  return totpCode(secret, new Date(at));
}

/**
 * Signs in through the page. An administrator's first sign-in binds TOTP from the secret the page shows;
 * later sign-ins answer the TOTP step with a code from that secret.
 */
export async function signInThroughPage(site: Site, page: Page, username: string): Promise<void> {
  const secrets = totpSecrets.get(site) ?? new Map<string, string>();
  totpSecrets.set(site, secrets);
  await page.goto(`${site.url}/app/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const known = secrets.get(username);
  if (known) {
    await page.getByLabel('动态验证码').fill(await freshTotpCode(known, username));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
  await page.waitForURL(/totp-enrolment|org\//);
  if (page.url().includes('totp-enrolment')) {
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    secrets.set(username, secret);
    await page.getByLabel('动态验证码').fill(await freshTotpCode(secret, username));
    await page.getByRole('button', { name: /确\s*认|绑\s*定/ }).click();
    await page.waitForURL(/org\//);
  }
}
