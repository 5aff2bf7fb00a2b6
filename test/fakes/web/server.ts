import { cp } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus, Storybot, type Article, type BotCore, type UsageEntry, type UsageSink } from '../../../src/index.js';
import { MemoryFloodLimiter } from '../../../adapters/flood-limit.js';
import { loadWebConfig, type WebConfig } from '../../../adapters/web/config.js';
import { signInWindow } from '../../../adapters/web/limits.js';
import { WebMetrics } from '../../../adapters/web/metrics.js';
import { buildWebServer, type WebApp } from '../../../adapters/web/server.js';
import { makeArticle, recordingLogger, storyDir, type LogEntry } from '../../support/builders.js';

/** The admin token the web tests configure. */
export const adminToken = 'test-admin-token-0123456789';

/**
 * An article whose text holds markup that would run if it were ever inserted as HTML: a script, an image
 * with onerror, a javascript: link, and a javascript: address in its front matter (which the schema would
 * refuse on disk; made in memory here to prove the page refuses it too). Each sets `window.__pwned`.
 */
export const hostileArticle: Article = makeArticle({
  id: 'hostile-page',
  title: 'Harbour <script>window.__pwned = "title"</script> report',
  source: 'The <b>Bold</b> Gazette',
  url: 'javascript:window.__pwned="url"',
  paragraphs: [
    'The harbour master said <script>window.__pwned = "script"</script> the lighthouse keeper retired.',
    'Divers found <img src=x onerror="window.__pwned = \'img\'"> an anchor near the lighthouse keeper’s cottage.',
    "Read more at <a href=\"javascript:window.__pwned='link'\">javascript:window.__pwned='link'</a> about the lighthouse keeper.",
  ],
});

/** Usage entries recorded in memory. */
export function recordingUsage(): UsageSink & { entries: UsageEntry[] } {
  const entries: UsageEntry[] = [];
  return { entries, record: (entry) => void entries.push(entry) };
}

/** The bundled story as a bot, with `extra` articles beside it, recording usage into `usage`. */
export async function storyBot(
  options: { usage?: UsageSink; extra?: readonly Article[]; answerCacheSize?: number } = {},
): Promise<Storybot> {
  const corpus = await loadCorpus(storyDir);
  const articles = [...corpus.articles, ...(options.extra ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  return Storybot.fromCorpus(
    { ...corpus, articles },
    { answerCacheSize: options.answerCacheSize ?? 0, ...(options.usage === undefined ? {} : { usage: options.usage }) },
  );
}

/** A bot over a copy of the story in `dir` (a temporary directory), so a test may edit and reload it. */
export async function reloadableStoryBot(dir: string, usage?: UsageSink): Promise<Storybot> {
  await cp(storyDir, dir, { recursive: true });
  return Storybot.load(path.resolve(dir), usage === undefined ? {} : { usage });
}

/** The web configuration of a test: loopback, any free port, no usage log, `env` on top. */
export function webConfig(env: Record<string, string> = {}): WebConfig {
  return loadWebConfig({ WEB_PORT: '0', WEB_HOST: '127.0.0.1', USAGE_LOG_DIR: 'off', INDEX_CACHE_DIR: 'off', ...env });
}

export type TestServer = { readonly app: WebApp; readonly log: LogEntry[]; readonly metrics: WebMetrics };

/**
 * The web front door over `bot`, built but not listening (tests use `app.inject`), with flood limits in
 * memory (WEB_RATE_LIMIT from `env`, default 30 a minute) and a recording logger.
 */
export async function testServer(
  bot: BotCore,
  options: { env?: Record<string, string>; usageDir?: string; metrics?: WebMetrics; now?: () => Date } = {},
): Promise<TestServer> {
  const config = webConfig(options.env);
  const logger = recordingLogger();
  const metrics = options.metrics ?? new WebMetrics({ processMetrics: false });
  const questions = config.WEB_RATE_LIMIT === 0 ? undefined : new MemoryFloodLimiter({ limit: config.WEB_RATE_LIMIT, windowMs: 60_000 });
  const app = await buildWebServer({
    config,
    bot,
    logger: logger.log,
    limits: { questions, signIns: new MemoryFloodLimiter(signInWindow) },
    metrics,
    usageDir: options.usageDir,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { app, log: logger.entries, metrics };
}

/** A page's HTML with the whitespace between and inside tags folded, so assertions do not depend on indentation. */
export const squash = (html: string): string => html.replace(/>\s+</g, '><').replace(/\s+/g, ' ');
