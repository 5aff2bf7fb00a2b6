/**
 * Button custom ids. Discord hands a button's custom id back when it is clicked, even to a bot that has
 * restarted since, so each id carries everything its handler needs: no server-side state.
 * Discord caps a custom id at 100 characters.
 * @see https://discord.com/developers/docs/components/reference#anatomy-of-a-component
 */
export const maxCustomIdChars = 100;

/** What a button asks for when clicked. */
export type ButtonAction =
  /** "More sources": the next results for `question` (from `article` only, when set), ephemeral to the clicker. */
  | { readonly kind: 'more'; readonly question: string; readonly article?: string }
  /** "Full paragraph": the whole cited paragraph, ephemeral to the clicker. */
  | { readonly kind: 'paragraph'; readonly documentId: string; readonly paragraph: number }
  /** A suggested question: ask it (of `article` only, when set), privately when the declined question was private. */
  | { readonly kind: 'suggestion'; readonly question: string; readonly isPrivate: boolean; readonly article?: string }
  /** "Helpful" / "Not helpful": a reader's mark on the cited paragraph. */
  | { readonly kind: 'feedback'; readonly helpful: boolean; readonly documentId: string; readonly paragraph: number };

const prefixes = {
  more: 'sb:m:',
  paragraph: 'sb:p:',
  suggestionPublic: 'sb:s:',
  suggestionPrivate: 'sb:S:',
  helpful: 'sb:f+:',
  notHelpful: 'sb:f-:',
} as const;
/** The same actions scoped to one article: `<prefix><article length>:<article>:<question>`. */
const scopedPrefixes = { more: 'sb:ma:', suggestionPublic: 'sb:sa:', suggestionPrivate: 'sb:Sa:' } as const;
/** A scope is kept only when the question keeps at least this much of itself; shorter, it would ask something else. */
const minScopedQuestionChars = 40;

/**
 * Encodes `action` as a custom id of at most 100 characters. A question too long to fit is cut at a
 * word so the button still asks nearly the same thing; an article scope that leaves the question too
 * little room is dropped; a paragraph reference that cannot fit whole gives `undefined` (the caller
 * leaves that button out rather than point at the wrong paragraph).
 * @example encodeCustomId({ kind: 'paragraph', documentId: 'mexico', paragraph: 23 }) // 'sb:p:23:mexico'
 * @example encodeCustomId({ kind: 'more', question: 'Who?', article: 'mexico' }) // 'sb:ma:6:mexico:Who?'
 */
export function encodeCustomId(action: ButtonAction): string | undefined {
  switch (action.kind) {
    case 'more':
      return withQuestion(prefixes.more, scopedPrefixes.more, action.question, action.article);
    case 'suggestion':
      return action.isPrivate
        ? withQuestion(prefixes.suggestionPrivate, scopedPrefixes.suggestionPrivate, action.question, action.article)
        : withQuestion(prefixes.suggestionPublic, scopedPrefixes.suggestionPublic, action.question, action.article);
    case 'paragraph':
      return withReference(prefixes.paragraph, action);
    case 'feedback':
      return withReference(action.helpful ? prefixes.helpful : prefixes.notHelpful, action);
  }
}

/** Reads a custom id made by `encodeCustomId`; anything else (another bot version, a forged id) gives `undefined`. */
export function decodeCustomId(customId: string): ButtonAction | undefined {
  const after = (prefix: string) => (customId.startsWith(prefix) ? customId.slice(prefix.length) : undefined);
  const more = after(prefixes.more) ?? scoped(after(scopedPrefixes.more));
  if (more !== undefined) return asked(more, (q) => ({ kind: 'more', ...q }));
  const isPrivate = customId.startsWith(prefixes.suggestionPrivate) || customId.startsWith(scopedPrefixes.suggestionPrivate);
  const suggestion =
    after(prefixes.suggestionPublic) ??
    after(prefixes.suggestionPrivate) ??
    scoped(after(scopedPrefixes.suggestionPublic) ?? after(scopedPrefixes.suggestionPrivate));
  if (suggestion !== undefined) return asked(suggestion, (q) => ({ kind: 'suggestion', ...q, isPrivate }));
  const paragraph = reference(after(prefixes.paragraph));
  if (paragraph !== undefined) return { kind: 'paragraph', ...paragraph };
  const helpful = after(prefixes.helpful);
  const mark = reference(helpful ?? after(prefixes.notHelpful));
  return mark === undefined ? undefined : { kind: 'feedback', helpful: helpful !== undefined, ...mark };
}

type Asked = { readonly question: string; readonly article?: string };

function asked(found: string | Asked, make: (asked: Asked) => ButtonAction): ButtonAction | undefined {
  const value = typeof found === 'string' ? { question: found } : found;
  return value.question.trim() === '' ? undefined : make(value);
}

/** `<n>:<article>:<question>`, or `undefined` when the length does not match (a forged or cut id). */
function scoped(rest: string | undefined): Asked | undefined {
  const match = rest === undefined ? null : /^(\d{1,3}):/.exec(rest);
  if (rest === undefined || match?.[1] === undefined) return undefined;
  const start = match[0].length;
  const end = start + Number(match[1]);
  const article = rest.slice(start, end);
  if (article === '' || rest.charAt(end) !== ':' || end >= rest.length) return undefined;
  return { question: rest.slice(end + 1), article };
}

function reference(rest: string | undefined): { documentId: string; paragraph: number } | undefined {
  const match = rest === undefined ? null : /^(\d{1,6}):(.+)$/s.exec(rest);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { paragraph: Number(match[1]), documentId: match[2] };
}

function withReference(prefix: string, action: { readonly documentId: string; readonly paragraph: number }): string | undefined {
  const id = `${prefix}${action.paragraph}:${action.documentId}`;
  return id.length <= maxCustomIdChars && action.documentId !== '' ? id : undefined;
}

function withQuestion(prefix: string, scopedPrefix: string, text: string, article: string | undefined): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (article !== undefined && article !== '') {
    const head = `${scopedPrefix}${article.length}:${article}:`;
    const budget = maxCustomIdChars - head.length;
    const question = budget >= Math.min(trimmed.length, minScopedQuestionChars) ? cutAtWord(trimmed, budget) : '';
    if (question !== '') return `${head}${question}`;
  }
  return `${prefix}${cutAtWord(trimmed, maxCustomIdChars - prefix.length)}`;
}

/** The longest prefix of `text` within `budget` characters, ending at a word when one ends in its second half. */
function cutAtWord(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const space = text.lastIndexOf(' ', budget);
  const head = space > budget / 2 ? text.slice(0, space) : text.slice(0, budget);
  // Never leave half a surrogate pair at the cut.
  return head.replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}
