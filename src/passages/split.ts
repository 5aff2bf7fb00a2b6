import type { Article } from '../corpus/schema.js';
import { splitSentences, type Span } from '../text/sentences.js';

/** A searchable piece of one paragraph: the whole paragraph, or a window of its sentences when it is long. */
export type Passage = {
  readonly documentId: string;
  /** The paragraph's number in its article, from 1: every window of a paragraph keeps it. */
  readonly paragraph: number;
  /** Verbatim text: `paragraphText.slice(offset, offset + text.length) === text`. */
  readonly text: string;
  /** Where `text` starts in its paragraph. */
  readonly offset: number;
  /** Sentence spans, relative to `text`. */
  readonly sentences: readonly Span[];
};

export type SplitOptions = {
  /** The longest passage, in characters; longer paragraphs become windows of whole sentences. @default 1000 */
  readonly maxChars?: number;
};

export const defaultSplitOptions = { maxChars: 1000 } as const;

/**
 * Splits an article into passages: one per paragraph, or for a paragraph longer than `maxChars`,
 * consecutive windows of whole sentences (a single over-long sentence is cut at white space).
 * Pure: nothing is lost but the white space between windows.
 */
export function splitIntoPassages(article: Article, options: SplitOptions = {}): Passage[] {
  const maxChars = Math.max(1, options.maxChars ?? defaultSplitOptions.maxChars);
  return article.paragraphs.flatMap((paragraph) =>
    windowsOf(paragraph.text, maxChars).map((window) => {
      const text = paragraph.text.slice(window.start, window.end);
      const sentences = splitSentences(text);
      return { documentId: article.id, paragraph: paragraph.number, text, offset: window.start, sentences };
    }),
  );
}

/** Groups sentences greedily into windows of at most `maxChars`, cutting over-long sentences first. */
function windowsOf(text: string, maxChars: number): Span[] {
  if (text.length <= maxChars) return text.trim() === '' ? [] : [{ start: 0, end: text.length }];
  const pieces = splitSentences(text).flatMap((sentence) => cutLongSpan(text, sentence, maxChars));
  const windows: Span[] = [];
  for (const piece of pieces) {
    const last = windows.at(-1);
    if (last !== undefined && piece.end - last.start <= maxChars) windows[windows.length - 1] = { start: last.start, end: piece.end };
    else windows.push(piece);
  }
  return windows;
}

function cutLongSpan(text: string, span: Span, maxChars: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    const limit = start + maxChars;
    const space = text.lastIndexOf(' ', limit);
    const end = space > start ? space : limit;
    pieces.push({ start, end });
    start = end;
    while (start < span.end && /\s/.test(text.charAt(start))) start += 1;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}
