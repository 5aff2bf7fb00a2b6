import type { CitedParagraph, UsageEntry } from './log.js';

/** What admins learn from the usage log. */
export type UsageReport = {
  readonly declined: readonly { readonly question: string; readonly count: number }[];
  /** Questions answered only with the closest passages: the corpus may lack what they ask. */
  readonly closest: readonly { readonly question: string; readonly count: number }[];
  readonly cited: readonly (CitedParagraph & { readonly count: number; readonly helpful: number; readonly notHelpful: number })[];
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
 * and the most cited paragraphs with readers' marks. Lines that are not usage entries are skipped.
 */
export function summarizeUsage(entries: readonly unknown[], top = 10): UsageReport {
  const declined = new QuestionCounts();
  const closest = new QuestionCounts();
  const cited = new Map<string, CitedParagraph & { count: number; helpful: number; notHelpful: number }>();
  const totals = { answered: 0, closest: 0, declined: 0, helpful: 0, notHelpful: 0 };
  const paragraph = (c: CitedParagraph) => {
    const key = `${c.documentId}\u0000${c.paragraph}`;
    const entry = cited.get(key) ?? { documentId: c.documentId, paragraph: c.paragraph, count: 0, helpful: 0, notHelpful: 0 };
    cited.set(key, entry);
    return entry;
  };
  for (const entry of entries.filter(isUsageEntry)) {
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
    totals,
  };
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
