import { fc, test } from './support/property.js';
import { describe, expect } from 'vitest';
import { Storybot } from '../src/index.js';
import { problemsWith, questionArbitrary } from '../scripts/fuzz-checks.js';

const bot = await Storybot.load('corpus');

// The same checks as `npm run fuzz` (100,000 questions), on a smaller seeded run.
describe('the question path and both renderers', () => {
  test.prop([questionArbitrary], { numRuns: 400, seed: 7 })('stay verbatim, in bounds and inert for any question', (question) => {
    expect(problemsWith(bot, question)).toEqual([]);
  });

  test.prop([fc.constantFrom('@everyone who is Harfuch?', '<!channel> fentanyl labs', '**Sheinbaum** <https://x.example|y>')])(
    'keep hostile markup in questions from pinging or linking',
    (question) => {
      expect(problemsWith(bot, question)).toEqual([]);
    },
  );
});
