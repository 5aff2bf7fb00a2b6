import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToJson, type AnswerJson } from '../../../src/index.js';
import { answerJsonSchema } from '../../../adapters/web/schemas.js';
import { storyId } from '../../support/builders.js';
import { forwardingBot } from '../../fakes/forwarding-bot.js';
import { recordingUsage, storyBot, testServer, type TestServer } from '../../fakes/web/server.js';

const usage = recordingUsage();
const bot = await storyBot({ usage });
let server: TestServer;

beforeAll(async () => {
  server = await testServer(bot, { env: { WEB_RATE_LIMIT: '0' } });
});

afterAll(async () => {
  await server.app.close();
});

const jsonHeaders = { 'content-type': 'application/json' };
const ask = (payload: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({
    method: 'POST',
    url: '/api/ask',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });

describe('POST /api/ask', () => {
  it('answers in the JSON contract of ask --json, with the cited paragraph, and records the question as web', async () => {
    const before = usage.entries.length;
    const reply = await ask({ question: "Who is Mexico's security chief?" });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const json = reply.json<AnswerJson>();
    expect(json).toEqual(answerToJson(bot.ask("Who is Mexico's security chief?")));
    expect(json.outcome).toBe('answered');
    expect(json.results[0]?.citation).toMatchObject({ documentId: storyId, paragraph: 23, source: 'The New York Times' });
    expect(json.results[0]?.text).toContain('Omar García Harfuch');
    expect(Object.keys(json)).toEqual(['question', 'outcome', 'answered', 'confidence', 'results']);
    expect(usage.entries[before]).toMatchObject({ kind: 'answered', platform: 'web' });
  });

  it('gives the closest passages when the story may not answer, and suggestions when it cannot', async () => {
    const closest = (await ask({ question: 'What did the Senate not delay?' })).json<AnswerJson>();
    expect(closest).toMatchObject({ outcome: 'closest', answered: false });
    expect(closest.results.length).toBeGreaterThan(0);
    const declined = (await ask({ question: 'guacamole recipe' })).json<AnswerJson>();
    expect(declined).toMatchObject({ outcome: 'declined', answered: false, results: [] });
    expect(declined.suggestions?.length).toBeGreaterThan(0);
  });

  it('answers a repeated question with the same bytes from a bot that keeps answers, recording each asking', async () => {
    const cachedUsage = recordingUsage();
    const cached = await testServer(await storyBot({ usage: cachedUsage, answerCacheSize: 10 }), { env: { WEB_RATE_LIMIT: '0' } });
    try {
      for (const question of ["Who is Mexico's security chief?", 'guacamole recipe']) {
        const payload = JSON.stringify({ question, top: 2 });
        const replies = [];
        for (let i = 0; i < 3; i += 1)
          replies.push(await cached.app.inject({ method: 'POST', url: '/api/ask', headers: jsonHeaders, payload }));
        expect(replies.map((reply) => reply.headers['content-type'])).toEqual(Array(3).fill('application/json; charset=utf-8'));
        expect(new Set(replies.map((reply) => reply.body))).toEqual(new Set([JSON.stringify(answerToJson(bot.ask(question, { top: 2 })))]));
      }
      expect(cachedUsage.entries.map((entry) => entry.kind)).toEqual([
        'answered',
        'answered',
        'answered',
        'declined',
        'declined',
        'declined',
      ]);
    } finally {
      await cached.app.close();
    }
  });

  it('keeps to the contract its OpenAPI schema describes', async () => {
    for (const question of ["Who is Mexico's security chief?", 'guacamole recipe', 'Who trained the Mexican units?']) {
      const json: unknown = (await ask({ question })).json();
      expect(answerJsonSchema.parse(json)).toEqual(json);
    }
  });

  it('gives at most `top` excerpts, from the named article', async () => {
    const json = (await ask({ question: 'What did Sheinbaum say?', top: 1, article: storyId })).json<AnswerJson>();
    expect(json.results).toHaveLength(1);
    expect(json.results[0]?.citation.documentId).toBe(storyId);
  });

  it.each([
    [{ question: '' }, 'question', 'question: must not be empty'],
    [{ question: '   ' }, 'question', 'question: must not be empty'],
    [{}, 'question', 'question: is required: the question, as text'],
    [{ question: 42 }, 'question', 'question: is required: the question, as text'],
    [{ question: 'x'.repeat(501) }, 'question', 'question: must be at most 500 characters'],
    [{ question: 'who?', top: 0 }, 'top', 'top: must be a whole number from 1 to 10'],
    [{ question: 'who?', top: 1.5 }, 'top', 'top: must be a whole number from 1 to 10'],
    [{ question: 'who?', top: '3' }, 'top', 'top: must be a whole number from 1 to 10'],
    [{ question: 'who?', article: 'Not An Id' }, 'article', 'article: must be a document id like us-presses-mexico-on-cartels'],
    [
      { question: 'who?', article: 'no-such-article' },
      'article',
      'article: there is no article "no-such-article"; GET /api/articles lists them',
    ],
    [{ question: 'who?', verbose: true }, 'verbose', 'verbose: is not a field of this request'],
  ])('refuses %j with 400 naming the field', async (payload, field, message) => {
    const reply = await ask(payload);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toEqual({ error: 'invalid_request', field, message });
  });

  it('refuses a body that is not a JSON object with 400', async () => {
    const notJson = await server.app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/json' },
      payload: '{"question":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: 'invalid_json', message: 'The request body is not valid JSON.' });
    const list = await ask(['who?']);
    expect(list.statusCode).toBe(400);
    expect(list.json()).toMatchObject({ error: 'invalid_request', message: 'the body: Invalid input: expected object, received array' });
  });

  it('takes JSON only: a form or plain text gets 415, so another site’s form cannot post a question', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const reply = await server.app.inject({
        method: 'POST',
        url: '/api/ask',
        headers: { 'content-type': type },
        payload: 'question=who',
      });
      expect(reply.statusCode).toBe(415);
      expect(reply.json()).toEqual({ error: 'unsupported_media_type', message: 'Send the body as JSON (Content-Type: application/json).' });
    }
  });

  it('refuses a body over 8 KiB with 413 before reading it as a question', async () => {
    const before = usage.entries.length;
    const reply = await ask({ question: 'x'.repeat(9_000) });
    expect(reply.statusCode).toBe(413);
    expect(reply.json()).toEqual({ error: 'payload_too_large', message: 'The request body is larger than 8 KiB.' });
    expect(usage.entries).toHaveLength(before);
  });
});

