import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): playwright's own downloads cannot be fetched here. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or undefined when they can. Without Chromium they are skipped on a
 * developer's machine, but fail under CI (CI set), where .ci/run installs it.
 */
export const browserSkipReason: string | undefined =
  !existsSync(chromiumPath) && (process.env['CI'] ?? '') === ''
    ? 'Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)'
    : undefined;

if (browserSkipReason !== undefined) console.warn(`Skipping the browser tests: ${browserSkipReason}.`);

/**
 * Debian's Chromium, headless. Without the background-networking flags Chromium reaches for Google's
 * services, and on a closed network those connections are refused.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing, and CI is set: install it (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where the browser tests save screenshots of the main states (git ignores it), for people to look at. */
export const screenshotDir = path.resolve('test-output', 'web');

/** Saves a screenshot as `test-output/web/<name>.png`: the whole page, or what is in view when `fullPage` is false. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** Collects what the page reports as errors (uncaught exceptions, console errors such as CSP refusals). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
