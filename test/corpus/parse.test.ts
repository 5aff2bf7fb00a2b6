import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);

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

  it('names the file, line and field when the title is missing', () => {
    expect(parseArticleFile('corpus/b.md', bytes('---\nsource: X\n---\nText.\n'))).toEqual({
      problems: [{ file: 'corpus/b.md', line: 1, problem: 'front matter: title: is required' }],
    });
  });

  it('rejects bytes that are not UTF-8 and says where', () => {
    const result = parseArticleFile('corpus/c.txt', new Uint8Array([0x61, 0x0a, 0xff, 0x62]));
    expect(result).toEqual({
      problems: [{ file: 'corpus/c.txt', line: 2, problem: 'is not valid UTF-8 text (first bad byte at offset 2); save it as UTF-8' }],
    });
  });
});
