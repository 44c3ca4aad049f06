/**
 * What every browser test of the site shares: Debian's Chromium (required in
 * CI, skipped with a printed reason elsewhere), axe-core in the page, and the
 * 360/1280 px screenshots kept in artifacts/web/ (gitignored) with the check
 * that nothing is wider than a 360 px screen.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
export const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') {
  throw new Error(
    `Chromium not found at ${CHROMIUM}: CI must install Debian's chromium (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH`,
  );
}
if (!available) {
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_PATH)`,
  );
}

export const ARTIFACTS = join(__dirname, '..', '..', '..', 'artifacts', 'web');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core in the page (WCAG 2.0/2.1 A and AA rules and best practices): no
 * violation. It needs JavaScript: check pages in a JS-enabled context.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = (await page.evaluate(
    `${AXE};axe.run(document,{runOnly:{type:'tag',values:['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']}}).then(r=>r.violations.map(v=>({id:v.id,help:v.help,nodes:v.nodes.map(n=>({target:n.target}))})))`,
  )) as AxeViolation[];
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
}

/** Screenshots at 360 and 1280 px; at 360, nothing may be wider than the screen. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const before = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    if (width === 360) {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect({ url: page.url(), tooWide: scrollWidth > 360 ? scrollWidth : null }).toEqual({
        url: page.url(),
        tooWide: null,
      });
    }
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
