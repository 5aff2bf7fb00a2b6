import { z } from 'zod';

const datePattern = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** `2026`, `2026-01` or `2026-01-15`, and a day that exists in its month (no 2026-02-30). */
function isRealDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (match === null) return false;
  const [, year, month, day] = match;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day);
}

/** YAML reads `title: 1984` as a number; an admin meant the text. */
const text = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected text') }).trim().min(1, 'is empty'),
);

/**
 * The front matter of one article file. Only `title` is required; keys not listed here are kept out
 * of the article but do not make the file invalid (admins may keep notes there).
 */
export const frontMatterSchema = z.object({
  title: text,
  /** The publisher, e.g. "The New York Times". */
  source: text.optional(),
  author: text.optional(),
  /** `2026`, `2026-01` or `2026-01-15`. */
  published: z
    .preprocess(
      (value) => (typeof value === 'number' ? String(value) : value instanceof Date ? value.toISOString().slice(0, 10) : value),
      z.string({ error: 'expected a date like 2026-01 or 2026-01-15' }).trim(),
    )
    .refine((value) => isRealDate(value), {
      error: (issue) => `expected a date like 2026-01 or 2026-01-15, got "${String(issue.input)}"`,
    })
    .optional(),
  url: z
    .url({ protocol: /^https?$/, error: 'expected a web address starting with http:// or https://' })
    .optional(),
  /** A feed footer or other trailing note, kept as metadata and not indexed. */
  footer: text.optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** One paragraph of an article, numbered from 1 in file order. */
export type Paragraph = {
  readonly number: number;
  readonly text: string;
  /** The 1-based line of the file where the paragraph starts. */
  readonly line: number;
};

/** One article of the corpus, as validated from one file. */
export type Article = {
  /** Stable id derived from the file name: `us-presses-mexico-on-cartels.md` → `us-presses-mexico-on-cartels`. */
  readonly id: string;
  /** The file name, relative to the corpus directory. */
  readonly file: string;
  readonly title: string;
  readonly source?: string;
  readonly author?: string;
  readonly published?: string;
  readonly url?: string;
  readonly footer?: string;
  readonly paragraphs: readonly Paragraph[];
};
