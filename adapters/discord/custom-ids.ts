/**
 * Button custom ids. Discord hands a button's custom id back when it is clicked, even to a bot that has
 * restarted since, so each id carries everything its handler needs: no server-side state.
 * Discord caps a custom id at 100 characters.
 * @see https://discord.com/developers/docs/components/reference#anatomy-of-a-component
 */
export const maxCustomIdChars = 100;

/** What a button asks for when clicked. */
export type ButtonAction =
  /** "More sources": the next results for `question`, ephemeral to the clicker. */
  | { readonly kind: 'more'; readonly question: string }
  /** "Full paragraph": the whole cited paragraph, ephemeral to the clicker. */
  | { readonly kind: 'paragraph'; readonly documentId: string; readonly paragraph: number }
  /** A suggested question: ask it, privately when the declined question was private. */
  | { readonly kind: 'suggestion'; readonly question: string; readonly isPrivate: boolean };

const prefixes = { more: 'sb:m:', paragraph: 'sb:p:', suggestionPublic: 'sb:s:', suggestionPrivate: 'sb:S:' } as const;

/**
 * Encodes `action` as a custom id of at most 100 characters. A question too long to fit is cut at a
 * word so the button still asks nearly the same thing; a paragraph reference that cannot fit whole
 * gives `undefined` (the caller leaves that button out rather than point at the wrong paragraph).
 * @example encodeCustomId({ kind: 'paragraph', documentId: 'mexico', paragraph: 23 }) // 'sb:p:23:mexico'
 */
export function encodeCustomId(action: ButtonAction): string | undefined {
  switch (action.kind) {
    case 'more':
      return withQuestion(prefixes.more, action.question);
    case 'suggestion':
      return withQuestion(action.isPrivate ? prefixes.suggestionPrivate : prefixes.suggestionPublic, action.question);
    case 'paragraph': {
      const id = `${prefixes.paragraph}${action.paragraph}:${action.documentId}`;
      return id.length <= maxCustomIdChars ? id : undefined;
    }
  }
}

/** Reads a custom id made by `encodeCustomId`; anything else (another bot version, a forged id) gives `undefined`. */
export function decodeCustomId(customId: string): ButtonAction | undefined {
  if (customId.startsWith(prefixes.more)) return question('more', customId.slice(prefixes.more.length));
  if (customId.startsWith(prefixes.suggestionPublic)) return suggestion(customId.slice(prefixes.suggestionPublic.length), false);
  if (customId.startsWith(prefixes.suggestionPrivate)) return suggestion(customId.slice(prefixes.suggestionPrivate.length), true);
  if (!customId.startsWith(prefixes.paragraph)) return undefined;
  const match = /^(\d{1,6}):(.+)$/s.exec(customId.slice(prefixes.paragraph.length));
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { kind: 'paragraph', paragraph: Number(match[1]), documentId: match[2] };
}

function question(kind: 'more', text: string): ButtonAction | undefined {
  return text.trim() === '' ? undefined : { kind, question: text };
}

function suggestion(text: string, isPrivate: boolean): ButtonAction | undefined {
  return text.trim() === '' ? undefined : { kind: 'suggestion', question: text, isPrivate };
}

function withQuestion(prefix: string, text: string): string | undefined {
  const budget = maxCustomIdChars - prefix.length;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return `${prefix}${cutAtWord(trimmed, budget)}`;
}

/** The longest prefix of `text` within `budget` characters, ending at a word when one ends in its second half. */
function cutAtWord(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const space = text.lastIndexOf(' ', budget);
  const head = space > budget / 2 ? text.slice(0, space) : text.slice(0, budget);
  // Never leave half a surrogate pair at the cut.
  return head.replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}
