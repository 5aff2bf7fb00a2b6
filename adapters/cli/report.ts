import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDotenv } from '../env.js';
import { defineCommand, runCommand, wholeNumber } from '../command-line.js';

const command = defineCommand({
  name: 'npm run report --',
  usage: `Usage: npm run report -- [--dir DIR] [--corpus DIR] [--top N]

What readers asked that the corpus does not answer (the most frequent declined questions) and what it
answers most (the most cited paragraphs, with helpful / not helpful marks), from the usage log.

Options:
  --dir DIR      the usage log directory (default: $USAGE_LOG_DIR, else logs/)
  --corpus DIR   the corpus, for article titles (default: $CORPUS_DIR, else corpus/)
  --top N        how many of each to list, 1 or more (default 10)
  -h, --help     this help

Exit codes: 0 printed, 2 usage error.`,
  options: { dir: { type: 'string' }, top: { type: 'string', default: '10' }, corpus: { type: 'string' } },
});

/**
 * `npm run report`: what readers ask that the corpus does not answer (the most frequent declined
 * questions) and what it answers most (the most cited paragraphs, with helpful / not helpful marks),
 * from the usage log in USAGE_LOG_DIR.
 */
loadDotenv();
process.exitCode = await runCommand(command, process.argv.slice(2), async ({ values }) => {
  const top = wholeNumber('--top', values.top, { min: 1 });
  const dir = values.dir ?? process.env['USAGE_LOG_DIR'] ?? 'logs';
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl')).sort();
  if (files.length === 0) {
    process.stdout.write(`No usage log in ${dir}/ yet: it fills as people ask the bot (npm start).\n`);
    return 0;
  }
  const [{ readCorpus, summarizeUsage }, { formatReport }] = await Promise.all([import('../../src/index.js'), import('./usage-report.js')]);
  const entries = (await Promise.all(files.map((name) => readFile(path.join(dir, name), 'utf8'))))
    .flatMap((text) => text.split('\n'))
    .flatMap((line) => parseLine(line));
  const { corpus } = await readCorpus(values.corpus ?? process.env['CORPUS_DIR'] ?? 'corpus');
  const titles = new Map(corpus.articles.map((article) => [article.id, article.title]));
  process.stdout.write(`${formatReport(summarizeUsage(entries, top), titles)}\n`);
  return 0;
});

function parseLine(line: string): unknown[] {
  if (line.trim() === '') return [];
  try {
    return [JSON.parse(line) as unknown];
  } catch {
    return [];
  }
}
