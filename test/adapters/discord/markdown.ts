import type { OutgoingMessage } from '../../../adapters/discord/render.js';

/**
 * Reads Discord markdown the way the client shows it, for the few constructs our renderer emits:
 * `\x` shows `x`, `**` toggles bold (shown as nothing), and the zero-width space after `@` is invisible.
 */
export function plainText(markdown: string): string {
  let out = '';
  for (let i = 0; i < markdown.length; i += 1) {
    const char = markdown.charAt(i);
    if (char === '\\' && i + 1 < markdown.length && /[^\p{L}\p{N}\s]/u.test(markdown.charAt(i + 1))) {
      out += markdown.charAt(i + 1);
      i += 1;
    } else if (char === '*' && markdown.charAt(i + 1) === '*') {
      i += 1;
    } else if (!(char === '\u200b' && markdown.charAt(i - 1) === '@')) {
      out += char;
    }
  }
  return out;
}

/** Markdown characters that are not escaped by a backslash, with their index. */
export function unescapedMarkdown(markdown: string, allowBold = true): number[] {
  const found: number[] = [];
  for (let i = 0; i < markdown.length; i += 1) {
    const char = markdown.charAt(i);
    if (char === '\\') {
      i += 1;
    } else if (allowBold && char === '*' && markdown.charAt(i + 1) === '*') {
      i += 1;
    } else if (/[*_~`|>#[\]()<-]/.test(char)) {
      found.push(i);
    }
  }
  return found;
}

/** Every piece of text a member could see in a message. */
export function visibleTexts(message: OutgoingMessage): string[] {
  const texts = message.content === undefined ? [] : [message.content];
  for (const embed of message.embeds) {
    texts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  }
  for (const row of message.components) for (const button of row.components) texts.push(button.label ?? '');
  return texts;
}

/** Text that would ping (or look like a ping) if allowed_mentions were not set. */
export const pingPattern = /@everyone|@here|<@[!&]?\d+>/;

/** The message as the API body discord.js sends (snake_case), for the stand-in's validator. */
export function apiBody(message: OutgoingMessage): Record<string, unknown> {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: message.allowedMentions,
    ...(message.ephemeral ? { flags: 64 } : {}),
  };
}
