import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storyId, tempDirs } from '../../support/builders.js';
import { adminToken, reloadableStoryBot, squash, storyBot, testServer } from '../../fakes/web/server.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const now = () => new Date('2026-01-20T12:00:00.000Z');
const withAdmin = { WEB_ADMIN_TOKEN: adminToken };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Signs in and returns the session cookie (name=value). */
async function signIn(app: Awaited<ReturnType<typeof testServer>>['app']): Promise<string> {
  const reply = await app.inject({ method: 'POST', url: '/admin/login', headers: form, payload: `token=${adminToken}` });
  expect(reply.statusCode).toBe(303);
  return String(reply.headers['set-cookie']).split(';')[0] ?? '';
}

describe('the admin page', () => {
  it('does not exist without WEB_ADMIN_TOKEN', async () => {
    const { app } = await testServer(await storyBot());
    expect((await app.inject({ method: 'GET', url: '/admin' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/admin/login', headers: form, payload: 'token=x' })).statusCode).toBe(404);
    await app.close();
  });

  it('refuses without the token: 401 and a sign-in form, and a wrong token is logged', async () => {
    const { app, log } = await testServer(await storyBot(), { env: withAdmin });
    const page = await app.inject({ method: 'GET', url: '/admin' });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('<label for="token">Admin token</label>');
    expect(page.body).not.toContain('Corpus');
    const wrong = await app.inject({ method: 'POST', url: '/admin/login', headers: form, payload: 'token=guess-guess-guess-guess' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That token is not right.');
    expect(log).toContainEqual(expect.objectContaining({ level: 'warn', code: 'web.admin_refused' }));
    expect(JSON.stringify(log)).not.toContain('guess-guess');
    const bearer = await app.inject({ method: 'GET', url: '/admin', headers: { authorization: 'Bearer wrong' } });
    expect(bearer.statusCode).toBe(401);
    await app.close();
  });

  it('signs in with a cookie that never holds the token, and shows the corpus and the charts', async () => {
    const { app } = await testServer(await storyBot(), { env: withAdmin, now });
    const login = await app.inject({ method: 'POST', url: '/admin/login', headers: form, payload: `token=${adminToken}` });
    expect(login.headers.location).toBe('/admin');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^storybot_admin=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(adminToken);
    const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(squash(page.body)).toContain('<dt>Articles</dt><dd>1</dd>');
    expect(page.body).toContain('The usage log is off (USAGE_LOG_DIR=off).');
    expect(page.body).toContain('Reload the corpus now');
    const scripted = await app.inject({ method: 'GET', url: '/admin', headers: { authorization: `Bearer ${adminToken}` } });
    expect(scripted.statusCode).toBe(200);
    await app.close();
  });

  it('draws the usage log: questions per day, what the corpus is missing, cited paragraphs and marks, all as text', async () => {
    const usageDir = await dirs.make();
    const entry = (kind: string, day: string, extra: object) =>
      JSON.stringify({ kind, time: `${day}T09:00:00.000Z`, platform: 'web', ...extra });
    const lines = [
      entry('declined', '2026-01-19', { question: '<img src=x onerror=alert(1)> recipe?' }),
      entry('declined', '2026-01-20', { question: '<img src=x onerror=alert(1)> recipe' }),
      entry('closest', '2026-01-20', { question: 'Street price of fentanyl?', cited: [{ documentId: storyId, paragraph: 4 }] }),
      entry('answered', '2026-01-20', { cited: [{ documentId: storyId, paragraph: 23 }] }),
      entry('feedback', '2026-01-20', { helpful: false, cited: { documentId: storyId, paragraph: 23 } }),
      entry('declined', '2025-11-01', { question: 'too old to count' }),
    ];
    await writeFile(path.join(usageDir, 'usage-2026-01.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(path.join(usageDir, 'usage-2025-11.jsonl'), `${lines.at(-1) ?? ''}\n`);
    const { app } = await testServer(await storyBot(), { env: withAdmin, usageDir, now });
    const page = squash(
      (await app.inject({ method: 'GET', url: '/admin?days=7', headers: { authorization: `Bearer ${adminToken}` } })).body,
    );
    expect(page).toContain(
      'Over the last 7 days: 1 answered, 1 with the closest passages only, 2 declined; readers marked 0 helpful and 1 not helpful.',
    );
    expect(page).toContain('<svg class="chart" viewBox="0 0 640 200" role="img" aria-labelledby="daily-title daily-desc">');
    expect(page.match(/<title>2026-01-\d\d: /g)).toHaveLength(7);
    expect(page).toContain('<title>2026-01-20: 1 answered, 1 closest passages only, 1 declined</title>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; recipe?');
    expect(page).not.toContain('<img');
    expect(page).toContain('Street price of fentanyl?');
    expect(page).not.toContain('too old to count');
    expect(page).toContain(`<a href="/read/${storyId}?p=23#p23">The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels ¶23</a>`);
    expect(page).toContain('0 helpful, 1 not helpful');
    expect(page).toContain('<a href="/admin?days=7" aria-current="page">7 days</a>');
    const wrongPeriod = await app.inject({ method: 'GET', url: '/admin?days=13', headers: { authorization: `Bearer ${adminToken}` } });
    expect(wrongPeriod.statusCode).toBe(400);
    await app.close();
  });

  it('reloads the corpus when the admin presses Reload, and shows the problems a bad file brings', async () => {
    const dir = await dirs.make();
    const bot = await reloadableStoryBot(dir);
    const { app } = await testServer(bot, { env: withAdmin });
    const cookie = await signIn(app);
    const clean = await app.inject({ method: 'POST', url: '/admin/reload', headers: { cookie } });
    expect(clean.statusCode).toBe(303);
    expect(clean.headers.location).toBe('/admin?reloaded=clean');
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: Broken\npublished: January 2026\n---\n\nText.\n');
    const problems = await app.inject({ method: 'POST', url: '/admin/reload', headers: { cookie } });
    expect(problems.headers.location).toBe('/admin?reloaded=problems');
    const page = squash((await app.inject({ method: 'GET', url: '/admin?reloaded=problems', headers: { cookie } })).body);
    expect(page).toContain('Reloaded, with problems: the files below keep their last good version.');
    expect(page).toContain('broken.md');
    expect(page).toContain('published: expected a date like 2026-01 or 2026-01-15, got &quot;January 2026&quot;');
    await app.close();
  });

  it('refuses a reload without a session, and any admin post from another site', async () => {
    const { app } = await testServer(await storyBot(), { env: withAdmin });
    expect((await app.inject({ method: 'POST', url: '/admin/reload' })).statusCode).toBe(401);
    const cookie = await signIn(app);
    const crossSite = await app.inject({ method: 'POST', url: '/admin/reload', headers: { cookie, origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    const sameSite = await app.inject({
      method: 'POST',
      url: '/admin/reload',
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(sameSite.statusCode).toBe(303);
    const logout = await app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie } });
    expect(String(logout.headers['set-cookie'])).toContain('storybot_admin=; Max-Age=0');
    await app.close();
  });

  it('limits sign-in attempts per address to 10 in 10 minutes', async () => {
    const { app } = await testServer(await storyBot(), { env: withAdmin });
    const attempt = () =>
      app.inject({ method: 'POST', url: '/admin/login', headers: form, payload: 'token=guess', remoteAddress: '203.0.113.9' });
    for (let i = 0; i < 10; i += 1) expect((await attempt()).statusCode).toBe(401);
    const refused = await attempt();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
    await app.close();
  });
});
