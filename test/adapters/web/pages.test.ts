import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyId } from '../../support/builders.js';
import { hostileArticle, squash, storyBot, testServer, type TestServer } from '../../fakes/web/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await testServer(await storyBot({ extra: [hostileArticle] }));
});

afterAll(async () => {
  await server.app.close();
});

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe('the reader’s page', () => {
  it('serves / with a labelled question box, a live status line, and its script as a file, never inline', async () => {
    const reply = await get('/');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<label for="question">Your question</label>');
    expect(reply.body).toContain('role="status" aria-live="polite"');
    expect(reply.body).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(reply.body.match(/<script/g)).toHaveLength(1);
    expect(reply.body).not.toMatch(/ on[a-z]+=/);
  });

  it('serves the compact /embed form and the script that puts it on a news site', async () => {
    const embed = await get('/embed');
    expect(embed.body).toContain('<body class="ask-page embed">');
    expect(embed.body).not.toContain('site-header');
    const loader = await get('/assets/embed.js');
    expect(loader.statusCode).toBe(200);
    expect(loader.headers['content-type']).toBe('application/javascript; charset=utf-8');
  });

  it('serves the page’s modules and style sheet', async () => {
    for (const file of ['app.js', 'api.js', 'answer-view.js', 'style.css', 'favicon.svg'])
      expect((await get(`/assets/${file}`)).statusCode).toBe(200);
    expect((await get('/assets/../server.ts')).statusCode).toBe(404);
  });
});

describe('the reading view', () => {
  it('shows every paragraph with its number and marks the cited one for eyes and screen readers', async () => {
    const reply = await get(`/read/${storyId}?p=23`);
    expect(reply.statusCode).toBe(200);
    const page = squash(reply.body);
    expect(reply.body).toContain('<h1>The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels</h1>');
    expect(reply.body.match(/<p id="p\d+" class="paragraph/g)).toHaveLength(36);
    expect(page).toMatch(/<p id="p23" class="paragraph marked" aria-current="true">/);
    expect(page).toContain('<span class="visually-hidden">Cited paragraph 23: </span>');
    expect(reply.body).toContain('The answer cited <a href="#p23">paragraph 23</a>');
    expect(reply.body).not.toContain('<script');
  });

  it('says so when the cited paragraph is no longer there', async () => {
    expect((await get(`/read/${storyId}?p=99`)).body).toContain('This article has no paragraph 99 any more');
  });

  it('shows markup in an article as text, and links no javascript: address', async () => {
    const reply = await get('/read/hostile-page?p=1');
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain('Harbour &lt;script&gt;window.__pwned = &quot;title&quot;&lt;/script&gt; report');
    expect(reply.body).toContain('&lt;img src=x onerror=&quot;window.__pwned = &#39;img&#39;&quot;&gt;');
    expect(reply.body).toContain('The &lt;b&gt;Bold&lt;/b&gt; Gazette');
    expect(reply.body).not.toContain('href="javascript:');
    expect(reply.body).not.toContain('Read the original');
    expect(reply.body).not.toMatch(/<(script|img|b)[\s>]/);
  });

  it('answers 404 with a page for an article the corpus does not have', async () => {
    const reply = await get('/read/no-such-article');
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toContain('There is no such article; it may have been removed from the corpus.');
  });
});
