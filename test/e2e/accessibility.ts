import type { Page } from 'playwright-core';

export interface AccessibilityFindings {
  lang: string | null;
  /** Form controls a screen reader cannot name (no <label>, aria-label or aria-labelledby). */
  unlabelled: string[];
  /** Heading levels in document order, e.g. [1, 2, 2]. */
  headings: number[];
  /** Images (img, svg) that are neither named nor hidden from assistive technology. */
  unnamedImages: string[];
}

/**
 * Runs in the page (as a string: the project's TypeScript has no DOM types). Controls of type hidden,
 * submit and button are named by their value or text, not a label; anything under aria-hidden is skipped.
 */
const READ_PAGE = `(() => {
  const describe = (el) => el.tagName.toLowerCase() + '#' + (el.id || '?') + '[name=' + (el.getAttribute('name') || '') + ']';
  const hidden = (el) => !!el.closest('[aria-hidden="true"]');
  const named = (el) => !!(el.getAttribute('aria-label') || '').trim() || el.hasAttribute('aria-labelledby');
  const unlabelled = [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => !(el.tagName === 'INPUT' && ['hidden', 'submit', 'button'].includes(el.type)))
    .filter((el) => !hidden(el))
    .filter((el) => ![...(el.labels || [])].some((l) => (l.textContent || '').trim()) && !named(el))
    .map(describe);
  const unnamedImages = [...document.querySelectorAll('img, svg')]
    .filter((el) => !hidden(el))
    .filter((el) => (el.tagName === 'IMG' ? !el.hasAttribute('alt') : !named(el) && !el.querySelector('title')))
    .map(describe);
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  return { lang: document.documentElement.getAttribute('lang'), unlabelled, headings, unnamedImages };
})()`;

/**
 * The basics of an accessible portal page, read from the page as the browser built it: the language, a
 * name for every form control and image, and the heading levels in order.
 */
export async function accessibilityFindings(page: Page): Promise<AccessibilityFindings> {
  return page.evaluate<AccessibilityFindings>(READ_PAGE);
}

/** One h1 first, and no heading skips a level on the way down (h1 → h3 is a skip; h3 → h2 is fine). */
export function headingsInOrder(levels: readonly number[]): boolean {
  if (levels[0] !== 1 || levels.filter((l) => l === 1).length !== 1) return false;
  return levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1);
}

/** Fails with what is wrong, so a test's message names the control or heading to fix. */
export async function expectAccessibleBasics(page: Page): Promise<AccessibilityFindings> {
  const found = await accessibilityFindings(page);
  const problems = [
    ...(found.lang === 'zh-CN' ? [] : [`lang="${found.lang}" (should be zh-CN)`]),
    ...found.unlabelled.map((c) => `form control without a label: ${c}`),
    ...found.unnamedImages.map((c) => `image without a name: ${c}`),
    ...(headingsInOrder(found.headings) ? [] : [`headings out of order: ${found.headings.join(' ')}`]),
  ];
  if (problems.length > 0) throw new Error(`${page.url()}: ${problems.join('; ')}`);
  return found;
}
