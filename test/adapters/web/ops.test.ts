import { afterAll, describe, expect, it } from 'vitest';
import type { CorpusStatus } from '../../../src/index.js';
import { WebMetrics } from '../../../adapters/web/metrics.js';
import { storyId, tempDirs } from '../../support/builders.js';
import { forwardingBot } from '../../fakes/forwarding-bot.js';
import { recordingUsage, reloadableStoryBot, storyBot, testServer } from '../../fakes/web/server.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const json = { 'content-type': 'application/json' };

describe('GET /healthz', () => {
  it('is ready (200) while a corpus is served, saying how much', async () => {
    const { app } = await testServer(await storyBot());
    const reply = await app.inject({ method: 'GET', url: '/healthz' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok', documents: 1, paragraphs: 36, problems: 0, loadedAt: expect.any(String) });
    await app.close();
  });

  it('is not ready (503) when no article is served', async () => {
    const bot = await storyBot();
    const empty: CorpusStatus = { ...bot.status(), documents: 0, paragraphs: 0, passages: 0 };
    const { app } = await testServer(forwardingBot(bot, { status: () => empty }));
    const reply = await app.inject({ method: 'GET', url: '/healthz' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toMatchObject({ status: 'not_ready', documents: 0 });
    await app.close();
  });
});

describe('GET /metrics', () => {
  it('reports answers by outcome and front door, latency, corpus size and reloads in Prometheus text', async () => {
    const metrics = new WebMetrics({ processMetrics: false });
    const bot = await reloadableStoryBot(await dirs.make(), metrics.countingUsage(recordingUsage()));
    const { app } = await testServer(bot, { metrics });
    await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: json,
      payload: JSON.stringify({ question: "Who is Mexico's security chief?" }),
    });
    await app.inject({ method: 'POST', url: '/api/ask', headers: json, payload: JSON.stringify({ question: 'guacamole recipe' }) });
    bot.ask('guacamole recipe', { platform: 'slack' });
    bot.recordFeedback('web', true, { documentId: storyId, paragraph: 23 });
    await bot.reload();
    const reply = await app.inject({ method: 'GET', url: '/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = reply.body;
    expect(text).toContain('storybot_answers_total{outcome="answered",front_door="web"} 1');
    expect(text).toContain('storybot_answers_total{outcome="declined",front_door="web"} 1');
    expect(text).toContain('storybot_answers_total{outcome="declined",front_door="slack"} 1');
    expect(text).toContain('storybot_feedback_total{helpful="true",front_door="web"} 1');
    expect(text).toContain('storybot_web_request_duration_seconds_count{route="/api/ask",method="POST",status_code="200"} 2');
    expect(text).toContain('storybot_corpus_documents 1');
    expect(text).toContain('storybot_corpus_paragraphs 36');
    expect(text).toContain('storybot_corpus_problems 0');
    expect(text).toContain('storybot_corpus_reloads_total{result="clean"} 1');
    await app.close();
  });

  it('includes Node’s process metrics by default', async () => {
    const { app } = await testServer(await storyBot(), { metrics: new WebMetrics() });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).toContain('storybot_process_resident_memory_bytes');
    await app.close();
  });
});

describe('GET /openapi.json', () => {
  it('describes the API from the route schemas', async () => {
    const { app } = await testServer(await storyBot());
    const reply = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(reply.statusCode).toBe(200);
    const spec = reply.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths).sort()).toEqual(['/api/articles', '/api/articles/{id}', '/api/ask', '/api/feedback', '/healthz']);
    expect(JSON.stringify(spec.paths['/api/ask'])).toContain('"question"');
    await app.close();
  });
});

describe('flood limit', () => {
  it('answers 429 with Retry-After once a client asks more than WEB_RATE_LIMIT a minute, counting clients apart', async () => {
    const { app, metrics } = await testServer(await storyBot(), { env: { WEB_RATE_LIMIT: '2' } });
    const askFrom = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/ask', headers: json, payload: '{"question":"Who is Harfuch?"}', remoteAddress });
    expect((await askFrom('198.51.100.7')).statusCode).toBe(200);
    expect((await askFrom('198.51.100.7')).statusCode).toBe(200);
    const refused = await askFrom('198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.json()).toEqual({
      error: 'rate_limited',
      message: `Too many requests from your address; try again in ${refused.headers['retry-after']} seconds.`,
    });
    expect((await askFrom('198.51.100.8')).statusCode).toBe(200);
    const feedback = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: json,
      payload: JSON.stringify({ documentId: storyId, paragraph: 2, helpful: true }),
      remoteAddress: '198.51.100.7',
    });
    expect(feedback.statusCode).toBe(204);
    expect((await metrics.text()).body).toContain('storybot_web_rate_limited_total{route="/api/ask"} 1');
    await app.close();
  });

  it('counts the client named by a trusted proxy’s X-Forwarded-For, and ignores it from anyone else', async () => {
    const { app } = await testServer(await storyBot(), { env: { WEB_RATE_LIMIT: '1', WEB_TRUST_PROXY: '10.0.0.0/8' } });
    const askVia = (remoteAddress: string, client: string) =>
      app.inject({
        method: 'POST',
        url: '/api/ask',
        headers: { ...json, 'x-forwarded-for': client },
        payload: '{"question":"Who?"}',
        remoteAddress,
      });
    expect((await askVia('10.0.0.2', '203.0.113.1')).statusCode).toBe(200);
    expect((await askVia('10.0.0.3', '203.0.113.2')).statusCode).toBe(200);
    expect((await askVia('10.0.0.2', '203.0.113.1')).statusCode).toBe(429);
    expect((await askVia('192.0.2.9', '203.0.113.3')).statusCode).toBe(200);
    expect((await askVia('192.0.2.9', '203.0.113.4')).statusCode).toBe(429);
    await app.close();
  });
});

describe('CORS and security headers', () => {
  it('sends no CORS headers unless WEB_ALLOWED_ORIGINS lists the origin', async () => {
    const off = await testServer(await storyBot());
    const reply = await off.app.inject({ method: 'GET', url: '/api/articles', headers: { origin: 'https://news.example' } });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    await off.app.close();
    const on = await testServer(await storyBot(), { env: { WEB_ALLOWED_ORIGINS: 'https://news.example, https://other.example' } });
    const allowed = await on.app.inject({ method: 'GET', url: '/api/articles', headers: { origin: 'https://news.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://news.example');
    const preflight = await on.app.inject({
      method: 'OPTIONS',
      url: '/api/ask',
      headers: {
        origin: 'https://other.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://other.example');
    const stranger = await on.app.inject({ method: 'GET', url: '/api/articles', headers: { origin: 'https://evil.example' } });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    await on.app.close();
  });

  it('sends a strict Content-Security-Policy; only /embed may be framed, by WEB_EMBED_ORIGINS', async () => {
    const { app } = await testServer(await storyBot(), { env: { WEB_EMBED_ORIGINS: 'https://news.example' } });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const embed = await app.inject({ method: 'GET', url: '/embed?article=x' });
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors https://news.example');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    await app.close();
  });
});
