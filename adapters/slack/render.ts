import type { types } from '@slack/bolt';
import {
  maxQuestionChars,
  truncateAtSentence,
  type Answer,
  type Citation,
  type DeclineReason,
  type ParagraphText,
  type Result,
} from '../../src/index.js';
import { escapeMrkdwn, excerptMrkdwn, fitMrkdwn } from './mrkdwn.js';
import { formatScope } from './scope.js';

export { escapeMrkdwn, excerptMrkdwn, fitMrkdwn } from './mrkdwn.js';

type ActionsBlock = types.ActionsBlock;
type Button = types.Button;
type ContextBlock = types.ContextBlock;
type KnownBlock = types.KnownBlock;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;
type SectionBlock = types.SectionBlock;

/** Slack's Block Kit limits this adapter stays within (https://docs.slack.dev/reference/block-kit/blocks). */
export const slackLimits = {
  sectionText: 3000,
  blocks: 50,
  buttonValue: 2000,
  fallbackText: 3000,
  titleChars: 200,
  sourceChars: 100,
  /** The longest link a citation carries, escaped: with the title and source (each escaped) it stays within a context text's 3,000. */
  linkChars: 1000,
} as const;

/** The `action_id`s of the answer's buttons; the actions listener routes on them. */
export const actionIds = {
  share: 'storybot_share',
  moreSources: 'storybot_more_sources',
  fullParagraph: 'storybot_full_paragraph',
  helpful: 'storybot_helpful',
  notHelpful: 'storybot_not_helpful',
} as const;

/** How many article ids an "unknown article" decline lists. */
const shownArticleIds = 5;

/** A message ready for chat.postMessage, chat.postEphemeral or a response_url: blocks plus the notification text. */
export type SlackMessage = { readonly text: string; readonly blocks: KnownBlock[] };

/**
 * How an answer is shown: with a "Share in channel" button (/ask), or attributed to who asked (once
 * shared); `article` is the `in:` scope its re-asking buttons keep; `articleIds` are the ids an
 * "unknown article" decline offers.
 */
export type AnswerView = {
  readonly share?: boolean;
  readonly askedBy?: string;
  readonly article?: string | undefined;
  readonly articleIds?: readonly string[];
};

/** "¶23", or "article details" for paragraph 0 (the article's metadata). */
export function paragraphLabel(paragraph: number): string {
  return paragraph === 0 ? 'article details' : `¶${paragraph}`;
}

/** The citation as mrkdwn: the title (linked when it has an http(s) url), the source, the paragraph. */
export function citationMrkdwn(citation: Citation): string {
  const title = escapeMrkdwn(truncateAtSentence(citation.title, slackLimits.titleChars));
  // A link too long to fit beside the title and source is left out (the title shows unlinked), as on Discord.
  const url = safeUrl(citation.url, slackLimits.linkChars);
  const parts = [url === undefined ? `*${title}*` : `<${url}|${title}>`];
  if (citation.source !== undefined) parts.push(escapeMrkdwn(truncateAtSentence(citation.source, slackLimits.sourceChars)));
  return [...parts, paragraphLabel(citation.paragraph)].join(' · ');
}

/** The citation as plain text, for notifications. */
export function citationText(citation: Citation): string {
  const parts = [truncateAtSentence(citation.title, slackLimits.titleChars), citation.source, paragraphLabel(citation.paragraph)];
  return parts.filter((part) => part !== undefined).join(', ');
}

/** The bot's own words before the closest passages: they may not answer the question. */
export const closestIntro = "I'm not sure the story answers that. The closest it comes:";

/** A cited answer; the closest passages after a line saying they may not answer; or the friendly decline with the core's suggestions. */
export function renderAnswer(answer: Answer, view: AnswerView = {}): SlackMessage {
  if (answer.outcome === 'declined') return renderDecline(answer.reason, answer.suggestions, view.articleIds ?? []);
  const [best] = answer.results;
  if (best === undefined) return renderDecline('no-match', [], []);
  const isClosest = answer.outcome === 'closest';
  const intro: KnownBlock[] = isClosest ? [{ type: 'context', elements: [mrkdwn(`:grey_question: _${closestIntro}_`)] }] : [];
  const blocks: KnownBlock[] = [
    ...askedByBlocks(answer.question, view.askedBy),
    ...intro,
    ...resultBlocks(best),
    answerActions(answer, best, view),
  ];
  return finish(blocks, `${isClosest ? `${closestIntro} ` : ''}${best.text} (${citationText(best.citation)})`);
}

/** The results after the first, for "More sources". */
export function renderMoreSources(answer: Answer): SlackMessage {
  const others = answer.results.slice(1);
  if (others.length === 0) return renderNotice('The story has no other passage on that.');
  const heading: KnownBlock = section(`*More from the story* (${others.length})`);
  return finish(
    [heading, ...others.flatMap(resultBlocks)],
    `More from the story: ${others.map((r) => citationText(r.citation)).join('; ')}`,
  );
}

/** One whole paragraph with its citation, for "Full paragraph". */
export function renderParagraph(paragraph: ParagraphText | undefined): SlackMessage {
  if (paragraph === undefined)
    return renderNotice('That paragraph is no longer in the story; it may have been updated. Ask again for a fresh answer.');
  const blocks = [section(fitMrkdwn(paragraph.text, slackLimits.sectionText)), citationBlock(paragraph.citation)];
  return finish(blocks, `${paragraph.text} (${citationText(paragraph.citation)})`);
}

