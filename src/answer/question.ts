import { analyze, foldText, type Term } from '../text/analyze.js';

/**
 * What kind of answer a question wants, read from its wording:
 * a person or organisation (who), a time (when), a count (how many), a share (what percentage), a place (where),
 * a reason (why), or anything (what, how, yes/no).
 */
export type QuestionType = 'person' | 'time' | 'count' | 'share' | 'place' | 'reason' | 'other';

/** A field of an article's metadata that a question may ask about. */
export type MetaField = 'author' | 'source' | 'published' | 'title';

export type ParsedQuestion = {
  /** The question as answered: trimmed, control characters removed, cut to `maxQuestionChars`. */
  readonly text: string;
  readonly type: QuestionType;
  /** Distinct content terms in question order. */
  readonly terms: readonly Term[];
  /** Set when the question asks about the article itself (who wrote it, which paper, when). */
  readonly meta: MetaField | undefined;
  /** Whether the question holds a negation ("not", "never", "didn't"): such questions are less often answered word for word. */
  readonly isNegated: boolean;
  /** Whether the "question" is a greeting, thanks or a call for help ("hi", "help", "quit"): no question about the story. */
  readonly isSmallTalk: boolean;
};

/** Longer questions are cut here: no one types more, and it bounds the work per question. */
export const maxQuestionChars = 500;

const typePatterns: readonly (readonly [QuestionType, RegExp])[] = [
  ['count', /\b(how (many|much|long|far|big|large|often|old|high|low)|what (number|amount|size|length|distance)|number of|length|size)\b/],
  ['share', /\b(what|which) (share|percentage|percent|proportion|fraction|portion|part)\b|\bpercentage\b/],
  ['time', /\b(when|(what|which) (year|date|month|day|time|century|decade|era)|since when)\b/],
  [
    'person',
    /\b(who|whom|whose|(what|which) (person|people|official|officials|president|leader|group|agency|organi[sz]ations?|party|government|administration|compan(y|ies)|paper|newspaper|magazine|team|university|school|church|dynasty|family|king|queen|emperor|ruler|tribe|empire|army|navy|institution|court|council|committee|man|woman|scientist|author|writer|artist|band|general)|name of)\b/,
  ],
  [
    'place',
    /\b(where|(what|which) (country|countries|city|cities|town|state|region|continent|river|island|place|area|location|province|county|nation|capital|mountain|lake|ocean|sea|street|port|territory|village|district))\b/,
  ],
  ['reason', /\b(why|what (made|caused|led|prompted))\b|\bfor what reason\b/],
];

const metaPatterns: readonly (readonly [MetaField, RegExp])[] = [
  ['author', /\b(who (wrote|writes|authored|reported)|author|written by|byline|reporter|journalist|correspondent wrote)\b/],
  [
    'source',
    /\b(which|what) (paper|newspaper|publication|outlet|site|website|publisher|news ?paper)\b|\bpublished (in|by)\b|\bpublisher\b|\b(first )?appear(ed)?\b|\bsource of (this|the) (article|story)\b/,
  ],
  [
    'published',
    /\b(when|what date|what day|which date|which day)\b.*\b(published|written|come out|came out|released|posted|run)\b|\bpublication date\b|\bhow old is (this|the) (article|story)\b/,
  ],
  ['title', /\b(headline|title)\b/],
];

// The article itself: "this article", "the story", or a bare "this"/"it" right after a publishing verb.
const aboutTheArticle =
  /\b(this|the) (article|story|piece|report|news ?paper|post)\b|\barticle\b|\bstory\b|\bheadline\b|\b(wrote|write|written|published|publish|printed|ran|posted|released|came out|come out|appear|appeared) (this|it)\b|\b(was|is|did) (this|it) (published|written|posted|released|come out|run|printed|appear)\b/;

// Controls (C0, C1), zero-width and bidirectional formatting characters: invisible, and no help to search.
const invisible = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]+/g;

