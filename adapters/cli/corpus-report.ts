import { formatCorpusProblem, type CorpusReading } from '../../src/index.js';
import { cleanLine } from '../terminal/clean.js';

/** The report an admin reads: every problem, or the summary of a clean corpus. */
export function report(dir: string, { corpus, problems, files }: CorpusReading): string {
  const paragraphs = corpus.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
  const words = corpus.articles.reduce(
    (sum, article) => sum + article.paragraphs.reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0),
    0,
  );
  const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
  const summary = `${cleanLine(dir)}: ${count(files.length, 'file')}, ${count(corpus.articles.length, 'valid article')}, ${count(paragraphs, 'paragraph')}, ${count(words, 'word')}.`;
  if (problems.length === 0) return `${summary} No problems.`;
  const lines = problems.map((problem) => `  ${cleanLine(formatCorpusProblem(problem))}`);
  return `${summary}\n${count(problems.length, 'problem')}:\n${lines.join('\n')}`;
}
