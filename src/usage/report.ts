import type { Outcome } from '../answer/types.js';
import type { CitedParagraph, UsageEntry } from './log.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** How many questions one day had, by outcome. */
export type DailyCounts = { readonly day: string; readonly answered: number; readonly closest: number; readonly declined: number };

/** Readers' helpful / not helpful marks on one article's paragraphs. */
export type ArticleMarks = { readonly documentId: string; readonly helpful: number; readonly notHelpful: number };

/** What admins learn from the usage log. */
export type UsageReport = {
  readonly declined: readonly { readonly question: string; readonly count: number }[];
  /** Questions answered only with the closest passages: the corpus may lack what they ask. */
  readonly closest: readonly { readonly question: string; readonly count: number }[];
  readonly cited: readonly (CitedParagraph & { readonly count: number; readonly helpful: number; readonly notHelpful: number })[];
  /** Questions per day (UTC, `YYYY-MM-DD`) by outcome, oldest first; days with none are left out. */
  readonly daily: readonly DailyCounts[];
  /** Readers' marks per article, most marked first. */
  readonly marksByArticle: readonly ArticleMarks[];
  readonly totals: {
    readonly answered: number;
    readonly closest: number;
    readonly declined: number;
    readonly helpful: number;
    readonly notHelpful: number;
  };
};

/**
 * Counts a usage log (pure): the most frequent declined and closest-tier questions (case and spacing folded),
 * the most cited paragraphs with readers' marks, questions per day by outcome and marks per article (the
 * `top` most marked). Lines that are not usage entries are skipped.
 */
export function summarizeUsage(entries: readonly unknown[], top = 10): UsageReport {
  const declined = new QuestionCounts();
  const closest = new QuestionCounts();
  const cited = new Map<string, CitedParagraph & { count: number; helpful: number; notHelpful: number }>();
  const totals = { answered: 0, closest: 0, declined: 0, helpful: 0, notHelpful: 0 };
  const daily = new Map<string, Mutable<DailyCounts>>();
  const marks = new Map<string, Mutable<ArticleMarks>>();
  const paragraph = (c: CitedParagraph) => {
    const key = `${c.documentId}\u0000${c.paragraph}`;
    const entry = cited.get(key) ?? { documentId: c.documentId, paragraph: c.paragraph, count: 0, helpful: 0, notHelpful: 0 };
    cited.set(key, entry);
    return entry;
  };
  for (const entry of entries.filter(isUsageEntry)) {
    if (entry.kind !== 'feedback') countDay(daily, entry.time.slice(0, 10), entry.kind);
    else countMark(marks, entry.cited.documentId, entry.helpful);
    if (entry.kind === 'declined') {
      totals.declined += 1;
      declined.add(entry.question);
    } else if (entry.kind === 'closest') {
      totals.closest += 1;
      closest.add(entry.question);
    } else if (entry.kind === 'answered') {
      totals.answered += 1;
      for (const c of entry.cited) paragraph(c).count += 1;
    } else {
      totals[entry.helpful ? 'helpful' : 'notHelpful'] += 1;
      paragraph(entry.cited)[entry.helpful ? 'helpful' : 'notHelpful'] += 1;
    }
  }
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    declined: declined.top(top),
    closest: closest.top(top),
    cited: [...cited.values()]
      .filter((c) => c.count > 0 || c.helpful + c.notHelpful > 0)
      .sort(byCount)
      .slice(0, top),
    daily: [...daily.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    marksByArticle: [...marks.values()].sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful)).slice(0, top),
    totals,
  };
}

function countDay(daily: Map<string, Mutable<DailyCounts>>, day: string, outcome: Outcome): void {
  const counts = daily.get(day) ?? { day, answered: 0, closest: 0, declined: 0 };
  counts[outcome] += 1;
  daily.set(day, counts);
}

function countMark(marks: Map<string, Mutable<ArticleMarks>>, documentId: string, helpful: boolean): void {
  const counts = marks.get(documentId) ?? { documentId, helpful: 0, notHelpful: 0 };
  counts[helpful ? 'helpful' : 'notHelpful'] += 1;
  marks.set(documentId, counts);
}

/** How often each question was asked, with case, spacing and end punctuation folded. */
class QuestionCounts {
  readonly #counts = new Map<string, { question: string; count: number }>();

  add(question: string): void {
    const key = question
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[?.!\s]+$/, '')
      .trim();
    const known = this.#counts.get(key) ?? { question: question.trim(), count: 0 };
    this.#counts.set(key, { ...known, count: known.count + 1 });
  }

  /** The `top` most asked, most first. */
  top(top: number): { question: string; count: number }[] {
    return [...this.#counts.values()].sort((a, b) => b.count - a.count).slice(0, top);
  }
}

function isUsageEntry(value: unknown): value is UsageEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<string, unknown>>;
  if (typeof entry['time'] !== 'string') return false;
  const isCited = (c: unknown) =>
    typeof c === 'object' &&
    c !== null &&
    typeof (c as CitedParagraph).documentId === 'string' &&
    typeof (c as CitedParagraph).paragraph === 'number';
  switch (entry['kind']) {
    case 'declined':
      return typeof entry['question'] === 'string';
    case 'closest':
      return typeof entry['question'] === 'string' && Array.isArray(entry['cited']) && entry['cited'].every(isCited);
    case 'answered':
      return Array.isArray(entry['cited']) && entry['cited'].every(isCited);
    case 'feedback':
      return typeof entry['helpful'] === 'boolean' && isCited(entry['cited']);
    default:
      return false;
  }
}