/** A short message (apology, flood note, admin reply): one escaped section. */
export function renderNotice(text: string): SlackMessage {
  return finish([section(fitMrkdwn(text, slackLimits.sectionText))], text);
}

/** The note for a member who asks faster than the rate limit allows. */
export function renderSlowDown(retryAfterMs: number): SlackMessage {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return renderNotice(`You're asking faster than I can keep up. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`);
}

function renderDecline(reason: DeclineReason, suggestions: readonly string[], articleIds: readonly string[]): SlackMessage {
  const openings = {
    empty: 'Ask me a question about the story and I will answer with its own words.',
    help: 'Ask me anything about the story, in your own words (mention me, DM me, or use /ask): I answer with its own words and say which paragraph they come from.',
    'no-match': "Sorry, the story doesn't say. I only answer with the story's own words.",
    'unknown-article': 'There is no article with that id.',
  } as const;
  const opening = openings[reason];
  if (reason === 'unknown-article') return renderNotice([opening, ...listArticleIds(articleIds)].join('\n'));
  const offers = suggestions.map((s) => `• ${truncateAtSentence(s, maxQuestionChars)}`);
  const text = offers.length === 0 ? opening : `${opening}\n${reason === 'help' ? 'For example:' : 'You could ask:'}\n${offers.join('\n')}`;
  return renderNotice(text);
}

/** A few ids to put after `in:`, sorted, with how many more there are. */
function listArticleIds(ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const shown = [...ids]
    .sort()
    .slice(0, shownArticleIds)
    .map((id) => `• in:${id}`);
  const more = ids.length - shown.length;
  return ['Start your question with one of these:', ...shown, ...(more > 0 ? [`• and ${more} more`] : [])];
}

function resultBlocks(result: Result): KnownBlock[] {
  return [section(excerptMrkdwn(result.text, result.highlights)), citationBlock(result.citation)];
}

/**
 * "<@asker> asked: …" once an answer is shared. The question is what a member typed, so it is a plain_text
 * element: `*bold*`, `_italic_`, `~strike~` and backticks show as typed, and nothing in it can format,
 * mention or link (`&`, `<` and `>` are escaped as in every text object).
 */
function askedByBlocks(question: string, askedBy: string | undefined): KnownBlock[] {
  if (askedBy === undefined || !/^[UW][A-Z0-9]+$/.test(askedBy)) return [];
  const asked: PlainTextElement = { type: 'plain_text', text: fitMrkdwn(question, maxQuestionChars * 5) || '…', emoji: false };
  return [{ type: 'context', elements: [mrkdwn(`<@${askedBy}> asked:`), asked] } satisfies ContextBlock];
}

function answerActions(answer: Answer, best: Result, view: AnswerView): ActionsBlock {
  const plain = answer.question.slice(0, maxQuestionChars).replace(/[\uD800-\uDBFF]$/, '');
  const question = formatScope({ article: view.article, question: plain });
  const buttons: Button[] = [];
  if (view.share === true) buttons.push(button('Share in channel', actionIds.share, question, 'primary'));
  if (answer.results.length > 1) buttons.push(button('More sources', actionIds.moreSources, question));
  const paragraphValue = `${best.citation.documentId}#${best.citation.paragraph}`;
  // Paragraph 0 is the article's metadata, already shown whole: there is no paragraph to open.
  const fits = paragraphValue.length <= slackLimits.buttonValue;
  if (best.citation.paragraph > 0 && fits) buttons.push(button('Full paragraph', actionIds.fullParagraph, paragraphValue));
  // Readers' marks name the cited paragraph (paragraph 0, the metadata, included). At most five buttons: far below 25.
  if (fits) buttons.push(button('Helpful', actionIds.helpful, paragraphValue), button('Not helpful', actionIds.notHelpful, paragraphValue));
  return { type: 'actions', elements: buttons };
}

function button(label: string, actionId: string, value: string, style?: 'primary'): Button {
  const base: Button = { type: 'button', text: { type: 'plain_text', text: label, emoji: false }, action_id: actionId, value };
  return style === undefined ? base : { ...base, style };
}

function citationBlock(citation: Citation): ContextBlock {
  return { type: 'context', elements: [mrkdwn(citationMrkdwn(citation))] };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text === '' ? '…' : text) };
}

function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function finish(blocks: KnownBlock[], fallback: string): SlackMessage {
  const withButtons = blocks.filter((block) => block.type !== 'actions' || block.elements.length > 0);
  return { blocks: withButtons.slice(0, slackLimits.blocks), text: fitMrkdwn(fallback, slackLimits.fallbackText) };
}

/** Only plain http(s) URLs without the characters that would end a Slack link early, and at most `maxChars` once escaped. */
function safeUrl(url: string | undefined, maxChars: number): string | undefined {
  const escaped = url !== undefined && /^https?:\/\/[^\s<>|]+$/.test(url) ? url.replace(/&/g, '&amp;') : undefined;
  return escaped !== undefined && escaped.length <= maxChars ? escaped : undefined;
}
