import type { BotCore } from '../../src/index.js';

/** A core that forwards to `bot`, with some methods replaced (a broken or slow `ask`, an empty `status`). */
export function forwardingBot(bot: BotCore, overrides: Partial<BotCore>): BotCore {
  return {
    ask: (question, options) => bot.ask(question, options),
    articles: () => bot.articles(),
    paragraph: (documentId, paragraph) => bot.paragraph(documentId, paragraph),
    suggest: (typed, limit, options) => bot.suggest(typed, limit, options),
    status: () => bot.status(),
    reload: () => bot.reload(),
    onReload: (listener) => bot.onReload(listener),
    recordFeedback: (platform, helpful, cited) => bot.recordFeedback(platform, helpful, cited),
    ...overrides,
  };
}