// Half of a surrogate pair with no other half: not text, and strict UTF-8 encoders reject it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Mentions and links as chat platforms write them (<@123>, <#C1|general>, <!here>, @everyone, URLs)
// address people, not the story: they are kept in the question's text but not searched for.
const chatMarkup = /<[@#!][^>\s]*>|(?<![\p{L}\p{N}])@[\p{L}\p{N}_.-]+|\bhttps?:\/\/\S+/gu;

const negation = /\b(?:not|never|no|none|nobody|nothing|neither|nor|without)\b|n't\b/;

/** What people type to a bot that is no question about the story: greetings, thanks, goodbyes, calls for help. */
const smallTalk =
  /^(?:(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day))(?: there)?|help(?: me)?|thanks?(?: you)?|thank you(?: very much)?|thx|ty|cheers|ok(?:ay)?|cool|great|bye|goodbye|see you|quit|exit|stop|menu|start|what can you do|what do you do|who are you|how does this work|how do (?:i|you) use (?:this|it|you))$/;

/** Words that ask about an article's metadata rather than name anything in it ("who wrote the story", "which paper"). */
const metaWords: ReadonlySet<string> = new Set(
  analyze(
    'wrote write written writes author authored byline reporter journalist correspondent paper newspaper publication outlet site website publisher published publish appeared appear source article story piece report post headline title date day released posted printed ran run come came',
  ).map((term) => term.term),
);

/** Whether an analyzed term only asks about an article's metadata (see `metaWords`). */
export const isMetaTerm = (term: string): boolean => metaWords.has(term);

/** Cleans a question and reads its type, terms and whether it asks about the article itself. */
export function parseQuestion(question: string): ParsedQuestion {
  const text = cutAtWord(
    wholeCodePoints(question, maxQuestionChars * 2)
      .replace(invisible, ' ')
      .replace(loneSurrogate, '\uFFFD')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const folded = foldText(text).replace(/[’']/g, "'");
  const type = questionType(folded);
  const seen = new Set<string>();
  const terms = analyze(text.replace(chatMarkup, ' ')).filter((term) => !seen.has(term.term) && seen.add(term.term));
  const meta = aboutTheArticle.test(folded) ? metaPatterns.find(([, pattern]) => pattern.test(folded))?.[0] : undefined;
  const bare = folded
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, type, terms, meta, isNegated: negation.test(folded), isSmallTalk: smallTalk.test(bare) };
}

/**
 * All the type patterns as one, each a named group: the leftmost match is the earliest question phrase,
 * and where two start together the one listed first wins, as it would matching them one by one.
 */
const anyTypePattern = new RegExp(typePatterns.map(([type, pattern]) => `(?<${type}>${pattern.source})`).join('|'));

/** The type of the earliest question phrase: "How did he react when..." asks how, not when. */
function questionType(folded: string): QuestionType {
  const match = anyTypePattern.exec(folded);
  const type = typePatterns.find(([name]) => match?.groups?.[name] !== undefined)?.[0] ?? 'other';
  // A leading "how" or yes/no verb that no pattern above claims still comes before a later "when" or "who".
  const lead = /^(how|is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b/.exec(folded);
  return lead !== null && (match?.index ?? Number.POSITIVE_INFINITY) > 0 ? 'other' : type;
}

/**
 * The question cut to `maxQuestionChars`, at a word when one ends in the second half, and never between
 * the two halves of a surrogate pair (an emoji), which would leave a lone surrogate that strict UTF-8
 * encoders reject.
 */
function cutAtWord(text: string): string {
  if (text.length <= maxQuestionChars) return text;
  const cut = text.lastIndexOf(' ', maxQuestionChars);
  return cut > maxQuestionChars / 2 ? text.slice(0, cut).trimEnd() : wholeCodePoints(text, maxQuestionChars).trimEnd();
}

/** The first `units` UTF-16 units of `text`, one fewer when the last would be half of a surrogate pair. */
function wholeCodePoints(text: string, units: number): string {
  if (text.length <= units) return text;
  const code = text.charCodeAt(units - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? units - 1 : units);
}
