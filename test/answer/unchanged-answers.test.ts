import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerSets, differenceOf, recordOf, type AnswerRecord } from '../support/answer-snapshot.js';

/**
 * Answers must not change when only the machinery under them does (the index's layout, the search's
 * speed): every question of the snapshot gets the same answer, ties aside. After a change meant to alter
 * answers (a new calibration, say), rewrite the snapshot with
 * `WRITE_ANSWERS=1 npx vitest run test/answer/unchanged-answers.test.ts` and say why in the commit.
 */
const file = 'test/fixtures/answers.json';
const sets = await answerSets();

if (process.env['WRITE_ANSWERS'] === '1') {
  // One answer a line: small, and a change shows as the lines of the answers it changed.
  const lines = sets.map(
    (set) => `${JSON.stringify(set.name)}: [\n${set.questions.map((q) => JSON.stringify(recordOf(q, set.ask(q)))).join(',\n')}\n]`,
  );
  writeFileSync(file, `{\n${lines.join(',\n')}\n}\n`);
}
const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Record<string, AnswerRecord[] | undefined>;

describe('answers', () => {
  it.each(sets.map((set) => [set.name, set] as const))('to %s are the snapshot’s, ties aside', (name, set) => {
    const expected = snapshot[name];
    if (expected === undefined) throw new Error(`${file} has no answers for ${name}: rewrite it (WRITE_ANSWERS=1)`);
    expect(set.questions).toEqual(expected.map((record) => record.question));
    const differences = expected.flatMap((record) => {
      const actual = recordOf(record.question, set.ask(record.question));
      const difference = differenceOf(record, actual, () => recordOf(record.question, set.ask(record.question, 10)));
      return difference === undefined ? [] : [`${record.question}: ${difference}`];
    });
    expect(differences).toEqual([]);
  });
});
