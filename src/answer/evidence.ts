import type { QuestionType } from './question.js';

const months =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const weekdays = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const numberWords =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|several|half|twice|majority|bulk|percent|quarter|third';

/** Words in a sentence that look like the kind of answer each question type wants. */
const evidencePatterns: Readonly<Record<Exclude<QuestionType, 'other' | 'person' | 'place'>, RegExp>> = {
  time: new RegExp(
    `\\b(${months})\\b\\.?|\\b(${weekdays})\\b|\\b(1[89]|20)\\d\\d\\b|\\b(last|this|next|early|late|earlier|later) (year|month|week|decade|century)\\b|\\b(yesterday|today|tomorrow|ago|decades?|since|recently|shortly after|soon after)\\b`,
    'i',
  ),
  quantity: new RegExp(`\\d|\\b(${numberWords})\\b|%`, 'i'),
  reason: /\b(because|since|as a result|due to|so that|in order to|after|considering|difficult|under pressure|would|could)\b/i,
};

const dateNumber = new RegExp(`\\b(?:${months})\\.? \\d{1,2}\\b|\\b(?:1[89]|20)\\d\\d\\b`, 'gi');

/**
 * True when `sentence` holds something of the kind `type` asks for: a capitalised name not in the
 * question for who and where, a date or time expression for when, a number that is not part of a date
 * for how many, a causal phrase for why. Always true for other types.
 */
export function hasEvidence(sentence: string, type: QuestionType, questionWords: ReadonlySet<string>): boolean {
  switch (type) {
    case 'other':
      return true;
    case 'person':
    case 'place':
      return hasNewName(sentence, questionWords);
    case 'quantity':
      return evidencePatterns.quantity.test(sentence.replace(dateNumber, ' '));
    case 'time':
    case 'reason':
      return evidencePatterns[type].test(sentence);
  }
}

/** A capitalised word, not at the start of the sentence, that the question does not already name. */
function hasNewName(sentence: string, questionWords: ReadonlySet<string>): boolean {
  for (const match of sentence.matchAll(/(?<=[\s(“"‘'—-])\p{Lu}[\p{L}.’'-]*/gu)) {
    const word = match[0].replace(/[’'](s)?$|\.$/u, '').toLowerCase();
    if (!questionWords.has(word)) return true;
  }
  return false;
}
