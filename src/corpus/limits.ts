/**
 * The most a corpus may hold. Past them a file is refused with a problem saying which limit, so memory and
 * the time a reload holds the bot stay bounded whatever lands in the directory. A news article is a few
 * tens of kilobytes and tens of paragraphs; these leave room for far longer ones.
 */
export const corpusLimits = {
  /** The largest article file read, in bytes (4 MiB). A larger one is refused without being read. */
  fileBytes: 4 * 1024 * 1024,
  /** The most paragraphs one article may have. */
  paragraphs: 5_000,
  /**
   * The most bytes of article files read in all (128 MiB). Files are read in name order; those that would
   * take the corpus past it are left out, each with a problem.
   */
  corpusBytes: 128 * 1024 * 1024,
} as const;

export type CorpusLimits = { readonly [Key in keyof typeof corpusLimits]: number };

/** The limits with at most `megabytes` of article files in all (CORPUS_MAX_MB). */
export const limitsWithCorpusMB = (megabytes: number): CorpusLimits => ({ ...corpusLimits, corpusBytes: megabytes * 1024 * 1024 });

/** "4 MB", "1.5 MB", "900 KB": sizes as admins read them (binary units, written as MB and KB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimmed(bytes / (1024 * 1024))} MB`;
  return bytes >= 1024 ? `${trimmed(bytes / 1024)} KB` : `${bytes} bytes`;
}

const trimmed = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
