import { fc, test } from '../support/property.js';
import { describe, expect, it } from 'vitest';
import { documentIdFor, parseArticleFile } from '../../src/index.js';
import { bytes } from '../support/builders.js';

const md = (frontMatter: string, body = 'Some text.') => bytes(`---\n${frontMatter}\n---\n\n${body}\n`);

describe('parseArticleFile', () => {
  it('reads front matter and numbers paragraphs from 1 when the file is Markdown', () => {
    const result = parseArticleFile('corpus/a.md', bytes('---\ntitle: A story\nsource: The Paper\npublished: 2026-01\n---\n\nFirst one.\n\nSecond\nline two.\n'));
    expect(result).toEqual({
      article: {
        id: 'a',
        file: 'corpus/a.md',
        title: 'A story',
        source: 'The Paper',
        published: '2026-01',
        paragraphs: [
          { number: 1, text: 'First one.', line: 7 },
          { number: 2, text: 'Second line two.', line: 9 },
        ],
      },
    });
  });

  it('keeps author and url and drops unknown keys when the front matter has them', () => {
    const result = parseArticleFile('a.md', md('title: T\nauthor: Ann Lee\nurl: https://example.com/a\nnotes: private'));
    expect(result).toMatchObject({ article: { title: 'T', author: 'Ann Lee', url: 'https://example.com/a' } });
    expect('article' in result && 'notes' in result.article).toBe(false);
  });

  it.each(['2026', '2026-01', '2026-01-15'])('accepts the date %s when published is a year, month or day', (date) => {
    expect(parseArticleFile('a.md', md(`title: T\npublished: ${date}`))).toMatchObject({ article: { published: date } });
  });

  it('names the file, line and field when the title is missing', () => {
    expect(parseArticleFile('corpus/b.md', bytes('---\nsource: X\n---\nText.\n'))).toEqual({
      problems: [{ file: 'corpus/b.md', line: 1, problem: 'front matter: title: is required' }],
    });
  });

  it('names the file, line and field when the date is malformed', () => {
    expect(parseArticleFile('c/d.md', md('title: T\nsource: S\npublished: 15/01/2026'))).toEqual({
      problems: [{ file: 'c/d.md', line: 4, problem: 'front matter: published: expected a date like 2026-01 or 2026-01-15, got "15/01/2026"' }],
    });
  });

  it('names the file, line and field when the url is not a web address', () => {
    expect(parseArticleFile('c/e.md', md('title: T\nurl: not a url'))).toEqual({
      problems: [{ file: 'c/e.md', line: 3, problem: 'front matter: url: expected a web address starting with http:// or https://' }],
    });
  });

  it('reports the date and the url together when both are bad', () => {
    const result = parseArticleFile('f.md', md('title: T\npublished: 2026-1\nurl: ftp://x.org'));
    expect('problems' in result && result.problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('rejects bytes that are not UTF-8 and says where', () => {
    const result = parseArticleFile('corpus/c.txt', new Uint8Array([0x61, 0x0a, 0xff, 0x62]));
    expect(result).toEqual({
      problems: [{ file: 'corpus/c.txt', line: 2, problem: 'is not valid UTF-8 text (first bad byte at offset 2); save it as UTF-8' }],
    });
  });

  it.each([
    ['an empty file', '', { file: 'x.md', problem: 'is empty' }],
    ['a blank file', ' \n\n\t\n', { file: 'x.md', problem: 'is empty' }],
    ['an unclosed front matter block', '---\ntitle: T\n\nText.\n', { file: 'x.md', line: 1, problem: "front matter starts on line 1 but has no closing '---' line" }],
    ['no front matter', 'Just text.\n', { file: 'x.md', line: 1, problem: "has no front matter: start the file with a '---' line, then `title: ...`, then another '---' line" }],
    ['no paragraphs', '---\ntitle: T\n---\n\n', { file: 'x.md', line: 3, problem: 'has a front matter block but no paragraphs after it' }],
    ['a blank title', '---\ntitle: "  "\n---\nText.\n', { file: 'x.md', line: 2, problem: 'front matter: title: is empty' }],
  ])('gives one precise problem when the file has %s', (_case, text, problem) => {
    expect(parseArticleFile('x.md', bytes(text))).toEqual({ problems: [problem] });
  });

  it.each([
    ['a duplicate key', 'title: A\ntitle: B', 3, 'front matter: Map keys must be unique'],
    ['an unclosed quote', 'title: T\nsource: "x\nauthor: y', 4, 'front matter: Missing closing "quote'],
  ])('names the file line of a YAML syntax error when the front matter has %s', (_case, frontMatter, line, problem) => {
    const result = parseArticleFile('y.md', md(frontMatter));
    expect(result).toMatchObject({ problems: [{ file: 'y.md', line, problem: expect.stringMatching(new RegExp(`^${problem}`)) }] });
  });

  it('rejects a day that does not exist in its month when published names one', () => {
    expect(parseArticleFile('d.md', md('title: T\npublished: 2026-02-30'))).toEqual({
      problems: [{ file: 'd.md', line: 3, problem: 'front matter: published: expected a date like 2026-01 or 2026-01-15, got "2026-02-30"' }],
    });
  });

  it('reports an unresolved YAML alias as a front matter problem with its line instead of throwing', () => {
    const parse = () => parseArticleFile('z.md', md('source: S\ntitle: *anchor'));
    expect(parse).not.toThrow();
    expect(parse()).toMatchObject({ problems: [{ file: 'z.md', line: 3, problem: expect.stringMatching(/^front matter: /) }] });
  });

  it('reads a numeric title as text when YAML would make it a number', () => {
    expect(parseArticleFile('n.md', md('title: 1984'))).toMatchObject({ article: { title: '1984' } });
  });

  it('reads one paragraph per non-empty line and takes the title from the file name when the file is .txt', () => {
    expect(parseArticleFile('news/town_bakery-closes.txt', bytes('First line.\n\n  Second line.  \nThird line.\n'))).toEqual({
      article: {
        id: 'town-bakery-closes',
        file: 'news/town_bakery-closes.txt',
        title: 'Town bakery closes',
        paragraphs: [
          { number: 1, text: 'First line.', line: 1 },
          { number: 2, text: 'Second line.', line: 3 },
          { number: 3, text: 'Third line.', line: 4 },
        ],
      },
    });
  });

  it('ignores a byte order mark and Windows line ends when the editor wrote them', () => {
    const result = parseArticleFile('w.md', bytes('\uFEFF---\r\ntitle: T\r\n---\r\n\r\nOne.\r\n\r\nTwo.\r\n'));
    expect(result).toMatchObject({ article: { title: 'T', paragraphs: [{ number: 1, text: 'One.' }, { number: 2, text: 'Two.' }] } });
  });
});

describe('documentIdFor', () => {
  it.each([
    ['us-presses-mexico-on-cartels.md', 'us-presses-mexico-on-cartels'],
    ['corpus/Señor García’s Story.md', 'senor-garcia-s-story'],
    ['a.md', 'a'],
    ['a.txt', 'a'],
    ['___.md', 'article'],
  ])('maps %s to %s when given a file name', (file, id) => {
    expect(documentIdFor(file)).toBe(id);
  });

  test.prop([fc.string({ maxLength: 40 })])('gives a url-safe id that maps to itself when the name is arbitrary', (name) => {
    const id = documentIdFor(`${name}.md`);
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(documentIdFor(`${id}.txt`)).toBe(id);
  });
});
