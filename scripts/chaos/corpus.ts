import { cp, mkdir, mkdtemp, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Storybot } from '../../src/index.js';
import { runChat } from '../../adapters/terminal/chat.js';
import { runScript } from '../../test/support/run-script.js';
import { generateCorpus, generateQuestions, writeCorpus } from '../synthetic-corpus.js';
import { watchPauses } from '../../test/support/pause-probe.js';
import type { Counts } from './table.js';

/** Anything a terminal would act on rather than print. */
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const secret = 'root:x:0:0:chaos-secret';

/** A corpus directory that a careless admin (or an attacker with write access to it) made. */
async function hostileCorpus(): Promise<{ dir: string; files: number }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'chaos-corpus-'));
  const dir = path.join(parent, 'corpus');
  await cp('corpus', dir, { recursive: true });
  await writeFile(path.join(parent, 'secret.txt'), `${secret}\n`);
  await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
  await symlink('../secret.txt', path.join(dir, 'secret.txt'));
  await mkdir(path.join(parent, 'elsewhere'));
  await symlink('../elsewhere', path.join(dir, 'dir-link.md'));
  await symlink('loop-b.md', path.join(dir, 'loop-a.md'));
  await symlink('loop-a.md', path.join(dir, 'loop-b.md'));
  await symlink('gone.md', path.join(dir, 'dangling.md'));
  await writeFile(path.join(dir, 'huge.md'), '');
  await truncate(path.join(dir, 'huge.md'), 200 * 1024 * 1024);
  await writeFile(path.join(dir, 'many.txt'), Array.from({ length: 5_001 }, (_, i) => `Paragraph ${i}.`).join('\n'));
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  ];
  await writeFile(path.join(dir, 'bomb.md'), `---\ntitle: Bomb\n${bomb.join('\n')}\n---\n\nA paragraph.\n`);
  await writeFile(
    path.join(dir, 'evil-title.md'),
    '---\ntitle: "Harbor \\e]0;pwned\\a news \\e[2J \\u202Etxt.exe"\n---\n\nThe harbor reopened on Monday.\n',
  );
  await writeFile(path.join(dir, '\u001B]0;pwned\u0007.md'), '');
  return { dir, files: 12 };
}

/** Links out of the corpus, loops, a 200 MB file, 5,001 paragraphs, a YAML alias bomb and escape sequences, at start and on reload. */
export async function hostileFiles(): Promise<Counts> {
  const { dir, files } = await hostileCorpus();
  const rss = process.memoryUsage().rss;
  const bot = await Storybot.load(dir);
  const probe = watchPauses();
  const outcome = await bot.reload();
  const pauses = probe.stop();
  const grown = (process.memoryUsage().rss - rss) / 1024 / 1024;
  const served = ['root', 'chaos secret', 'passwd']
    .flatMap((q) => bot.ask(q).results.map((r) => r.text))
    .filter((t) => t.includes('root:x:0'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const chat = runChat(bot, { input, output, isInteractive: false, style: { color: false } });
  input.end(':sources\n:article \u001B]0;x\u0007\n:\u001B[2Jboom\nWhen did the harbor reopen?\n');
  await chat;
  const check = await runScript('adapters/cli/corpus-check.ts', [dir]);
  const escapes = [printed, check.stdout].filter((text) => unsafe.test(text)).length;
  const problems = outcome.ok ? 0 : outcome.problems.length;
  return {
    pauses,
    requests: files + 2,
    crashes: check.code === 1 ? 0 : 1,
    leaks: served.length + escapes,
    overLimit: grown > 256 ? 1 : 0,
    note: `${problems} problems reported, corpus:check exit ${check.code}; RSS grew ${Math.round(grown)} MB; nothing outside served, no raw escapes`,
  };
}

/** A 1 MB single-paragraph file added to a running bot, and questions asked all through the reload. */
export async function longParagraph(): Promise<Counts> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaos-long-'));
  await cp('corpus', dir, { recursive: true });
  const bot = await Storybot.load(dir);
  const sentence = 'The harbor pilots said the channel near Mexico City was deeper than before. ';
  await writeFile(path.join(dir, 'long.md'), `---\ntitle: Long\n---\n\n${sentence.repeat(Math.ceil((1024 * 1024) / sentence.length))}\n`);
  const questions = ['Who is Mexico’s security chief?', 'How deep was the channel?'];
  return reloadWhileAsking(bot, questions, (asked) => `reload of 1 MB in one paragraph while ${asked} questions were answered`);
}

/** A reload of a generated corpus of `articles` articles (about 10 KB each), with questions asked all through it. */
export async function largeReload(articles: number): Promise<Counts> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaos-large-'));
  const { articles: generated, vocabulary } = generateCorpus({ articles });
  await writeCorpus(dir, generated);
  const bot = await Storybot.load(dir);
  // The suggestions a start works out on the next turn are the start's work, not the reload's: done first.
  bot.suggest('', 1);
  await writeFile(path.join(dir, 'synthetic-00000.md'), '---\ntitle: Changed\n---\n\nThe first article changed.\n');
  const megabytes = Math.round(generated.reduce((sum, a) => sum + a.paragraphs.reduce((n, p) => n + p.text.length, 0), 0) / 1e6);
  const size = `${articles.toLocaleString('en-US')} articles (${megabytes} MB of text)`;
  return reloadWhileAsking(bot, generateQuestions(vocabulary, 50), (asked) => `reload of ${size} while ${asked} questions were answered`);
}

/** Reloads `bot` while asking `questions` in turn, one every turn of the event loop, watching the pauses meanwhile. */
async function reloadWhileAsking(bot: Storybot, questions: readonly string[], describe: (asked: number) => string): Promise<Counts> {
  let asked = 0;
  let isReloading = true;
  const ask = () => {
    bot.ask(questions[asked % questions.length] ?? '');
    asked += 1;
    if (isReloading) setImmediate(ask);
  };
  setImmediate(ask);
  const probe = watchPauses();
  const outcome = await bot.reload();
  isReloading = false;
  const pauses = probe.stop();
  return { pauses, requests: asked + 1, crashes: outcome.swapped ? 0 : 1, leaks: 0, overLimit: 0, note: describe(asked) };
}
