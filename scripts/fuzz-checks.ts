import fc from 'fast-check';
import { renderAnswer as renderDiscord } from '../adapters/discord/render.js';
import { renderAnswer as renderSlack } from '../adapters/slack/render.js';
import type { Storybot } from '../src/index.js';
import { messageProblems } from '../test/fakes/discord/limits.js';

const storyWords = [
  'Mexico',
  'fentanyl',
  'labs',
  'Sheinbaum',
  'Harfuch',
  'García',
  'C.I.A.',
  'U.S.',
  'US',
  'troops',
  'cartel',
  'Sinaloa',
  '2,000-mile',
  '97 percent',
  'who',
  'when',
  'how many',
  'why',
  'drone',
  'border',
  'senate',
  'vote',
];
const hostile = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&765432109876543210>',
  '<!channel>',
  '<!here|here>',
  '<#C0123|general>',
  '<https://evil.example|click>',
  '**bold**',
  '__u__',
  '`code`',
  '```block```',
  '||spoiler||',
  '*b* _i_ ~s~',
  '&amp; &lt; >',
  '\u0000\u0007\u001b[31m',
  '\u202eRTL',
  'مرحبا',
  '😀🇲🇽',
  '.*+?^${}()|[]\\',
  "'; DROP TABLE answers; --",
  '%s %d',
  '\ud800',
];

/** Questions people and attackers type: story words, hostile markup, any Unicode, empty and huge. */
export const questionArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...storyWords, ...hostile), { maxLength: 20 }).map((words) => words.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', '?', '\n\t', 'a'.repeat(20_000), 'who is Harfuch '.repeat(2000)),
);

const slackMentionOrLink = /<[@#!][^>]*>|<https?:[^>]*>/;

/**
 * Every problem with the answer to `question`: the core must not throw, must quote its cited paragraph
 * verbatim with highlights in bounds, and both renderers must stay within their platform's limits with
 * nothing able to ping anyone or form a link. Empty when all is well.
 */
export function problemsWith(bot: Storybot, question: string): string[] {
  const problems: string[] = [];
  const answer = bot.ask(question);
  for (const result of answer.results) {
    const { documentId, paragraph } = result.citation;
    const source = paragraph === 0 ? undefined : bot.paragraph(documentId, paragraph)?.text;
    if (paragraph !== 0 && !source?.includes(result.text)) problems.push(`excerpt not verbatim from ${documentId} ¶${paragraph}`);
    for (const [start, end] of result.highlights) {
      if (!(start >= 0 && start < end && end <= result.text.length)) problems.push(`highlight [${start}, ${end}) out of bounds`);
    }
  }
  for (const isPrivate of [false, true]) {
    const message = renderDiscord(answer, isPrivate);
    const body = {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowed_mentions: message.allowedMentions,
      flags: isPrivate ? 64 : 0,
    };
    problems.push(...messageProblems(body).map((p) => `discord: ${p}`));
    if (JSON.stringify(message.allowedMentions) !== '{"parse":[]}') problems.push('discord: allowed_mentions may ping');
  }
  const slack = renderSlack(answer, { share: true });
  if (slack.blocks.length > 50) problems.push(`slack: ${slack.blocks.length} blocks`);
  for (const text of mrkdwnTexts(slack.blocks)) {
    if (text.length > 3000) problems.push(`slack: a text of ${text.length} characters`);
    if (slackMentionOrLink.test(text)) problems.push(`slack: text can mention or link: ${text.slice(0, 80)}`);
  }
  if (slackMentionOrLink.test(slack.text)) problems.push('slack: fallback text can mention or link');
  return problems;
}

function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object['type'] === 'mrkdwn' && typeof object['text'] === 'string' ? [object['text']] : [];
  return [...own, ...Object.values(object).flatMap(mrkdwnTexts)];
}
