import type { Answer, Citation, Result } from '../../src/index.js';
import { cleanForTerminal as clean, cleanLine } from './clean.js';

/** How to draw text on a terminal: ANSI styles when it is one (and NO_COLOR is unset), plain otherwise. */
export type TextStyle = { readonly color: boolean };

const ansi = { bold: '\u001B[1m', yellow: '\u001B[33m', dim: '\u001B[2m', reset: '\u001B[0m' } as const;

/** The excerpt with its matched words highlighted (bold yellow) when `style.color`. */
export function highlightText(result: Pick<Result, 'text' | 'highlights'>, style: TextStyle): string {
  if (!style.color) return clean(result.text);
  let out = '';
  let at = 0;
  for (const [start, end] of [...result.highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += clean(result.text.slice(at, start)) + ansi.bold + ansi.yellow + clean(result.text.slice(start, end)) + ansi.reset;
    at = end;
  }
  return out + clean(result.text.slice(at));
}

/** "The New York Times, “Title”, ¶23" — or "article details" for metadata answers (paragraph 0). */
export function formatCitation(citation: Citation): string {
  const where = citation.paragraph === 0 ? 'article details' : `¶${citation.paragraph}`;
  const parts = [citation.source, `“${citation.title}”`, where].filter((part) => part !== undefined);
  return cleanLine(parts.join(', ') + (citation.url === undefined ? '' : ` <${citation.url}>`));
}

/** What the terminal says before the closest passages: they may not answer the question. */
export const closestIntro = "I'm not sure the story answers that. The closest it comes:";

/**
 * An answer as a person reads it in a terminal: each excerpt, then where it stands in the story; the closest
 * tier says first that it may not answer; a decline says so with suggestions.
 */
export function formatAnswer(answer: Answer, style: TextStyle): string {
  if (answer.outcome === 'declined') {
    const [example] = answer.suggestions;
    if (answer.reason === 'empty' || answer.reason === 'help') return askHint(example);
    const intro =
      answer.reason === 'no-match'
        ? "The story doesn't say. It can't answer that one."
        : 'There is no article with that id; :sources lists them.';
    const suggestions = answer.suggestions.map((s) => `  • ${cleanLine(s)}`).join('\n');
    return suggestions === '' ? intro : `${intro}\nYou could ask:\n${suggestions}`;
  }
  const dim = (text: string) => (style.color ? ansi.dim + text + ansi.reset : text);
  const results = answer.results
    .map(
      (result, i) =>
        `${answer.results.length > 1 ? `${i + 1}. ` : ''}${highlightText(result, style)}\n   ${dim(`— ${formatCitation(result.citation)}`)}`,
    )
    .join('\n\n');
  return answer.outcome === 'closest' ? `${closestIntro}\n${results}` : results;
}

/** The public JSON contract lives in the core, shared by the CLI and the web API; re-exported for the CLI. */
export { answerToJson } from '../../src/index.js';

/**
 * How to ask, with an example question the corpus answers when there is one (from its suggestions), for a
 * question that asked nothing ("", "?", "hi", "help").
 */
export function askHint(example: string | undefined): string {
  const ask = 'Ask anything about the story in your own words; answers quote it and say which paragraph.';
  return example === undefined ? `${ask} Type :help for commands.` : `${ask} For example:\n  ${cleanLine(example)}`;
}
