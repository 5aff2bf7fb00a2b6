import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsageLog, UsageLog } from '../../../src/index.js';
import { startWeb, type RunningWeb } from '../../../adapters/web/start.js';
import { recordingLogger, storyId, tempDirs } from '../../support/builders.js';
import { browserSkipReason, launchChromium, pageErrors, screenshot } from '../../fakes/web/browser.js';
import { adminToken, hostileArticle, storyBot, webConfig } from '../../fakes/web/server.js';

const answeredQuestion = "Who is Mexico's security chief?";
const closestQuestion = 'What did the Senate not delay?';
const declinedQuestion = 'guacamole recipe';
const skipped = browserSkipReason === undefined ? '' : ` (skipped: ${browserSkipReason})`;

const dirs = tempDirs();
let browser: Browser;
let story: RunningWeb;
let hostile: RunningWeb;
let usage: UsageLog;
let usageDir: string;

beforeAll(async () => {
  if (browserSkipReason !== undefined) return;
  usageDir = await dirs.make();
  usage = new UsageLog(usageDir);
  const env = { WEB_ADMIN_TOKEN: adminToken, USAGE_LOG_DIR: usageDir, WEB_RATE_LIMIT: '0' };
  [browser, story, hostile] = await Promise.all([
    launchChromium(),
    storyBot({ usage }).then((bot) => startWeb({ config: webConfig(env), bot, logger: recordingLogger().log })),
    storyBot({ extra: [hostileArticle] }).then((bot) => startWeb({ config: webConfig(), bot, logger: recordingLogger().log })),
  ]);
}, 60_000);

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await Promise.all([browser?.close(), story?.stop(), hostile?.stop()]);
  await dirs.cleanup();
});

