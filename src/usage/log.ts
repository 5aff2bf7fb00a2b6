import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Answer } from '../answer/types.js';
import { silentLogger, type Logger } from '../logger.js';

/** Where a cited answer pointed: enough to count the most cited paragraphs. */
export type CitedParagraph = { readonly documentId: string; readonly paragraph: number };

/**
 * One line of the usage log. No user ids, ever: the text of a declined question and of one answered only with
 * the closest passages (so admins see what readers want that the corpus lacks), the paragraphs an answer
 * cited, and readers' helpful / not helpful marks.
 */
export type UsageEntry =
  | { readonly kind: 'declined'; readonly time: string; readonly platform: string; readonly question: string }
  | {
      readonly kind: 'closest';
      readonly time: string;
      readonly platform: string;
      readonly question: string;
      readonly cited: readonly CitedParagraph[];
    }
  | { readonly kind: 'answered'; readonly time: string; readonly platform: string; readonly cited: readonly CitedParagraph[] }
  | {
      readonly kind: 'feedback';
      readonly time: string;
      readonly platform: string;
      readonly helpful: boolean;
      readonly cited: CitedParagraph;
    };

/**
 * The usage entry for an answer given on `platform`: declined questions keep their text, answers their
 * citations, and the closest tier both.
 */
export function usageEntryFor(answer: Answer, platform: string, at: Date): UsageEntry | undefined {
  const time = at.toISOString();
  const cited = answer.results.map(({ citation: c }) => ({ documentId: c.documentId, paragraph: c.paragraph }));
  switch (answer.outcome) {
    case 'declined':
      // An empty question or small talk ("hi", "help") tells admins nothing about what the corpus lacks.
      return answer.reason === 'empty' || answer.reason === 'help'
        ? undefined
        : { kind: 'declined', time, platform, question: answer.question };
    case 'closest':
      return { kind: 'closest', time, platform, question: answer.question, cited };
    case 'answered':
      return { kind: 'answered', time, platform, cited };
  }
}

/** Something that keeps usage entries; `Storybot` records into it when given one. */
export type UsageSink = { record(entry: UsageEntry): void };

/**
 * Appends usage entries as JSON Lines to `<dir>/usage-YYYY-MM.jsonl` (one file a month), in order,
 * without making callers wait. A failed write is logged and dropped: usage never gets in an answer's way.
 */
export class UsageLog implements UsageSink {
  readonly #dir: string;
  readonly #logger: Logger;
  #queue: Promise<void> = Promise.resolve();

  constructor(dir: string, logger: Logger = silentLogger) {
    this.#dir = dir;
    this.#logger = logger;
  }

  record(entry: UsageEntry): void {
    const file = path.join(this.#dir, `usage-${entry.time.slice(0, 7)}.jsonl`);
    this.#queue = this.#queue
      .then(async () => {
        await mkdir(this.#dir, { recursive: true });
        await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
      })
      .catch((error: unknown) => this.#logger('warn', 'could not write the usage log', 'usage.write_failed', { file, error }));
  }

  /** Resolves when every entry recorded so far is written (for shutdown and tests). */
  flush(): Promise<void> {
    return this.#queue;
  }
}
