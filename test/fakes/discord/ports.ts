import type { ReplyPort, StoryPort } from '../../../adapters/discord/ask.js';
import type { AdminPort } from '../../../adapters/discord/commands/corpus.js';
import type { OutgoingMessage } from '../../../adapters/discord/render.js';
import type { Answer, BotCore, CorpusStatus, ParagraphText, ReloadListener, ReloadOutcome } from '../../../src/index.js';

/** One call a handler made on its reply port. */
export type ReplyCall =
  | { readonly kind: 'reply' | 'editReply' | 'followUp'; readonly message: OutgoingMessage }
  | { readonly kind: 'defer'; readonly ephemeral: boolean }
  | { readonly kind: 'deleteReply' };

/** A `ReplyPort` that records what the member would see, in order. */
export function fakeReply(): ReplyPort & { readonly calls: ReplyCall[]; last(): OutgoingMessage | undefined } {
  const calls: ReplyCall[] = [];
  const record = (call: ReplyCall) => {
    calls.push(call);
    return Promise.resolve();
  };
  return {
    calls,
    reply: (message) => record({ kind: 'reply', message }),
    defer: (ephemeral) => record({ kind: 'defer', ephemeral }),
    editReply: (message) => record({ kind: 'editReply', message }),
    followUp: (message) => record({ kind: 'followUp', message }),
    deleteReply: () => record({ kind: 'deleteReply' }),
    last() {
      const found = calls.findLast((call) => 'message' in call);
      return found !== undefined && 'message' in found ? found.message : undefined;
    },
  };
}

/** One question a handler asked the core, with the options that matter to the Discord front door. */
export type Asked = { question: string; top: number | undefined; article?: string; platform?: string };

/** A reader's mark the handler passed on to the core. */
export type Mark = { platform: string; helpful: boolean; documentId: string; paragraph: number };

/** A `StoryPort` answering from canned data; override any method to script a failure or a delay. */
export function fakeStory(overrides: Partial<StoryPort> = {}): StoryPort & { readonly asked: Asked[]; readonly marks: Mark[] } {
  const asked: Asked[] = [];
  const marks: Mark[] = [];
  return {
    asked,
    marks,
    ask(question, options) {
      asked.push({
        question,
        top: options?.top,
        ...(options?.article === undefined ? {} : { article: options.article }),
        ...(options?.platform === undefined ? {} : { platform: options.platform }),
      });
      if (options?.article !== undefined && !['mexico', 'trump'].includes(options.article)) {
        return {
          question,
          outcome: 'declined',
          answered: false,
          confidence: 0,
          results: [],
          reason: 'unknown-article',
          suggestions: ['What does the story say about Mexico?'],
        };
      }
      return answerFor(question);
    },
    articles: () => [
      { id: 'mexico', title: 'The U.S. Is Pressing México' },
      { id: 'trump', title: 'Trump Signs an Order' },
    ],
    recordFeedback(platform, helpful, cited) {
      marks.push({ platform, helpful, ...cited });
    },
    paragraph: (documentId, paragraph): ParagraphText | undefined =>
      documentId === 'mexico'
        ? { text: `Paragraph ${paragraph} in full.`, citation: { documentId, title: 'Mexico', paragraph } }
        : undefined,
    suggest: () => ['What does the story say about Mexico?', 'x'.repeat(101), 'What does the story say about Trump?'],
    ...overrides,
  };
}

/** `fakeStory`'s canned answer to `question`: a decline for guacamole, else one cited excerpt. */
export function answerFor(question: string): Answer {
  if (question.includes('guacamole'))
    return {
      question,
      outcome: 'declined',
      answered: false,
      confidence: 0,
      results: [],
      reason: 'no-match',
      suggestions: ['What does the story say about Mexico?'],
    };
  const result = (paragraph: number) => ({
    text: `Quote from ¶${paragraph}.`,
    highlights: [],
    score: 1,
    citation: { documentId: 'mexico', title: 'Mexico', paragraph },
  });
  return { question, outcome: 'answered', answered: true, confidence: 0.9, results: [result(23), result(4), result(9)] };
}

/** An `AdminPort` with a fixed status and a scripted reload. */
export function fakeAdmin(reload: () => Promise<ReloadOutcome>): AdminPort {
  return { status: () => status, reload };
}

export const status: CorpusStatus = {
  dir: 'corpus',
  documents: 1,
  paragraphs: 27,
  passages: 40,
  loadedAt: new Date('2026-11-24T08:00:00Z'),
  keptLastGood: [],
  rejected: [],
  rejectedAt: undefined,
};

/**
 * A whole `BotCore` without a corpus: `fakeStory`'s canned answers, `status`, a scripted `reload`,
 * and the reload listeners, which a test can tell about a reload with `announce`.
 */
export function fakeBotCore(): BotCore & {
  readonly asked: Asked[];
  readonly marks: Mark[];
  readonly listeners: Set<ReloadListener>;
  announce(outcome: ReloadOutcome, hadProblems: boolean): void;
} {
  const story = fakeStory();
  const listeners = new Set<ReloadListener>();
  return {
    asked: story.asked,
    marks: story.marks,
    listeners,
    ask: (question, options) => {
      const answer = story.ask(question, options);
      if ('then' in answer) throw new Error('fakeStory answers synchronously');
      return answer;
    },
    articles: () => [{ id: 'mexico', file: 'mexico.md', title: 'The U.S. Is Pressing México', paragraphs: [] }],
    paragraph: () => undefined,
    suggest: () => [],
    status: () => status,
    reload: () => Promise.resolve({ ok: true, swapped: true, status }),
    recordFeedback: (platform, helpful, cited) => void story.recordFeedback(platform, helpful, cited),
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(outcome, hadProblems) {
      for (const listener of listeners) listener(outcome, hadProblems);
    },
  };
}
