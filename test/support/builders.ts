import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article, Logger, LogContext, LogLevel, Paragraph } from '../../src/index.js';

/** The bundled story, and the hand-made fixture corpora, as paths relative to the repository root. */
export const storyDir = 'corpus';
export const storyId = 'us-presses-mexico-on-cartels';
export const fixtureDir = 'test/fixtures/corpus';
export const badFixtureDir = 'test/fixtures/bad-corpus';
export const emptyFixtureDir = 'test/fixtures/empty-corpus';

type ArticleOverrides = Partial<Omit<Article, 'paragraphs'>> & { readonly paragraphs?: readonly (string | Paragraph)[] };

/** An article with defaults: two short paragraphs, numbered from 1. Strings become paragraphs in order. */
export function makeArticle(overrides: ArticleOverrides = {}): Article {
  const { paragraphs = ['The first paragraph.', 'The second paragraph.'], ...rest } = overrides;
  const id = rest.id ?? 'test-article';
  return {
    id,
    file: `${id}.md`,
    title: 'A test article',
    ...rest,
    paragraphs: paragraphs.map((p, i) => (typeof p === 'string' ? { number: i + 1, text: p, line: 2 * i + 5 } : p)),
  };
}

/** UTF-8 bytes of a text, as a file on disk would hold them. */
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A fresh directory under the OS temp dir; `cleanup` removes every one made so far. */
export function tempDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'storybot-test-'));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export type LogEntry = { level: LogLevel; message: string; code: string; context: LogContext | undefined };

/** A fake logger that records what the core logged. */
export function recordingLogger(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { log: (level, message, code, context) => void entries.push({ level, message, code, context }), entries };
}

/** Whether `text` is well-formed UTF-16 (no lone surrogate), so that strict UTF-8 encoders take it. */
export const isWellFormedText = (text: string): boolean => new TextDecoder().decode(new TextEncoder().encode(text)) === text;

/** A loopback port nothing listens on (it was free a moment ago): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
