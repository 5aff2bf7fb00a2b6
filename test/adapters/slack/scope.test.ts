import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { formatScope, parseScope } from '../../../adapters/slack/scope.js';

const documentId = fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/);

describe('parseScope', () => {
  it('takes the id after a leading in: and removes the token', () => {
    expect(parseScope('in:us-presses-mexico-on-cartels who is Harfuch?')).toEqual({
      article: 'us-presses-mexico-on-cartels',
      question: 'who is Harfuch?',
    });
    expect(parseScope('  IN:Mill-Bridge,   when did it reopen?')).toEqual({ article: 'mill-bridge', question: 'when did it reopen?' });
    expect(parseScope('in:mill-bridge')).toEqual({ article: 'mill-bridge', question: '' });
  });

  it('leaves a question without a leading in:<id> for every article, unchanged', () => {
    for (const text of ['who is Harfuch?', 'who is in:charge?', 'in: mill-bridge who?', 'in:?? who?', 'within:x who?', '']) {
      expect(parseScope(text)).toEqual({ article: undefined, question: text });
    }
  });

  test.prop([documentId, fc.string({ maxLength: 200 }).map((q) => q.trim())])('reads back what formatScope wrote', (article, question) => {
    expect(parseScope(formatScope({ article, question }))).toEqual({ article, question });
  });

  test.prop([fc.string({ maxLength: 300 })])('never throws, and only ever removes a leading in: token', (text) => {
    const { article, question } = parseScope(text);
    if (article === undefined) expect(question).toBe(text);
    else expect(text.toLowerCase().replace(/\s+/g, ' ')).toContain(question.toLowerCase().replace(/\s+/g, ' '));
  });
});