/** A fresh page (its own context: no session storage carried over) on `web`, recording its errors. */
async function open(
  web: RunningWeb,
  path = '/',
  options: { width?: number; dark?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1000, height: 800 },
    colorScheme: options.dark === true ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${web.url}${path}`);
  return { page, errors };
}

/** Types `question` in the labelled box, presses Enter, and waits until the answer to it is shown. */
async function ask(page: Page, question: string): Promise<void> {
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
  await waitForAnswerTo(page, question);
}

async function waitForAnswerTo(page: Page, question: string): Promise<void> {
  // Polled from here: waitForFunction would evaluate a string in the page, which the page's CSP forbids.
  await expect
    .poll(
      () =>
        page
          .locator('#answer q')
          .textContent({ timeout: 1_000 })
          .catch(() => null),
      { timeout: 15_000 },
    )
    .toBe(question);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** Evaluates a JavaScript expression in the page (a string: the tests are compiled without the DOM's types). */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(expression);

describe.skipIf(browserSkipReason !== undefined)(`the reader’s page in Chromium${skipped}`, { timeout: 60_000 }, () => {
  it('asks and shows a cited answer with the matched words highlighted, announced in the status line', async () => {
    const { page, errors } = await open(story);
    await expect.poll(() => text(page, '#sources')).toContain('Answering from “The U.S. Is Pressing Mexico');
    await ask(page, answeredQuestion);
    expect(await text(page, '#answer-heading')).toBe('The story says');
    expect(await text(page, '#status')).toMatch(/^Answered with \d passages? from the story\.$/);
    expect(await page.locator('#answer .excerpt').first().innerText()).toContain('Omar García Harfuch');
    expect(await page.locator('#answer .excerpt').first().locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['security', 'chief']),
    );
    const citation = page.locator('#answer .citation a').first();
    expect(await citation.innerText()).toBe('The New York Times, “The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels”, ¶23');
    expect(await citation.getAttribute('href')).toBe(`/read/${storyId}?p=23#p23`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(answeredQuestion);
    await screenshot(page, 'answered');
    expect(errors).toEqual([]);
  });

  it('shows the closest tier plainly, as “the closest it comes”', async () => {
    const { page } = await open(story);
    await ask(page, closestQuestion);
    expect(await text(page, '#answer-heading')).toBe('The closest the story comes');
    expect(await text(page, '#answer .caveat')).toBe('I’m not sure the story answers that. The closest it comes:');
    expect(await page.locator('#answer .result').count()).toBeGreaterThan(0);
    await screenshot(page, 'closest');
  });

  it('declines with suggestions that ask themselves when clicked', async () => {
    const { page } = await open(story);
    await ask(page, declinedQuestion);
    expect(await text(page, '#answer-heading')).toBe('The story doesn’t say');
    const suggestions = page.locator('#answer button.suggestion');
    expect(await suggestions.count()).toBeGreaterThan(0);
    await screenshot(page, 'declined');
    const suggestion = await suggestions.first().innerText();
    await suggestions.first().click();
    await waitForAnswerTo(page, suggestion);
    expect(await page.getByLabel('Your question').inputValue()).toBe(suggestion);
    expect(await text(page, '#answer-heading')).not.toBe('The story doesn’t say');
  });

  it('follows a citation to the reading view with the paragraph marked and in view, and comes back to the same answer', async () => {
    const { page, errors } = await open(story);
    await ask(page, answeredQuestion);
    await page.locator('#answer .citation a').first().click();
    await page.waitForURL(/\/read\/us-presses-mexico-on-cartels\?p=23#p23$/);
    const marked = page.locator('#p23');
    expect(await marked.getAttribute('class')).toBe('paragraph marked');
    expect(await marked.getAttribute('aria-current')).toBe('true');
    const inView = "(({ top, bottom }) => top >= 0 && bottom <= innerHeight)(document.querySelector('#p23').getBoundingClientRect())";
    await expect.poll(() => inPage(page, inView)).toBe(true);
    await screenshot(page, 'reading-view', false);
    await page.goBack();
    await waitForAnswerTo(page, answeredQuestion);
    expect(await text(page, '#answer-heading')).toBe('The story says');
    expect(errors).toEqual([]);
  });

  it('records Helpful on the cited paragraph in the usage log, and thanks the reader', async () => {
    const { page } = await open(story);
    await ask(page, answeredQuestion);
    await page.getByRole('button', { name: 'Helpful', exact: true }).click();
    await expect.poll(() => text(page, '#status')).toBe('Thanks — noted.');
    expect(await page.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Not helpful' }).isDisabled()).toBe(true);
    await usage.flush();
    expect(await readUsageLog(usageDir)).toContainEqual(
      expect.objectContaining({ kind: 'feedback', platform: 'web', helpful: true, cited: { documentId: storyId, paragraph: 23 } }),
    );
  });

  it('works by keyboard alone: skip link, question, citation, Helpful, and a suggestion', async () => {
    const { page } = await open(story);
    await page.keyboard.press('Tab');
    expect(await inPage(page, 'document.activeElement?.textContent')).toBe('Skip to the question');
    await page.keyboard.press('Enter');
    await expect.poll(() => inPage(page, 'document.activeElement?.id')).toBe('question');
    await page.keyboard.type(answeredQuestion);
    await page.keyboard.press('Enter');
    await waitForAnswerTo(page, answeredQuestion);
    const focused = () => inPage<string>(page, "document.activeElement?.textContent ?? ''");
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Ask');
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('¶');
    while (!(await focused()).startsWith('Helpful')) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '#status')).toBe('Thanks — noted.');
    await page.keyboard.down('Shift');
    while ((await focused()) !== 'Ask') await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(declinedQuestion);
    await page.keyboard.press('Enter');
    await waitForAnswerTo(page, declinedQuestion);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const suggestion = await focused();
    expect(await inPage(page, 'document.activeElement?.className')).toBe('suggestion');
    await page.keyboard.press('Space');
    await waitForAnswerTo(page, suggestion);
  });

  it('fits a phone’s width without sideways scrolling, and follows a dark colour scheme', async () => {
    const { page } = await open(story, `/?q=${encodeURIComponent(answeredQuestion)}`, { width: 360, dark: true });
    await waitForAnswerTo(page, answeredQuestion);
    expect(await inPage(page, 'document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    expect(await inPage(page, 'getComputedStyle(document.body).backgroundColor')).toBe('rgb(22, 22, 26)');
    await screenshot(page, 'phone-dark');
  });

  it('shows an article’s <script>, <img onerror> and javascript: link as inert text, in the answer and the reading view', async () => {
    const { page, errors } = await open(hostile);
    expect(await page.locator('#scope').isVisible()).toBe(true);
    await ask(page, 'What did the harbour master say about the lighthouse keeper?');
    const answer = page.locator('#answer');
    expect(await answer.innerText()).toContain('<script>window.__pwned = "script"</script>');
    expect(await answer.locator('img, script, a[href^="javascript"]').count()).toBe(0);
    expect(await answer.locator('.citation a').first().innerText()).toContain('Harbour <script>window.__pwned = "title"</script> report');
    await answer.locator('.citation a').first().click();
    await page.waitForURL(/\/read\/hostile-page/);
    const main = page.locator('main');
    expect(await main.innerText()).toContain('Divers found <img src=x onerror="window.__pwned = \'img\'"> an anchor');
    expect(await main.locator('img, script, a[href^="javascript"]').count()).toBe(0);
    expect(await inPage(page, 'window.__pwned')).toBeUndefined();
    await screenshot(page, 'hostile-reading-view');
    expect(errors).toEqual([]);
  });

  it('sits under a news site’s article through embed.js, in an iframe that grows with the answer', async () => {
    const site = await newsSite(story.url);
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.url);
      const frame = page.frameLocator('iframe[title="Ask about this story"]');
      const heightOf = async () => (await page.locator('iframe').boundingBox())?.height ?? 0;
      const before = await heightOf();
      await frame.getByLabel('Your question').fill(answeredQuestion);
      await frame.getByLabel('Your question').press('Enter');
      await frame.locator('#answer q').waitFor();
      await expect.poll(heightOf).toBeGreaterThan(before + 100);
      expect(await frame.locator('#answer .citation a').first().getAttribute('target')).toBe('_blank');
      await screenshot(page, 'embedded');
    } finally {
      await site.close();
    }
  });
});

describe.skipIf(browserSkipReason !== undefined)(`the admin page in Chromium${skipped}`, { timeout: 60_000 }, () => {
  it('refuses without the token, and shows the corpus and the charts with it', async () => {
    const { page, errors } = await open(story, '/admin');
    expect(await page.locator('h1').innerText()).toBe('Storybot admin');
    expect(await page.locator('svg.chart').count()).toBe(0);
    await page.getByLabel('Admin token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('That token is not right.');
    await page.getByLabel('Admin token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('svg.chart').waitFor();
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#corpus-heading').innerText()).toBe('Corpus');
    await page.getByRole('button', { name: 'Reload the corpus now' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Reloaded: every file is good.');
    await screenshot(page, 'admin');
    // Chromium reports the two 401 pages (no session, wrong token) as failed loads; nothing else may fail.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    expect(errors).toHaveLength(2);
  });
});

/** A stand-in news site on another origin: one article page with Storybot's embed script under it. */
async function newsSite(storybotUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gazette</title></head><body style="font-family:serif;max-width:44rem;margin:auto">
<h1>The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels</h1><p>(The article.)</p>
<script src="${storybotUrl}/assets/embed.js" data-article="${storyId}" async></script></body></html>`;
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
