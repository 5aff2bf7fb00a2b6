import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from 'discord.js';
import { truncateAtSentence, type Answer, type Citation, type DeclineReason, type Highlight, type ParagraphText, type Result } from '../../src/index.js';
import { encodeCustomId, type ButtonAction } from './custom-ids.js';

/**
 * Discord's message limits.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const limits = { content: 2000, title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000, fields: 25, rows: 5, buttonsPerRow: 5, label: 80 } as const;

/** A button row, as Discord's API takes it. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One reply, platform-shaped but SDK-free: `commands.ts` hands it to discord.js as it is. */
export type OutgoingMessage = {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly ButtonRow[];
  /** Always `{ parse: [] }`: nothing a reply says pings anyone. */
  readonly allowedMentions: { readonly parse: readonly [] };
  /** Shown only to the member who asked (Discord's EPHEMERAL flag, 64). */
  readonly ephemeral: boolean;
};

const storyColor = 0x2b6cb0;
const noMentions = { parse: [] } as const;
/** Longer links are left out so a citation always fits in an embed field (1024) beside its excerpt. */
const maxLinkChars = 300;

/** The reply to /ask: the best excerpt with its citation and buttons, or a friendly decline with suggestions. */
export function renderAnswer(answer: Answer, isPrivate: boolean): OutgoingMessage {
  if (!answer.answered) return renderDeclined(answer.reason, answer.suggestions, isPrivate);
  const [best, ...rest] = answer.results;
  if (best === undefined) return renderDeclined('no-match', [], isPrivate);
  const citation = citationLine(best.citation);
  const title = fitPlain(oneLine(answer.question), limits.title);
  const description = `${fitHighlighted(best, limits.description - citation.length - 2)}\n\n${citation}`;
  const embed: APIEmbed = title === '' ? { description, color: storyColor } : { title, description, color: storyColor };
  const buttons = [
    rest.length > 0 ? button({ kind: 'more', question: answer.question }, 'More sources') : undefined,
    best.citation.paragraph > 0 ? button({ kind: 'paragraph', documentId: best.citation.documentId, paragraph: best.citation.paragraph }, 'Full paragraph') : undefined,
  ];
  return message({ embeds: [embed], components: rows(buttons), ephemeral: isPrivate });
}

/** A declined question: says so briefly and offers the core's suggestions as buttons that ask them. */
export function renderDeclined(reason: DeclineReason, suggestions: readonly string[], isPrivate: boolean): OutgoingMessage {
  const openings = {
    empty: 'Ask me a question about the story.',
    'no-match': "I couldn't find that in the story.",
    'unknown-article': "There's no article with that id; pick one from the list.",
  } as const;
  const opening = openings[reason];
  const offer = suggestions.length > 0 ? ' It does answer these:' : '';
  const buttons = suggestions.map((question) => button({ kind: 'suggestion', question, isPrivate }, fitPlainLabel(question)));
  return message({ content: `${opening}${offer}`, components: rows(buttons), ephemeral: isPrivate });
}

/** "More sources": the results after the first, one field each, shown only to the member who clicked. */
export function renderMoreSources(answer: Answer): OutgoingMessage {
  const others = answer.results.slice(1);
  if (others.length === 0) return renderNotice('The story has no other passages on that question.');
  const title = fitPlain(`More from the story: ${oneLine(answer.question)}`, limits.title);
  const fields: APIEmbedField[] = [];
  let total = title.length;
  for (const result of others.slice(0, limits.fields)) {
    const field = sourceField(result);
    if (total + field.name.length + field.value.length > limits.embedTotal) break;
    total += field.name.length + field.value.length;
    fields.push(field);
  }
  return message({ embeds: [{ title, fields, color: storyColor }], ephemeral: true });
}

/** "Full paragraph": the whole cited paragraph, shown only to the member who clicked. */
export function renderParagraph(paragraph: ParagraphText | undefined): OutgoingMessage {
  if (paragraph === undefined) return renderNotice('That paragraph is no longer in the story; the corpus has changed since.');
  const citation = citationLine(paragraph.citation);
  const description = `${fitPlain(paragraph.text, limits.description - citation.length - 2)}\n\n${citation}`;
  return message({ embeds: [{ description, color: storyColor }], ephemeral: true });
}

/** A short ephemeral note from the bot itself (its own words, not escaped), cut to Discord's content limit. */
export function renderNotice(text: string): OutgoingMessage {
  return message({ content: truncateAtSentence(text, limits.content), ephemeral: true });
}

