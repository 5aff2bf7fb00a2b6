import { createInterface } from 'node:readline';
import type { Storybot } from '../../src/index.js';
import { cleanLine } from './clean.js';
import { askHint, formatAnswer, type TextStyle } from './format.js';

/** Where the chat reads and writes: `process.stdin`/`process.stdout` in production, streams in tests. */
export type ChatIo = {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** True when a person is typing: show a prompt and the welcome; otherwise answer line by line. */
  readonly isInteractive: boolean;
  readonly style: TextStyle;
};

const help = `Ask anything about the story; answers quote it and say which paragraph.
  :sources        the articles I can answer from, with their ids
  :article ID     answer from that article only; :article alone answers from all again
  :help           this help
  :quit           leave (or quit, exit, Ctrl-D, Ctrl-C)`;

/** What the chat remembers between lines. */
type ChatState = { article: string | undefined };

/**
 * The terminal chat: a prompt when a person types, or line-by-line answers when questions are piped in
 * (`echo "who is Harfuch?" | npm start`). Resolves when the input ends or the user quits.
 */
export async function runChat(bot: Storybot, io: ChatIo): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: io.isInteractive });
  const write = (text: string) => io.output.write(`${text}\n`);
  if (io.isInteractive) {
    const { documents } = bot.status();
    write(`Storybot: ask about ${documents === 1 ? 'the story' : `${documents} articles`}. Type :help for commands.\n`);
    rl.setPrompt('ask› ');
    rl.prompt();
  }
  let isClosed = false;
  const closed = new Promise<void>((resolve) =>
    rl.once('close', () => {
      isClosed = true;
      resolve();
    }),
  );
  // Ctrl-C at the prompt leaves cleanly, like Ctrl-D.
  rl.on('SIGINT', () => rl.close());
  const state: ChatState = { article: undefined };
  rl.on('line', (line) => {
    // readline may still emit lines it had buffered after :quit closed it.
    if (isClosed) return;
    const reply = respond(bot, line, io, state);
    if (reply === undefined) {
      rl.close();
      return;
    }
    if (reply !== '') write(`${reply}\n`);
    if (io.isInteractive) rl.prompt();
  });
  await closed;
  if (io.isInteractive) write('');
}

/** The reply to one line: text to show, '' for nothing, undefined to quit. */
function respond(bot: Storybot, line: string, io: ChatIo, state: ChatState): string | undefined {
  const text = line.trim();
  // A person who presses Enter on nothing is shown how to ask, with a question this corpus answers.
  if (text === '') return io.isInteractive ? askHint(bot.suggest('', 1)[0]) : '';
  if (/^:article\b/i.test(text)) return chooseArticle(bot, text.slice(':article'.length).trim(), state);
  switch (text.toLowerCase().replace(/[.!]+$/, '')) {
    case ':quit':
    case ':q':
    case ':exit':
    case 'quit':
    case 'exit':
      return undefined;
    case ':help':
    case ':h':
      return help;
    case ':sources':
      return formatSources(bot);
  }
  if (text.startsWith(':')) return `Unknown command ${cleanLine(text.split(/\s/)[0] ?? '')}. Type :help for the commands.`;
  return formatAnswer(
    bot.ask(text, { platform: 'terminal', ...(state.article === undefined ? {} : { article: state.article }) }),
    io.style,
  );
}

function chooseArticle(bot: Storybot, id: string, state: ChatState): string {
  if (id === '') {
    state.article = undefined;
    return 'Answering from every article.';
  }
  const article = bot.articles().find((candidate) => candidate.id === id);
  if (article === undefined) return `No article has the id "${cleanLine(id)}". :sources lists them.`;
  state.article = article.id;
  return `Answering from “${cleanLine(article.title)}” only. :article alone answers from all again.`;
}

function formatSources(bot: Storybot): string {
  return bot
    .articles()
    .map((article) => {
      const details = [article.source, article.author, article.published].filter((part) => part !== undefined).join(', ');
      return cleanLine(
        `• ${article.title}${details === '' ? '' : ` (${details})`}, ${article.paragraphs.length} paragraphs [${article.id}]`,
      );
    })
    .join('\n');
}
