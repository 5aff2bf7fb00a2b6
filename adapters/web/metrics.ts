import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BotCore, UsageEntry, UsageSink } from '../../src/index.js';

/** Latency buckets in seconds: fine below 20 ms, where the web's budget is. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * What `GET /metrics` reports, in Prometheus's text format (prom-client): answers by outcome and front
 * door (every front door of the process, counted from the usage entries the core records), readers' marks,
 * HTTP latency by route, the corpus's size and problems, reloads, flood-limit refusals, and Node's own
 * process metrics. One registry per instance, so tests can build several.
 */
export class WebMetrics {
  readonly registry = new Registry();
  readonly #answers = new Counter({
    name: 'storybot_answers_total',
    help: 'Questions answered, by outcome (answered, closest, declined) and front door. Empty questions are not counted.',
    labelNames: ['outcome', 'front_door'] as const,
    registers: [this.registry],
  });
  readonly #marks = new Counter({
    name: 'storybot_feedback_total',
    help: "Readers' Helpful / Not helpful marks, by front door.",
    labelNames: ['helpful', 'front_door'] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'storybot_web_request_duration_seconds',
    help: 'Time from a web request to its reply, by route and status code.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly #refused = new Counter({
    name: 'storybot_web_rate_limited_total',
    help: 'Web requests refused by the per-client flood limit (429), by route.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  readonly #reloads = new Counter({
    name: 'storybot_corpus_reloads_total',
    help: 'Corpus reloads, by result: clean, problems (bad files kept their last good version) or unusable (nothing changed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'storybot_' });
  }

  /**
   * A usage sink that counts each entry, then hands it to `inner` (the usage log) when there is one: give it to
   * `Storybot` so that every front door's answers are counted.
   */
  countingUsage(inner?: UsageSink): UsageSink {
    return {
      record: (entry: UsageEntry) => {
        if (entry.kind === 'feedback') this.#marks.inc({ helpful: String(entry.helpful), front_door: entry.platform });
        else this.#answers.inc({ outcome: entry.kind, front_door: entry.platform });
        inner?.record(entry);
      },
    };
  }

  /** Reports `bot`'s corpus (size, problems, when loaded) at each scrape, and counts its reloads; returns the unsubscribe function. */
  watch(bot: Pick<BotCore, 'status' | 'onReload'>): () => void {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('storybot_corpus_documents', 'Articles being served.', () => bot.status().documents);
    gauge('storybot_corpus_paragraphs', 'Paragraphs being served.', () => bot.status().paragraphs);
    gauge('storybot_corpus_passages', 'Passages in the index being served.', () => bot.status().passages);
    gauge('storybot_corpus_problems', 'Problems the last reload found (0 when the corpus is clean).', () => bot.status().rejected.length);
    gauge('storybot_corpus_loaded_timestamp_seconds', 'When the corpus being served was loaded (Unix time).', () =>
      Math.floor(bot.status().loadedAt.getTime() / 1000),
    );
    return bot.onReload((outcome) => {
      this.#reloads.inc({ result: outcome.ok ? 'clean' : outcome.swapped ? 'problems' : 'unusable' });
    });
  }

  /** Counts one web reply: its route (the pattern, so ids do not multiply the series), method, status and time. */
  observeRequest(route: string, method: string, statusCode: number, seconds: number): void {
    this.#latency.observe({ route, method, status_code: String(statusCode) }, seconds);
  }

  /** Counts one request refused by the flood limit. */
  countRefused(route: string): void {
    this.#refused.inc({ route });
  }

  /** Prometheus's text format, and its content type. */
  async text(): Promise<{ readonly body: string; readonly contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
