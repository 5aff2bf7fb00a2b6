import type { Answer, Article, AskOptions, BotCore, CitedParagraph, ParagraphText } from '../../../src/index.js';
import type { AskCore, ReplyPort } from '../../../adapters/slack/ask.js';
import type { SlackMessage } from '../../../adapters/slack/render.js';
import { forwardingBot } from '../forwarding-bot.js';

/** A reply port that records what was sent, or fails like a Slack API error. */
export function fakeReply(options: { fails?: boolean } = {}): ReplyPort & { sent: SlackMessage[] } {
  const sent: SlackMessage[] = [];
  return {
    sent,
    send: async (message) => {
      if (options.fails === true) throw new Error('Slack said: channel_not_found');
      sent.push(message);
    },
  };
}

/** One recorded reader's mark. */
export type Mark = { readonly platform: string; readonly helpful: boolean; readonly cited: CitedParagraph };

/** The fake core's answer: one cited excerpt from "The Story", ¶2. */
export function answerFor(question: string): Answer {
  return {
    question,
    outcome: 'answered',
    answered: true,
    confidence: 0.9,
    results: [{ text: 'Ana leads.', highlights: [[0, 3]], score: 1, citation: { documentId: 'story', title: 'The Story', paragraph: 2 } }],
  };
}

/** A minimal article, for `articles()`. */
export function makeArticle(id: string): Article {
  return { id, file: `${id}.md`, title: id, paragraphs: [] };
}

/** A fake answering core that records questions, paragraph look-ups and readers' marks. */
export function fakeBot(
  ask: (question: string, options: AskOptions | undefined) => Answer = answerFor,
  articleIds: readonly string[] = ['story'],
) {
  const asked: { question: string; options: AskOptions | undefined }[] = [];
  const paragraphs: [string, number][] = [];
  const marks: Mark[] = [];
  const bot = {
    asked,
    paragraphs,
    marks,
    ask: (question, options) => {
      asked.push({ question, options });
      return ask(question, options);
    },
    paragraph: (documentId, paragraph): ParagraphText | undefined => {
      paragraphs.push([documentId, paragraph]);
      return { text: 'The whole paragraph.', citation: { documentId, title: 'The Story', paragraph } };
    },
    articles: () => articleIds.map(makeArticle),
    recordFeedback: (platform, helpful, cited) => void marks.push({ platform, helpful, cited }),
  } satisfies AskCore & Record<string, unknown>;
  return bot;
}

/**
 * A real core behind the BotCore interface, whose next `ask` can be made to throw: a broken core for
 * end-to-end tests, without spying on the real one. It also counts the reload listeners still subscribed.
 */
export function breakableBot(bot: BotCore): BotCore & { failNextAsk(error: Error): void; reloadListeners(): number } {
  let failure: Error | undefined;
  let listeners = 0;
  const forwarding = forwardingBot(bot, {
    ask: (question, options) => {
      const error = failure;
      failure = undefined;
      if (error !== undefined) throw error;
      return bot.ask(question, options);
    },
    onReload: (listener) => {
      const unsubscribe = bot.onReload(listener);
      listeners += 1;
      return () => {
        listeners -= 1;
        unsubscribe();
      };
    },
  });
  return { ...forwarding, failNextAsk: (error) => void (failure = error), reloadListeners: () => listeners };
}
