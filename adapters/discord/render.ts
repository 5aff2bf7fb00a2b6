import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { truncateAtSentence, type Answer, type Citation, type DeclineReason, type ParagraphText, type Result } from '../../src/index.js';
import { encodeCustomId, type ButtonAction } from './custom-ids.js';
import { fitHighlighted, fitPlain, oneLine } from './escape.js';

export { escapeMarkdown, fitHighlighted, fitPlain } from './escape.js';

/**
 * Discord's message limits.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const limits = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  fields: 25,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
} as const;

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
/** Amber: the closest passages, which may not answer the question. */
const closestColor = 0xd69e2e;
const noMentions = { parse: [] } as const;
/** Longer links are left out so a citation always fits in an embed field (1024) beside its excerpt. */
const maxLinkChars = 300;

/** The bot's own words before the closest passages (its own text: not escaped), in italics. */
export const closestIntro = "*I'm not sure the story answers that. The closest it comes:*";

/**
 * The reply to /ask: the best excerpt with its citation and buttons; for the closest tier the same, in
 * another colour and after a line saying it may not answer; or a friendly decline with suggestions.
 * `article` is the one article the question was asked of, if any: buttons that ask again keep to it.
 */
export function renderAnswer(answer: Answer, isPrivate: boolean, article?: string): OutgoingMessage {
  const scope = article === undefined ? {} : { article };
  if (answer.outcome === 'declined')
    return renderDeclined(answer.reason, answer.suggestions, isPrivate, answer.reason === 'unknown-article' ? undefined : article);
  const [best, ...rest] = answer.results;
  if (best === undefined) return renderDeclined('no-match', [], isPrivate);
  const citation = citationLine(best.citation);
  const title = fitPlain(oneLine(answer.question), limits.title);
  const intro = answer.outcome === 'closest' ? `${closestIntro}\n\n` : '';
  const description = `${intro}${fitHighlighted(best, limits.description - intro.length - citation.length - 2)}\n\n${citation}`;
  const color = answer.outcome === 'closest' ? closestColor : storyColor;
  const embed: APIEmbed = title === '' ? { description, color } : { title, description, color };
  const { documentId, paragraph } = best.citation;
  const marks = [
    button({ kind: 'feedback', helpful: true, documentId, paragraph }, 'Helpful'),
    button({ kind: 'feedback', helpful: false, documentId, paragraph }, 'Not helpful'),
  ];
  const buttons = [
    rest.length > 0 ? button({ kind: 'more', question: answer.question, ...scope }, 'More sources') : undefined,
    paragraph > 0 ? button({ kind: 'paragraph', documentId, paragraph }, 'Full paragraph') : undefined,
    // A mark means something only with both choices on offer.
    ...(marks.includes(undefined) ? [] : marks),
  ];
  return message({ embeds: [embed], components: rows(buttons), ephemeral: isPrivate });
}

/** A declined question: says so briefly and offers the core's suggestions as buttons that ask them (of `article`, when set). */
export function renderDeclined(
  reason: DeclineReason,
  suggestions: readonly string[],
  isPrivate: boolean,
  article?: string,
): OutgoingMessage {
  const openings = {
    empty: 'Ask me a question about the story.',
    help: 'Ask me anything about the story with /ask, in your own words: I answer with its own words and say which paragraph they come from.',
    'no-match': "I couldn't find that in the story.",
    'unknown-article': "There's no article with that id; pick one from the list.",
  } as const;
  const opening = openings[reason];
  const offer = suggestions.length === 0 ? '' : reason === 'help' ? ' For example:' : ' It does answer these:';
  const scope = article === undefined ? {} : { article };
  const buttons = suggestions.map((question) => button({ kind: 'suggestion', question, isPrivate, ...scope }, fitPlainLabel(question)));
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

/** "[Title](url) · Source · ¶23" (or "article details" for paragraph 0), escaped and bounded. */
export function citationLine(citation: Citation): string {
  const title = fitPlain(oneLine(citation.title), 200);
  const url = safeUrl(citation.url);
  const named = url === undefined ? `*${title}*` : `[${title}](${url})`;
  const source = citation.source === undefined ? [] : [fitPlain(oneLine(citation.source), 100)];
  const where = citation.paragraph === 0 ? 'article details' : `¶${citation.paragraph}`;
  return `— ${[named, ...source, where].join(' · ')}`;
}

function sourceField(result: Result): APIEmbedField {
  const name = fitPlain(
    oneLine(`${result.citation.title}${result.citation.paragraph === 0 ? '' : `, ¶${result.citation.paragraph}`}`),
    limits.fieldName,
  );
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
  return Array.from({ length: count }, (_, i) => ({
    type: ComponentType.ActionRow,
    components: present.slice(i * limits.buttonsPerRow, (i + 1) * limits.buttonsPerRow),
  }));
}

function message(parts: { content?: string; embeds?: APIEmbed[]; components?: ButtonRow[]; ephemeral: boolean }): OutgoingMessage {
  const base = { embeds: parts.embeds ?? [], components: parts.components ?? [], allowedMentions: noMentions, ephemeral: parts.ephemeral };
  return parts.content === undefined ? base : { ...base, content: parts.content };
}

/** Button labels are plain text (no markdown), at most 80 characters; a zero-width space keeps "@everyone" inert anyway. */
function fitPlainLabel(text: string): string {
  return truncateAtSentence(oneLine(text).replace(/@/g, '@\u200b'), limits.label);
}

function safeUrl(url: string | undefined): string | undefined {
  // A link longer than this would crowd out the excerpt; the title alone still names the article.
  if (url === undefined || url.length > maxLinkChars || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && href.length <= maxLinkChars ? href : undefined;
}
