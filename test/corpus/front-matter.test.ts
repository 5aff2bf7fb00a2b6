import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readSimpleFrontMatter } from '../../src/corpus/front-matter.js';

/** What the YAML library reads from the lines, or 'error' when it finds a problem. */
function yamlReading(lines: readonly string[]): unknown {
  const document = parseDocument(lines.join('\n'), { prettyErrors: true });
  if (document.errors.length > 0) return 'error';
  try {
    return document.toJS() ?? {};
  } catch {
    return 'error';
  }
}

const safe = fc.constantFrom('a', 'Z', 'é', 'A story', 'The Paper', ' ', '7', '.', ',', '-', "'", '"', '(', ')', '/', 'https://x.org/a#b');
const tricky = fc.constantFrom(
  '  ', '#', ' #', ':', ': ', '\\', '- ', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '~', '?', '\t', '\u0085', '\u2028',
  '\ufeff', '\u00a0', 'null', 'True', 'NULL', 'no', 'yes', '.inf', '.NaN', '0x1F', '0o17', '1e3', '-12', '+3', '2026-01-15', '12:30',
);
const text = fc.array(fc.oneof({ weight: 8, arbitrary: safe }, { weight: 1, arbitrary: tricky }), { maxLength: 6 }).map((parts) => parts.join(''));
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('title', 'source', 'author', 'published', 'url', 'footer') },
  { weight: 1, arbitrary: fc.constantFrom('Title', 'null', 'true', 'a_b', 'x y', '1a', '', '-k', 'k'.repeat(70)) },
  { weight: 1, arbitrary: text },
);
const value = fc.oneof(text, text.map((t) => `"${t}"`), text.map((t) => `'${t}'`), fc.tuple(text, text).map(([a, b]) => `"${a}" ${b}`));
const separator = fc.oneof({ weight: 4, arbitrary: fc.constant(': ') }, { weight: 1, arbitrary: fc.constantFrom(':  ', ':', ' : ', ':\t', ': \t') });
const line = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(key, separator, value, fc.constantFrom('', '', '', ' ', '  ', '\t')).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '# a comment', '  indented: x', '- item', '%YAML 1.1', '---', '? k') },
  { weight: 1, arbitrary: text },
);

describe('readSimpleFrontMatter', () => {
  it('reads plain and quoted one-line values when the front matter is simple', () => {
    const lines = ['title: "The U.S.: Mexico\'s #1 story"', "source: 'The Paper'", '', 'author:   Ann Lee  ', 'url: https://example.com/a#b'];
    expect(readSimpleFrontMatter(lines)).toEqual({ title: "The U.S.: Mexico's #1 story", source: 'The Paper', author: 'Ann Lee', url: 'https://example.com/a#b' });
  });

  it.each([
    ['a number', ['title: 1984']],
    ['a date', ['published: 2026-01-15']],
    ['a boolean', ['title: true']],
    ['an escape', ['title: "a\\tb"']],
    ['a comment', ['title: A # draft']],
    ['a repeated key', ['title: A', 'title: B']],
    ['a folded line', ['title: A', '  continued']],
    ['a nested key', ['title: A: B']],
  ])('leaves the front matter to YAML when it has %s', (_case, lines) => {
    expect(readSimpleFrontMatter(lines)).toBeUndefined();
  });

  test.prop([line], { numRuns: 3000 })('reads what YAML reads from one line whenever it reads it', (one) => {
    const simple = readSimpleFrontMatter([one]);
    if (simple !== undefined) expect(simple).toStrictEqual(yamlReading([one]));
  });

  test.prop([fc.array(line, { maxLength: 5 })], { numRuns: 3000 })('reads what YAML reads from several lines whenever it reads them', (lines) => {
    const simple = readSimpleFrontMatter(lines);
    if (simple !== undefined) expect(simple).toStrictEqual(yamlReading(lines));
  });

  test.prop([fc.array(fc.tuple(fc.constantFrom('title', 'source', 'author'), fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,'()-]{0,40}$/).filter((v) => !/^(null|true|false) *$/i.test(v))), { maxLength: 3 })])(
    'reads the common front matter itself when each key is written once',
    (entries) => {
      const unique = [...new Map(entries)];
      const lines = unique.map(([k, v], i) => (i % 2 === 0 ? `${k}: "${v}"` : `${k}: ${v}`));
      const expected = yamlReading(lines);
      expect(readSimpleFrontMatter(lines)).toStrictEqual(expected);
    },
  );
});