describe('GET /api/articles', () => {
  it('lists the articles with their titles and paragraph counts', async () => {
    const reply = await server.app.inject({ method: 'GET', url: '/api/articles' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      articles: [
        {
          id: storyId,
          title: 'The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels',
          source: 'The New York Times',
          author: 'Maria Abi-Habib',
          published: '2026-01',
          paragraphs: 36,
        },
      ],
    });
  });

  it('gives one article’s paragraphs with their numbers', async () => {
    const reply = await server.app.inject({ method: 'GET', url: `/api/articles/${storyId}` });
    expect(reply.statusCode).toBe(200);
    const json = reply.json<{ paragraphs: { number: number; text: string }[] }>();
    expect(json.paragraphs).toHaveLength(36);
    expect(json.paragraphs[22]).toEqual({ number: 23, text: bot.paragraph(storyId, 23)?.text });
  });

  it('answers 404 for an id the corpus does not have, and 400 for one that cannot be an id', async () => {
    const missing = await server.app.inject({ method: 'GET', url: '/api/articles/no-such-article' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', field: 'id', message: 'There is no article "no-such-article".' });
    const malformed = await server.app.inject({ method: 'GET', url: '/api/articles/Bad%20Id' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'invalid_request', field: 'id' });
  });
});

describe('POST /api/feedback', () => {
  const feedback = (payload: unknown) =>
    server.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('records a mark on a paragraph the corpus has, with 204', async () => {
    const reply = await feedback({ documentId: storyId, paragraph: 23, helpful: true });
    expect(reply.statusCode).toBe(204);
    expect(reply.body).toBe('');
    expect(usage.entries.at(-1)).toMatchObject({
      kind: 'feedback',
      platform: 'web',
      helpful: true,
      cited: { documentId: storyId, paragraph: 23 },
    });
    expect((await feedback({ documentId: storyId, paragraph: 0, helpful: false })).statusCode).toBe(204);
  });

  it.each([
    [{ documentId: 'no-such-article', paragraph: 1, helpful: true }, 'documentId', 'documentId: there is no article "no-such-article"'],
    [{ documentId: storyId, paragraph: 37, helpful: true }, 'paragraph', `paragraph: "${storyId}" has no paragraph 37`],
    [{ documentId: storyId, paragraph: -1, helpful: true }, 'paragraph', 'paragraph: must be a paragraph number, 0 or more'],
    [{ documentId: storyId, paragraph: 2, helpful: 'yes' }, 'helpful', 'helpful: must be true or false'],
  ])('keeps a forged mark %j out of the usage log, with 400 naming the field', async (payload, field, message) => {
    const before = usage.entries.length;
    const reply = await feedback(payload);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toEqual({ error: 'invalid_request', field, message });
    expect(usage.entries).toHaveLength(before);
  });
});

describe('failures', () => {
  it('answers 500 with the safe sentence and logs the detail once when the core throws', async () => {
    const broken = forwardingBot(bot, {
      ask: () => {
        throw new Error('index missing at /srv/secret/path');
      },
    });
    const { app, log } = await testServer(broken);
    const reply = await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/json' },
      payload: '{"question":"who?"}',
    });
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toEqual({ error: 'internal', message: 'Sorry, something went wrong. Please try again later.' });
    expect(reply.body).not.toContain('/srv/secret');
    expect(log.filter((e) => e.code === 'web.request_failed')).toEqual([
      expect.objectContaining({ level: 'error', context: expect.objectContaining({ route: '/api/ask', error: expect.any(Error) }) }),
    ]);
    await app.close();
  });

  it('answers unknown API paths with a JSON 404 and unknown pages with an HTML one', async () => {
    const api = await server.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'not_found', message: 'There is nothing at GET /api/nothing.' });
    const page = await server.app.inject({ method: 'GET', url: '/nothing?x=<b>' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('There is nothing at GET /nothing.');
  });
});
