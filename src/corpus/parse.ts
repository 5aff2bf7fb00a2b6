import { parseDocument } from 'yaml';
import type { CorpusProblem } from '../errors.js';
import { readSimpleFrontMatter } from './front-matter.js';
import { frontMatterSchema, type Article, type Paragraph } from './schema.js';

/** The file name endings the corpus reads; anything else in the directory is skipped. */
export const articleExtensions = ['.md', '.markdown', '.txt'] as const;

export type ParseResult = { readonly article: Article } | { readonly problems: readonly CorpusProblem[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The stable document id for a file name: its base name, lower-cased, runs of other characters as `-`. */
export function documentIdFor(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]*$/, '');
  const id = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return id === '' ? 'article' : id;
}

/**
 * Parses one article file (pure: bytes in, article or every problem out).
 * `.md` files need a YAML front matter block with a title; `.txt` files are one paragraph per line.
 */
export function parseArticleFile(file: string, bytes: Uint8Array): ParseResult {
  let raw: string;
  try {
    raw = utf8.decode(bytes);
  } catch {
    const { offset, line } = firstInvalidUtf8(bytes);
    return fail(file, `is not valid UTF-8 text (first bad byte at offset ${offset}); save it as UTF-8`, line);
  }
  const unmarked = raw.replace(/^\uFEFF/, '');
  const content = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  if (content.trim() === '') return fail(file, 'is empty');
  if (content.includes('\u0000')) return fail(file, 'contains NUL bytes: it looks like a binary file, not text');
  return file.toLowerCase().endsWith('.txt') ? parseText(file, content) : parseMarkdown(file, content);
}

function parseText(file: string, content: string): ParseResult {
  const paragraphs: Paragraph[] = [];
  content.split('\n').forEach((line, index) => {
    const text = line.trim();
    if (text !== '') paragraphs.push({ number: paragraphs.length + 1, text, line: index + 1 });
  });
  const id = documentIdFor(file);
  return { article: { id, file, title: titleFromFileName(file), paragraphs } };
}

function parseMarkdown(file: string, content: string): ParseResult {
  const lines = content.split('\n');
  if (lines[0]?.trim() !== '---') {
    return fail(file, "has no front matter: start the file with a '---' line, then `title: ...`, then another '---' line", 1);
  }
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close === -1) return fail(file, "front matter starts on line 1 but has no closing '---' line", 1);

  const read = readFrontMatter(file, lines.slice(1, close));
  if ('problems' in read) return read;
  const { data } = read;
  if (typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, 'front matter: expected `key: value` lines such as `title: ...`', 2);
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const problems: CorpusProblem[] = [];
    const lineOf = (key: PropertyKey) => lineOfKey(lines, close, String(key));
    for (const issue of result.error.issues) {
      const key = issue.path[0] ?? '(front matter)';
      problems.push({ file, line: lineOf(key), problem: `front matter: ${String(key)}: ${issue.message}` });
    }
    return { problems };
  }
  const paragraphs = splitParagraphs(lines, close + 1);
  if (paragraphs.length === 0) return fail(file, 'has a front matter block but no paragraphs after it', close + 1);
  const meta = Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined));
  return { article: { id: documentIdFor(file), file, ...meta, title: result.data.title, paragraphs } };
}

/** The front matter's object: read directly when it is simple (most files), else by the YAML library. */
function readFrontMatter(file: string, yamlLines: readonly string[]): { readonly data: unknown } | { readonly problems: readonly CorpusProblem[] } {
  const simple = readSimpleFrontMatter(yamlLines);
  if (simple !== undefined) return { data: simple };
  // prettyErrors gives each error its line; the front matter starts on the file's second line.
  const document = parseDocument(yamlLines.join('\n'), { prettyErrors: true });
  const problems = document.errors.map((error) => ({
    file,
    line: (error.linePos?.[0]?.line ?? 1) + 1,
    problem: `front matter: ${firstLine(error.message)}`,
  }));
  if (problems.length > 0) return { problems };
  try {
    return { data: document.toJS() ?? {} };
  } catch (error) {
    // An alias to an anchor that is not defined (`title: *draft`) fails only when values are read.
    const alias = yamlLines.findIndex((line) => /:\s*\*/.test(line));
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return { problems: [{ file, line: alias === -1 ? 1 : alias + 2, problem: `front matter: ${message}` }] };
  }
}

/** Paragraphs are runs of non-blank lines; the lines of one paragraph are joined with a space. */
function splitParagraphs(lines: readonly string[], from: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: string[] = [];
  let startLine = 0;
  const flush = () => {
    if (current.length > 0) paragraphs.push({ number: paragraphs.length + 1, text: current.join(' '), line: startLine });
    current = [];
  };
  for (let index = from; index < lines.length; index += 1) {
    const text = (lines[index] ?? '').trim();
    if (text === '') {
      flush();
      continue;
    }
    if (current.length === 0) startLine = index + 1;
    current.push(text);
  }
  flush();
  return paragraphs;
}

function lineOfKey(lines: readonly string[], close: number, key: string): number {
  const index = lines.slice(1, close).findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 2;
}

function titleFromFileName(file: string): string {
  const words = (file.split('/').pop() ?? file).replace(/\.[^.]*$/, '').replace(/[-_]+/g, ' ').trim();
  return words === '' ? file : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where decoding first fails: lenient decoding marks bad bytes with U+FFFD. */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
  return { offset: Buffer.byteLength(before, 'utf8'), line: before.split('\n').length };
}

const firstLine = (message: string) => message.split('\n')[0] ?? message;

const fail = (file: string, problem: string, line?: number): ParseResult => ({
  problems: [line === undefined ? { file, problem } : { file, line, problem }],
});
