import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';

/** One browser for the tests of a `describe` block: launched before them, closed after; call the result to get it. */
export function browserForTests(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser as Browser;
}

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's colour-contrast rule over what the page shows now (at its size, in its colour scheme): the elements that fail, and why. */
export async function contrastFailures(page: Page): Promise<{ target: string; summary: string }[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: await AXE_SOURCE });
  return page.evaluate(`axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })
    .then(({ violations }) => violations.flatMap((v) => v.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary }))))`);
}

/** Every axe-core rule of WCAG 2 A and AA over what the page shows now: the rules that fail, and where. */
export async function accessibilityViolations(page: Page): Promise<{ rule: string; targets: string[] }[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: await AXE_SOURCE });
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
    .then(({ violations }) => violations.map((v) => ({ rule: v.id, targets: v.nodes.map((node) => node.target.join(' ')) })))`);
}
