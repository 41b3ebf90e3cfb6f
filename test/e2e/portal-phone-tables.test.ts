import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './browser.ts';

interface Sizes {
  cellWidth: number;
  fontSize: number;
  scrolls: boolean;
  pageWidth: number;
}

/** Run in the page: the first table's first body cell, and whether its wrapper or the page scrolls. */
const MEASURE = `(() => {
  const wrapper = document.querySelector('.scroll');
  const cell = wrapper.querySelector('tbody th, tbody td');
  return {
    cellWidth: cell.getBoundingClientRect().width,
    fontSize: Number.parseFloat(getComputedStyle(cell).fontSize),
    scrolls: wrapper.scrollWidth > wrapper.clientWidth,
    pageWidth: document.documentElement.scrollWidth,
  };
})()`;

/**
 * The portal's tables on a phone (newcomer walk-through problem 1): at 390 px the publication list squeezed
 * its 标题 column to one character a line. The table keeps readable columns and scrolls sideways instead.
 */
describe('portal tables on a phone (browser, 390 px)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  const measure = async (path: string) => {
    const context = await site.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.url}${path}`);
    const sizes = await page.evaluate<Sizes>(MEASURE);
    await context.close();
    return sizes;
  };

  it('keeps the title of a publication wider than four characters, scrolling the table, not the page', async () => {
    const s = await measure('/publications');
    expect(s.cellWidth).toBeGreaterThan(4 * s.fontSize);
    expect(s.scrolls).toBe(true);
    expect(s.pageWidth).toBeLessThanOrEqual(390);
  });

  it('does the same for an agency’s power list', async () => {
    const bureau = await site.database.db
      .withoutPlugins()
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '衡阳县市场监督管理局')
      .executeTakeFirstOrThrow();
    const s = await measure(`/agencies/${bureau.id}/powers`);
    expect(s.cellWidth).toBeGreaterThan(4 * s.fontSize);
    expect(s.pageWidth).toBeLessThanOrEqual(390);
  });
});
