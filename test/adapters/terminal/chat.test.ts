import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../../adapters/terminal/chat.js';
import { Storybot } from '../../../src/index.js';
import { fixtureDir, storyDir } from '../../support/builders.js';

const bot = await Storybot.load(storyDir);
const fixtures = await Storybot.load(fixtureDir);

/** Pipes `lines` into the chat as a non-interactive terminal and resolves with everything it wrote. */
async function chat(lines: string[], on: Storybot = bot, isInteractive = false): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const done = runChat(on, { input, output, isInteractive, style: { color: false } });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return written;
}

const citationLines = (text: string) => text.split('\n').filter((line) => line.startsWith('   — '));

describe('runChat', () => {
  it('answers each piped question with its excerpts and a citation line each', async () => {
    const out = await chat(["Who's Mexico's security chief?", 'Where do U.S. officials want to raid fentanyl labs?']);
    expect(out).toContain('Omar García Harfuch');
    expect(out).toContain('   — The New York Times, “The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels”, ¶23\n');
    expect(citationLines(out).length).toBeGreaterThanOrEqual(2);
    expect(out).not.toContain('\u001B[');
  });

  it('cites the metadata as article details when asked who wrote the article', async () => {
    expect(await chat(['who wrote this article?'])).toBe(
      'author: Maria Abi-Habib\n   — The New York Times, “The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels”, article details\n\n',
    );
  });

  it('lists the commands when given :help', async () => {
    const out = await chat([':help']);
    expect(out).toMatch(/^Ask anything about the story; answers quote it and say which paragraph\.\n/);
    expect(out).toMatch(/^ {2}:sources +the articles I can answer from/m);
    expect(out).toMatch(/^ {2}:help +this help$/m);
    expect(out).toMatch(/^ {2}:quit +leave \(or quit, exit, Ctrl-D, Ctrl-C\)$/m);
  });

  it('lists every article with its details when given :sources', async () => {
    expect(await chat([':sources'])).toBe(
      '• The U.S. Is Pressing Mexico to Allow U.S. Forces to Fight Cartels (The New York Times, Maria Abi-Habib, 2026-01), 36 paragraphs [us-presses-mexico-on-cartels]\n\n',
    );
    const lines = (await chat([':sources'], fixtures)).trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toContain('• Town bakery, 4 paragraphs [town-bakery]');
  });

  it('resolves when given :quit even though the input stays open', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const done = runChat(bot, { input, output, isInteractive: false, style: { color: false } });
    input.write(':quit\n');
    await expect(done).resolves.toBeUndefined();
  });

  it('answers nothing after :quit when more lines were piped after it', async () => {
    expect(await chat([':quit', "Who's Mexico's security chief?"])).toBe('');
  });

  it('hints at :help when given an unknown command', async () => {
    expect(await chat([':frobnicate now'])).toBe('Unknown command :frobnicate. Type :help for the commands.\n\n');
  });

  it('says the story does not say and offers questions when it cannot answer', async () => {
    const out = await chat(['who won the 2022 world cup']);
    expect(out).toMatch(
      /^The story doesn't say\. It can't answer that one\.\nYou could ask:\n( {2}• What does the story say about .+\?\n){1,3}\n$/,
    );
  });

  it('ignores blank lines and resolves when the input ends', async () => {
    await expect(chat(['', '   ', ''])).resolves.toBe('');
  });

  it('leaves on quit or exit typed without the colon', async () => {
    expect(await chat(['quit', "Who's Mexico's security chief?"])).toBe('');
    expect(await chat(['Exit.', "Who's Mexico's security chief?"])).toBe('');
  });

  it('says how to ask, with a question this corpus answers, when greeted or asked for help', async () => {
    const example = fixtures.suggest('', 1)[0] ?? '';
    expect(example).toMatch(/^What does the story say about /);
    const hint = `Ask anything about the story in your own words; answers quote it and say which paragraph. For example:\n  ${example}\n\n`;
    expect(await chat(['hi'], fixtures)).toBe(hint);
    expect(await chat(['Help!'], fixtures)).toBe(hint);
    expect(await chat(['?'], fixtures)).toBe(hint);
  });

  it('shows how to ask, with an example from the corpus, when a person presses Enter on nothing', async () => {
    const example = bot.suggest('', 1)[0] ?? '';
    const out = await chat(['', ':quit'], bot, true);
    expect(out).toContain(`For example:\n  ${example}\n`);
    expect(out).not.toContain('security chief');
  });

  it('greets and prompts when a person is typing', async () => {
    const out = await chat([':quit'], bot, true);
    expect(out).toContain('Storybot: ask about the story. Type :help for commands.\n');
    expect(out).toContain('ask› ');
  });
});
