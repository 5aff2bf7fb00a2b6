import { loadDotenv } from '../env.js';
import { readCorpus, type LoadProgress } from '../../src/index.js';
import { report } from './corpus-report.js';

/**
 * `npm run corpus:check [DIR]`: validates a corpus directory without starting anything, so admins can
 * check files before copying them in. Prints every problem as `file:line: problem` and exits 1, or a
 * summary (articles, paragraphs, words) and exits 0. Shows a progress bar on a terminal.
 */
async function main(args: readonly string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help') || args.length > 1) {
    process.stdout.write('Usage: npm run corpus:check [DIR]   (default: $CORPUS_DIR, else corpus/)\n');
    return args.length > 1 ? 2 : 0;
  }
  const dir = args[0] ?? process.env['CORPUS_DIR'] ?? 'corpus';
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : undefined;
  const reading = await readCorpus(dir, bar === undefined ? {} : { onProgress: bar.update });
  bar?.done();
  process.stdout.write(`${report(dir, reading)}\n`);
  return reading.problems.length > 0 ? 1 : 0;
}

function progressBar(stream: NodeJS.WriteStream): { update: (progress: LoadProgress) => void; done: () => void } {
  const width = 30;
  return {
    update: ({ filesRead, files }) => {
      const filled = Math.round((filesRead / Math.max(1, files)) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${filesRead}/${files} files read`);
    },
    done: () => stream.write('\r\u001B[K'),
  };
}

loadDotenv();
process.exitCode = await main(process.argv.slice(2));