/** Escapes Discord markdown, mentions and list/heading/quote starts so text shows exactly as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|>#\-[\]()<]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** "[Title](url) · Source · ¶23" (or "article details" for paragraph 0), escaped and bounded. */
export function citationLine(citation: Citation): string {
  const title = fitPlain(oneLine(citation.title), 200);
  const url = safeUrl(citation.url);
  const named = url === undefined ? `*${title}*` : `[${title}](${url})`;
  const source = citation.source === undefined ? [] : [fitPlain(oneLine(citation.source), 100)];
  const where = citation.paragraph === 0 ? 'article details' : `¶${citation.paragraph}`;
  return `— ${[named, ...source, where].join(' · ')}`;
}

/** Escaped plain text cut at a sentence to at most `limit` characters once escaped. */
export const fitPlain = (text: string, limit: number): string => fitEscaped(text, [], limit);

/** A result's text with its highlights in bold, escaped, cut at a sentence to at most `limit` characters. */
export const fitHighlighted = (result: Pick<Result, 'text' | 'highlights'>, limit: number): string => fitEscaped(result.text, result.highlights, limit);

function fitEscaped(text: string, highlights: readonly Highlight[], limit: number): string {
  let budget = limit;
  for (;;) {
    const cut = truncateAtSentence(text, Math.max(0, budget));
    const keep = commonPrefixLength(text, cut);
    const out = `${boldHighlights(text.slice(0, keep), highlights)}${escapeMarkdown(cut.slice(keep))}`;
    if (out.length <= limit || budget <= 0) return out.length <= limit ? out : '';
    // Escapes and bold markers make the output longer than the input; shrink the input in proportion.
    budget = Math.min(budget - 1, Math.floor((budget * limit) / out.length));
  }
}

function boldHighlights(text: string, highlights: readonly Highlight[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of mergeHighlights(text, highlights)) {
    out += `${escapeMarkdown(text.slice(at, start))}**${escapeMarkdown(text.slice(start, end))}**`;
    at = end;
  }
  return out + escapeMarkdown(text.slice(at));
}

/**
 * Sorted, clipped, trimmed of white space, and merged when only white space parts them: `**a****b**`
 * would not render, and "**Mexico's security chief**" reads better than three bold words.
 */
function mergeHighlights(text: string, highlights: readonly Highlight[]): Highlight[] {
  const spans = highlights
    .map(([start, end]): Highlight => trimSpan(text, Math.max(0, start), Math.min(text.length, end)))
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last !== undefined && text.slice(last[1], start).trim() === '') last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Drops white space at the ends (`** word**` does not render) and never splits a surrogate pair. */
function trimSpan(text: string, start: number, end: number): Highlight {
  let [s, e] = [start, end];
  while (s < e && /\s/.test(text.charAt(s))) s += 1;
  while (e > s && /\s/.test(text.charAt(e - 1))) e -= 1;
  return [s > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(s)) ? s - 1 : s, e < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(e)) ? e + 1 : e];
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i;
}

function sourceField(result: Result): APIEmbedField {
  const name = fitPlain(oneLine(`${result.citation.title}${result.citation.paragraph === 0 ? '' : `, ¶${result.citation.paragraph}`}`), limits.fieldName);
  const citation = citationLine(result.citation);
  return { name: name === '' ? '\u200b' : name, value: `${fitHighlighted(result, limits.fieldValue - citation.length - 1)}\n${citation}` };
}

function button(action: ButtonAction, label: string): APIButtonComponentWithCustomId | undefined {
  const customId = encodeCustomId(action);
  if (customId === undefined || label.trim() === '') return undefined;
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label };
}

function rows(buttons: readonly (APIButtonComponentWithCustomId | undefined)[]): ButtonRow[] {
  const present = buttons.filter((b) => b !== undefined).slice(0, limits.rows * limits.buttonsPerRow);
  const count = Math.ceil(present.length / limits.buttonsPerRow);
  return Array.from({ length: count }, (_, i) => ({ type: ComponentType.ActionRow, components: present.slice(i * limits.buttonsPerRow, (i + 1) * limits.buttonsPerRow) }));
}

function message(parts: { content?: string; embeds?: APIEmbed[]; components?: ButtonRow[]; ephemeral: boolean }): OutgoingMessage {
  const base = { embeds: parts.embeds ?? [], components: parts.components ?? [], allowedMentions: noMentions, ephemeral: parts.ephemeral };
  return parts.content === undefined ? base : { ...base, content: parts.content };
}

/** Button labels are plain text (no markdown), at most 80 characters; a zero-width space keeps "@everyone" inert anyway. */
function fitPlainLabel(text: string): string {
  return truncateAtSentence(oneLine(text).replace(/@/g, '@\u200b'), limits.label);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function safeUrl(url: string | undefined): string | undefined {
  // A link longer than this would crowd out the excerpt; the title alone still names the article.
  if (url === undefined || url.length > maxLinkChars || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && href.length <= maxLinkChars ? href : undefined;
}
