import type { ReplyPort, StoryPort } from '../../../adapters/discord/ask.js';
import type { AdminPort } from '../../../adapters/discord/commands/corpus.js';
import type { OutgoingMessage } from '../../../adapters/discord/render.js';
import type { Answer, CorpusStatus, ParagraphText, ReloadOutcome } from '../../../src/index.js';

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

/** A `StoryPort` answering from canned data; override any method to script a failure or a delay. */
export function fakeStory(overrides: Partial<StoryPort> = {}): StoryPort & { readonly asked: { question: string; top: number | undefined }[] } {
  const asked: { question: string; top: number | undefined }[] = [];
  return {
    asked,
    ask(question, options) {
      asked.push({ question, top: options?.top });
      return answerFor(question);
    },
    paragraph: (documentId, paragraph): ParagraphText | undefined =>
      documentId === 'mexico' ? { text: `Paragraph ${paragraph} in full.`, citation: { documentId, title: 'Mexico', paragraph } } : undefined,
    suggest: () => ['What does the story say about Mexico?', 'x'.repeat(101), 'What does the story say about Trump?'],
    ...overrides,
  };
}

function answerFor(question: string): Answer {
  if (question.includes('guacamole')) return { question, answered: false, results: [], reason: 'no-match', suggestions: ['What does the story say about Mexico?'] };
  const result = (paragraph: number) => ({ text: `Quote from ¶${paragraph}.`, highlights: [], score: 1, citation: { documentId: 'mexico', title: 'Mexico', paragraph } });
  return { question, answered: true, results: [result(23), result(4), result(9)] };
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
