import { loadDotenv } from '../env.js';
import { askCommand, requestOf } from './args.js';
import { runCommand } from '../command-line.js';

/**
 * `npm run ask`: one answer for people, JSON for scripts. Exit codes: 0 answered or declined,
 * 1 corpus error (every bad file named), 2 usage error. The core is imported only once the command
 * line is known to be good, so `--help` and a mistake answer at once.
 */
loadDotenv();
process.exitCode = await runCommand(askCommand, process.argv.slice(2), async (line) => {
  const request = requestOf(line);
  const { answerRequest } = await import('./ask.js');
  return answerRequest(request);
});
