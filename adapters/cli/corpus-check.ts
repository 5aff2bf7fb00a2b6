import type { LoadProgress } from '../../src/index.js';
import { loadDotenv } from '../env.js';
import { defineCommand, runCommand } from '../command-line.js';

const command = defineCommand({
  name: 'npm run corpus:check --',
  usage: `Usage: npm run corpus:check [DIR]

Checks every article file in DIR (default: $CORPUS_DIR, else corpus/) without starting the bot: prints
each problem as file:line: problem, or a summary when there is none.

Exit codes: 0 no problems, 1 problems found, 2 usage error.`,
  maxPositionals: 1,
  options: {},
});

/**
 * `npm run corpus:check [DIR]`: validates a corpus directory without starting anything, so admins can
 * check files before copying them in. Prints every problem as `file:line: problem` and exits 1, or a
 * summary (articles, paragraphs, words) and exits 0. Shows a progress bar on a terminal.
 */
loadDotenv();
process.exitCode = await runCommand(command, process.argv.slice(2), async ({ positionals }) => {
  const [{ ConfigError, coreEnvSchema, limitsWithCorpusMB, parseEnv, readCorpus }, { report }] = await Promise.all([
    import('../../src/index.js'),
    import('./corpus-report.js'),
  ]);
  // The bot's own limits (CORPUS_MAX_MB), so that what passes here is what the bot serves.
  let config;
  try {
    config = parseEnv(coreEnvSchema.pick({ CORPUS_DIR: true, CORPUS_MAX_MB: true }), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const dir = positionals[0] ?? config.CORPUS_DIR;
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : undefined;
  const limits = limitsWithCorpusMB(config.CORPUS_MAX_MB);
  const reading = await readCorpus(dir, bar === undefined ? { limits } : { onProgress: bar.update, limits });
  bar?.done();
  process.stdout.write(`${report(dir, reading)}\n`);
  return reading.problems.length > 0 ? 1 : 0;
});

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
