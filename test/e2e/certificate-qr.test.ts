import jsqr from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessibleBasics } from './accessibility.ts';
import { newPage, startSite, type Site } from './browser.ts';

// jsqr is CommonJS: its exports are the function, with `default` pointing to itself.
const jsQR = jsqr.default;

/**
 * 亮证执法 (S-3): a citizen scans the QR code on an officer's printed card and the page it opens says whether
 * the certificate is valid today. The code is read from the card as printed (drawn and decoded, not taken
 * from the page's text), and the status page is read once with JavaScript switched off.
 */
/** Draws the card's QR code (an inline SVG) on a canvas with a white quiet zone; runs in the page. */
const DRAW_CARD_QR = `(async () => {
  const svg = document.querySelector('.card .qr svg');
  if (!svg) return null;
  const size = 480;
  const pad = 40;
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size + 2 * pad;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, pad, pad, size, size);
  const data = g.getImageData(0, 0, canvas.width, canvas.height);
  return { width: data.width, height: data.height, rgba: Array.from(data.data) };
})()`;

async function decodeCardQr(page: Page): Promise<string> {
  const image = await page.evaluate<{ width: number; height: number; rgba: number[] } | null>(DRAW_CARD_QR);
  if (!image) throw new Error('the card has no QR code');
  const code = jsQR(Uint8ClampedArray.from(image.rgba), image.width, image.height);
  if (!code) throw new Error('the card has no readable QR code');
  return code.data;
}

/** From the portal's officers list to the person's certificate page, then its printable card. */
async function openCard(site: Site, page: Page, name: string): Promise<{ number: string; state: string }> {
  await page.goto(`${site.url}/`);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '执法人员' }).click();
  await page.getByRole('link', { name: '衡阳县市场监督管理局' }).click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  const state = (await row.locator('td').last().innerText()).trim();
  const link = row.getByRole('link');
  const number = (await link.innerText()).trim();
  await link.click();
  await page.getByRole('heading', { name: '执法证核验' }).waitFor();
  await page.getByRole('link', { name: '打印执法人员公示卡' }).click();
  await page.getByRole('heading', { name: '执法人员公示卡' }).waitFor();
  expect(await page.locator('.card').innerText()).toContain(name);
  await expectAccessibleBasics(page);
  return { number, state };
}

describe('portal journey: a citizen scans an officer card and sees whether the certificate is valid today', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('冯雪 (certificate suspended): the QR page says it is not valid, also without JavaScript', async () => {
    const page = await newPage(site);
    const { number, state } = await openCard(site, page, '冯雪');
    expect(state).toBe('已暂扣');
    const url = await decodeCardQr(page);
    expect(url).toBe(`${site.url}/certificates/${number}`);
    await page.context().close();

    // A phone with JavaScript off (or a very old one) opens the scanned address.
    const context = await site.browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const phone = await context.newPage();
    const response = await phone.goto(url);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-cache'); // the state changes with the day
    const result = phone.locator('.result[role=status]');
    expect(await result.getAttribute('class')).toContain('bad');
    const said = await result.innerText();
    expect(said).toContain('已暂扣');
    expect(said).toContain('该执法证不在有效状态');
    expect(said).toContain('不得从事行政执法');
    expect(said).not.toContain('✓');
    const facts = await phone.locator('dl.facts').innerText();
    expect(facts).toContain('冯雪');
    expect(facts).toContain(number);
    await expectAccessibleBasics(phone);
    await context.close();
  });

  it('张伟 (certificate valid): the QR page says it is valid', async () => {
    const page = await newPage(site);
    const { number, state } = await openCard(site, page, '张伟');
    expect(state).toBe('有效');
    const url = await decodeCardQr(page);
    expect(url).toBe(`${site.url}/certificates/${number}`);
    await page.goto(url);
    const result = page.locator('.result[role=status]');
    expect(await result.getAttribute('class')).toContain('ok');
    const said = await result.innerText();
    expect(said).toContain('✓ 有效');
    expect(said).toContain('该执法证有效');
    expect(await page.locator('dl.facts').innerText()).toContain('张伟');
    await expectAccessibleBasics(page);
    await page.context().close();
  });
});
