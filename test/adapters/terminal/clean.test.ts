import { PassThrough } from 'node:stream';
import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../../adapters/terminal/chat.js';
import { cleanForTerminal, cleanLine } from '../../../adapters/terminal/clean.js';
import { formatAnswer, formatCitation } from '../../../adapters/terminal/format.js';
import { formatReport } from '../../../adapters/cli/usage-report.js';
import { report } from '../../../adapters/cli/corpus-report.js';
import { Storybot, summarizeUsage } from '../../../src/index.js';
import { isWellFormedText, makeArticle } from '../../support/builders.js';

/** A title that sets the window title, rings the bell and clears the screen, then reads backwards. */
const evil = 'Harbor \u001B]0;pwned\u0007news\u001B[2J \u202Etxt.exe\u202C \u009B31m';
/** Anything a terminal would act on rather than print. */
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

async function chat(bot: Storybot, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  const done = runChat(bot, { input, output, isInteractive: false, style: { color: false } });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return written;
}

describe('cleanForTerminal', () => {
  it('removes escape sequences’ introducers, bells and bidirectional overrides, and keeps newlines', () => {
    expect(cleanForTerminal(`${evil}\nnext`)).toBe('Harbor ]0;pwnednews[2J txt.exe 31m\nnext');
    expect(cleanLine('a\nb\tc')).toBe('a b c');
  });

  it('replaces lone surrogates and keeps whole pairs', () => {
    expect(cleanForTerminal('a\uD83D')).toBe('a\uFFFD');
    expect(cleanForTerminal('\uDE00b')).toBe('\uFFFDb');
    expect(cleanForTerminal('😀')).toBe('😀');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])('never leaves anything a terminal acts on', (text) => {
    const cleaned = cleanForTerminal(text);
    expect(cleaned).not.toMatch(unsafe);
    expect(isWellFormedText(cleaned)).toBe(true);
  });
});

describe('what the terminal prints from untrusted text', () => {
  const bot = Storybot.fromCorpus({
    dir: 'corpus',
    skipped: [],
    articles: [makeArticle({ id: 'evil', title: evil, source: `Gazette\u202E`, paragraphs: ['The harbor reopened on Monday.'] })],
  });

  it('cleans titles in :sources and in the :article reply', async () => {
    const out = await chat(bot, [':sources', ':article evil']);
    expect(out).not.toMatch(unsafe);
    expect(out).toContain('• Harbor ]0;pwnednews[2J txt.exe 31m (Gazette), 1 paragraphs [evil]');
  });

  it('cleans what the user typed in "Unknown command" and "No article has the id"', async () => {
    const out = await chat(bot, [':\u001B]0;x\u0007boom', ':article \u001B[2Jnope']);
    expect(out).not.toMatch(unsafe);
    expect(out).toContain('Unknown command :]0;xboom.');
    expect(out).toContain('No article has the id "[2Jnope".');
  });

  it('cleans citations, right-to-left overrides included', () => {
    const citation = { documentId: 'evil', title: evil, source: 'Gazette\u202E', paragraph: 1, url: 'https://e.test/\u202E' };
    expect(formatCitation(citation)).not.toMatch(unsafe);
    expect(formatAnswer(bot.ask('When did the harbor reopen?'), { color: true }).replace(/\u001B\[[0-9;]*m/g, '')).not.toMatch(unsafe);
  });

  it('cleans corpus:check problem lines and npm run report lines', () => {
    const reading = {
      corpus: { dir: 'corpus', articles: [], skipped: [] },
      files: ['x.md'],
      problems: [{ file: `corpus/\u001B]0;pwned\u0007.md`, problem: 'is empty' }],
    };
    expect(report('corpus', reading)).toContain('  corpus/]0;pwned.md: is empty');
    expect(report('corpus', reading)).not.toMatch(unsafe);
    const time = '2026-01-20T10:00:00.000Z';
    const entries = [
      { kind: 'feedback', time, platform: 'discord', helpful: true, cited: { documentId: '\u001B[2J\u001B]0;x\u0007', paragraph: 999999 } },
      { kind: 'declined', time, platform: 'slack', question: 'why \u001B[31mred\u202E?' },
    ];
    const text = formatReport(summarizeUsage(entries), new Map());
    expect(text).not.toMatch(unsafe);
    expect(text).toContain('why [31mred?');
  });
});
