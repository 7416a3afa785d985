import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { fromRoot } from '../../src/config/paths.js';

/** Debian's Chromium (no browser downloads); CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the machines need for a headless Chromium (product.md, technical frame). */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium for one test file; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags, headless: true });
}

/** Where screenshots of the journeys go (kept by CI as artifacts). */
export const screenshotDirectory = fromRoot('artifacts', 'screenshots');

/** Saves a full-page screenshot as artifacts/screenshots/<name>.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDirectory, { recursive: true });
  const file = path.join(screenshotDirectory, `${name.replace(/[^a-z0-9_-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One accessibility rule broken on a page, with where. */
export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page against WCAG 2.0/2.1 A and AA and returns the violations whose
 * impact is serious or critical (the bar). Assert the result is empty.
 */
export async function seriousAccessibilityViolations(
  page: Page,
): Promise<AccessibilityViolation[]> {
  // addScriptTag would be refused by the pages' content security policy; evaluate is not.
  await page.evaluate(axeSource);
  // A string, not a function: this file is compiled without the DOM library.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  })()`)) as AccessibilityViolation[];
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/**
 * Post/redirect/get of a refused form in a browser (issue 18, point 11): runs `submit` (a click
 * that sends the form), checks that the POST answered 303 to `path` (the page's own path, its
 * query ignored) and that the GET it led to shows the refusal (422 unless `status` says), and
 * waits for that page. Then a reload is a plain GET: it cannot send the form again.
 */
export async function submitRefusedForm(
  page: Page,
  path: string,
  submit: () => Promise<unknown>,
  status = 422,
): Promise<void> {
  const pathOf = (url: string) => new URL(url).pathname;
  const [posted, shown] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.waitForResponse(
      (response) => response.request().method() === 'GET' && pathOf(response.url()) === path,
    ),
    submit(),
  ]);
  expect(posted.status()).toBe(303);
  expect(pathOf(new URL(posted.headers()['location'] ?? '', posted.url()).href)).toBe(path);
  expect(shown.status()).toBe(status);
  await page.waitForLoadState();
}
