import { loadDotenv } from '../env.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCorpus, summarizeUsage } from '../../src/index.js';
import { formatReport } from './usage-report.js';

/**
 * `npm run report`: what readers ask that the corpus does not answer (the most frequent declined
 * questions) and what it answers most (the most cited paragraphs, with helpful / not helpful marks),
 * from the usage log in USAGE_LOG_DIR.
 */
async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { dir: { type: 'string' }, top: { type: 'string', default: '10' }, corpus: { type: 'string' } },
  });
  const dir = values.dir ?? process.env['USAGE_LOG_DIR'] ?? 'logs';
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl')).sort();
  if (files.length === 0) {
    process.stdout.write(`No usage log in ${dir}/ yet: it fills as people ask the bot (npm start).\n`);
    return 0;
  }
  const entries = (await Promise.all(files.map((name) => readFile(path.join(dir, name), 'utf8'))))
    .flatMap((text) => text.split('\n'))
    .flatMap((line) => parseLine(line));
  const { corpus } = await readCorpus(values.corpus ?? process.env['CORPUS_DIR'] ?? 'corpus');
  const titles = new Map(corpus.articles.map((article) => [article.id, article.title]));
  process.stdout.write(`${formatReport(summarizeUsage(entries, Number(values.top) || 10), titles)}\n`);
  return 0;
}

function parseLine(line: string): unknown[] {
  if (line.trim() === '') return [];
  try {
    return [JSON.parse(line) as unknown];
  } catch {
    return [];
  }
}

loadDotenv();
process.exitCode = await main(process.argv.slice(2));
