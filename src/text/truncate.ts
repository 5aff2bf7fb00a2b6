import { splitSentences } from './sentences.js';

const ellipsis = '…';

/**
 * Shortens `text` to at most `maxChars` characters for a platform limit, cutting after the last whole
 * sentence that fits and adding an ellipsis; a first sentence too long to fit is cut at a word instead.
 * Text that fits is returned as it is.
 *
 * @example truncateAtSentence('One. Two three.', 8) // 'One. …'
 */
export function truncateAtSentence(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= ellipsis.length) return ellipsis.slice(0, Math.max(0, maxChars));
  const budget = maxChars - ellipsis.length - 1;
  const fitting = splitSentences(text)
    .filter((span) => span.end <= budget)
    .at(-1);
  if (fitting !== undefined) return `${text.slice(0, fitting.end)} ${ellipsis}`;
  const cut = text.lastIndexOf(' ', budget + 1);
  const head = text.slice(0, cut > budget / 2 ? cut : budget + 1).trimEnd();
  return `${head.replace(/[\uD800-\uDBFF]$/, '')}${ellipsis}`;
}
