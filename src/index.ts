/**
 * Storybot's core: the only module adapters import. It loads a corpus, indexes it, and turns questions
 * into cited excerpts of the corpus's own text. It knows no chat platform.
 */
export {
  Storybot,
  type AskOptions,
  type BotCore,
  type CorpusStatus,
  type ParagraphText,
  type ReloadListener,
  type ReloadOutcome,
  type ReportedProblem,
  type StorybotOptions,
} from './bot.js';
export { answerQuestion, citationFor, defaultAnswerOptions, type AnswerOptions } from './answer/answer.js';
export type { Answer, Citation, DeclineReason, Highlight, Outcome, Result } from './answer/types.js';
export { answerToJson, type AnswerJson, type ResultJson } from './answer/json.js';
export { maxQuestionChars } from './answer/question.js';
export { loadCorpus, readCorpus, type Corpus, type CorpusReading, type LoadProgress } from './corpus/load.js';
export { corpusLimits, limitsWithCorpusMB, type CorpusLimits } from './corpus/limits.js';
export { watchCorpus, type CorpusWatcher, type WatchOptions } from './corpus/watch.js';
export { parseArticleFile, documentIdFor } from './corpus/parse.js';
export type { Article, Paragraph } from './corpus/schema.js';
export { PassageIndex } from './search/passage-index.js';
export { BotError, ConfigError, CorpusError, formatCorpusProblem, userMessageFor, type CorpusProblem } from './errors.js';
export { networkFailureOf, startWithin, UnreachableError } from './unreachable.js';
export { coreEnvSchema, loadCoreConfig, parseEnv, type CoreConfig, type Env } from './config.js';
export { logLevels, silentLogger, type LogContext, type Logger, type LogLevel } from './logger.js';
export { RateLimiter, type RateDecision, type RateLimiterOptions } from './rate-limit.js';
export { RecentKeys } from './recent-keys.js';
export { truncateAtSentence } from './text/truncate.js';
export { UsageLog, type CitedParagraph, type UsageEntry, type UsageSink } from './usage/log.js';
export { summarizeUsage, type ArticleMarks, type DailyCounts, type UsageReport } from './usage/report.js';
export { readUsageLog, type UsageLogRange } from './usage/read.js';
