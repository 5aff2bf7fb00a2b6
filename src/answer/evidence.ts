import type { QuestionType } from './question.js';

const months =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const weekdays = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const numberWords =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|several|twice|times';
const shareWords = 'percent|percentage|half|majority|minority|bulk|most|quarter|third|fraction|share|all|none';

/** Words in a sentence that look like the kind of answer each question type wants. */
const evidencePatterns: Readonly<Record<Exclude<QuestionType, 'other' | 'person' | 'place' | 'count' | 'share'>, RegExp>> = {
  time: new RegExp(
    `\\b(${months})\\b\\.?|\\b(${weekdays})\\b|\\b(1[0-9]|20)\\d\\ds?\\b|\\b(in|since|by|until|till|from|around|before|after|between|c\\.) \\d{3,4}\\b|\\b\\d{1,2}(st|nd|rd|th) centur(y|ies)\\b|\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth) century\\b|\\b(last|this|next|early|late|earlier|later) (year|month|week|decade|century)\\b|\\b(yesterday|today|tomorrow|ago|decades?|since|recently|shortly after|soon after)\\b`,
    'i',
  ),
  reason: /\b(because|as a result|due to|so that|in order to|considering|the reason|which is why|caused|led to)\b/i,
};

const countPattern = new RegExp(`\\d+|\\b(?:${numberWords})\\b|%`, 'gi');
const sharePattern = new RegExp(`\\d+|\\b(?:${shareWords})\\b|%`, 'gi');
/** How close, in characters, a number must stand to a word of the question to count as its answer. */
const numberReach = 30;
const dateNumber = new RegExp(`\\b(?:${months})\\.? \\d{1,2}\\b|\\b(?:1[89]|20)\\d\\d\\b`, 'gi');

/** The question's side of the evidence test: its words, and where its terms matched in the sentence. */
export type EvidenceContext = {
  readonly type: QuestionType;
  readonly questionWords: ReadonlySet<string>;
  /** Offsets of the words that matched the question, into the sentence or (see `holds`) the text it is part of. */
  readonly matched: readonly (readonly [number, number])[];
};

/**
 * True when `sentence` holds something of the kind the question asks for: a capitalised name not in the
 * question for who and where, a date or time expression for when, a number that is not part of a date
 * and stands next to a word of the question for how many (or a proportion for what share), a causal
 * phrase for why. Always true for other types.
 */
export function hasEvidence(sentence: string, context: EvidenceContext): boolean {
  return new SentenceEvidence(sentence).holds(context);
}

/**
 * What one sentence holds that may answer each kind of question (see `hasEvidence`), each kind read from
 * the text once, when first asked: a passage that answers one question tends to be a candidate for the
 * next ones, so callers keep these per sentence.
 */
export class SentenceEvidence {
  readonly #text: string;
  #names: readonly string[] | undefined;
  #numbers: Partial<Record<'count' | 'share', readonly (readonly [number, number])[]>> = {};
  #phrases: Partial<Record<'time' | 'reason', boolean>> = {};

  constructor(sentence: string) {
    this.#text = sentence;
  }

  /** Whether the sentence holds what `context` asks for; `offset` is where it starts in the text `matched` is into. */
  holds({ type, questionWords, matched }: EvidenceContext, offset = 0): boolean {
    switch (type) {
      case 'other':
        return true;
      case 'person':
      case 'place':
        return this.#namesIn().some((name) => !questionWords.has(name));
      case 'count':
      case 'share':
        return this.#numbersIn(type).some(([start, end]) =>
          matched.some(([from, to]) => from - offset - end <= numberReach && start - (to - offset) <= numberReach),
        );
      case 'time':
      case 'reason':
        return (this.#phrases[type] ??= evidencePatterns[type].test(this.#text));
    }
  }

  /** Capitalised words not at the start of the sentence, lower-cased, without a possessive or full stop. */
  #namesIn(): readonly string[] {
    this.#names ??= Array.from(this.#text.matchAll(/(?<=[\s(“"‘'—-])\p{Lu}[\p{L}.’'-]*/gu), (match) =>
      match[0].replace(/[’'](s)?$|\.$/u, '').toLowerCase(),
    );
    return this.#names;
  }

  /** Where the numbers (not parts of dates) stand, or the proportions for `share`. */
  #numbersIn(kind: 'count' | 'share'): readonly (readonly [number, number])[] {
    let numbers = this.#numbers[kind];
    if (numbers === undefined) {
      const withoutDates = this.#text.replace(dateNumber, (date) => ' '.repeat(date.length));
      numbers = Array.from(
        withoutDates.matchAll(kind === 'count' ? countPattern : sharePattern),
        (number) => [number.index, number.index + number[0].length] as const,
      );
      this.#numbers[kind] = numbers;
    }
    return numbers;
  }
}
