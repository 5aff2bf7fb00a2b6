import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Which part of the usage log to read. */
export type UsageLogRange = {
  /** Entries at or after this time only; the monthly files before its month are not opened. @default the whole log */
  readonly since?: Date;
};

const monthlyFile = /^usage-(\d{4}-\d{2})\.jsonl$/;

/**
 * The entries of the usage log in `dir` (the `usage-YYYY-MM.jsonl` files `UsageLog` writes), oldest month
 * first, each line parsed as JSON; lines that are not JSON are skipped, and a missing directory is an empty
 * log. Entries are returned as read, for `summarizeUsage` to check. Files are streamed line by line, so a
 * large month does not become one string.
 *
 * @example summarizeUsage(await readUsageLog('logs', { since: new Date(Date.now() - 30 * 86_400_000) }))
 */
export async function readUsageLog(dir: string, range: UsageLogRange = {}): Promise<unknown[]> {
  const since = range.since?.toISOString();
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => {
    const month = monthlyFile.exec(name)?.[1];
    return month !== undefined && (since === undefined || month >= since.slice(0, 7));
  });
  const entries: unknown[] = [];
  for (const name of names.sort()) {
    for await (const line of createInterface({ input: createReadStream(path.join(dir, name), 'utf8'), crlfDelay: Infinity })) {
      const entry = parseLine(line);
      if (entry !== undefined && (since === undefined || isAtOrAfter(entry, since))) entries.push(entry);
    }
  }
  return entries;
}

function parseLine(line: string): unknown {
  if (line.trim() === '') return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/** ISO times compare as text. An entry without a time is left for `summarizeUsage` to skip. */
function isAtOrAfter(entry: unknown, since: string): boolean {
  const time = typeof entry === 'object' && entry !== null && 'time' in entry ? entry.time : undefined;
  return typeof time === 'string' && time >= since;
}
