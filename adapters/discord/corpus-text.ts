import { formatCorpusProblem, type CorpusProblem, type CorpusStatus, type ReloadOutcome, type ReportedProblem } from '../../src/index.js';
import { escapeMarkdown } from './escape.js';
import { limits } from './render.js';

/** The list of files kept at their last good version gets at most this much of a message. */
const maxKeptChars = 600;

/**
 * `/corpus status`: documents, paragraphs and passages, when and where from; then what the last reload
 * found wrong, each problem with when it was first seen, and the bad files still served as they last were
 * when good. Within Discord's 2000 characters.
 */
export function describeStatus(status: CorpusStatus): string {
  const lines = [
    `**${status.documents}** documents, **${status.paragraphs}** paragraphs, **${status.passages}** passages from \`${status.dir.replace(/`/g, "'")}\`, loaded ${timestamp(status.loadedAt)}.`,
  ];
  if (status.rejected.length > 0) {
    const when = status.rejectedAt === undefined ? '' : ` ${timestamp(status.rejectedAt)}`;
    lines.push(`The last reload${when} found ${count(status.rejected.length, 'problem')}:`);
    lines.push(...keptLine(status.keptLastGood), describeProblems(status.rejected));
  }
  return fitLines(lines.join('\n'));
}

/** What one shard's process serves, as it reports it to the shard asked for `/corpus status`. */
export type ShardSummary = {
  readonly shard: number;
  /** Undefined when the shard did not answer in time (starting, restarting, or stuck). */
  readonly serving?: { readonly documents: number; readonly paragraphs: number; readonly passages: number; readonly problems: number };
};

/** A shard's summary of its own corpus status. */
export function summaryOf(shard: number, status: CorpusStatus): ShardSummary {
  return {
    shard,
    serving: { documents: status.documents, paragraphs: status.paragraphs, passages: status.passages, problems: status.rejected.length },
  };
}

/**
 * The lines `/corpus status` adds under a ShardingManager: shards serving the same are grouped, so that
 * a shard whose corpus differs, or that does not answer, stands out.
 */
export function describeShards(summaries: readonly ShardSummary[]): string {
  const groups = new Map<string, number[]>();
  for (const { shard, serving } of [...summaries].sort((a, b) => a.shard - b.shard)) {
    const what =
      serving === undefined
        ? 'not answering (starting or restarting)'
        : `${count(serving.documents, 'document')}, ${count(serving.paragraphs, 'paragraph')}, ${count(serving.passages, 'passage')}, ${serving.problems === 0 ? 'no problems' : count(serving.problems, 'problem')}`;
    groups.set(what, [...(groups.get(what) ?? []), shard]);
  }
  const [only] = groups.keys();
  if (groups.size === 1 && only !== undefined && !only.startsWith('not'))
    return `All ${count(summaries.length, 'shard')} serve the same: ${only}.`;
  return [...groups].map(([what, shards]) => `${shards.length === 1 ? 'Shard' : 'Shards'} ${shards.join(', ')}: ${what}.`).join('\n');
}

/** `/corpus reload`'s reply: the new status, or every problem found and which bad files keep their last good version. */
export function describeReload(outcome: ReloadOutcome): string {
  if (outcome.ok) return fitLines(`Reloaded. ${describeStatus(outcome.status)}`);
  const heading = `The reload found ${count(outcome.problems.length, 'problem')}; the good files are served.`;
  return fitLines([heading, ...keptLine(outcome.status.keptLastGood), describeProblems(outcome.problems)].join('\n'));
}

/**
 * What the admin channel is told after a reload: its problems (file: line: problem, and the files
 * kept at their last good version), or that the corpus recovered. `undefined` for an ordinary reload.
 */
export function describeReloadAlert(outcome: ReloadOutcome, hadProblems: boolean): string | undefined {
  const { status } = outcome;
  if (!outcome.ok) {
    const heading = `**Corpus reload found ${count(outcome.problems.length, 'problem')}.** The good files are served.`;
    return fitLines([heading, ...keptLine(status.keptLastGood), describeProblems(outcome.problems)].join('\n'));
  }
  if (!hadProblems) return undefined;
  return `**Corpus recovered:** ${count(status.documents, 'document')}, ${count(status.paragraphs, 'paragraph')}, no problems left.`;
}

/** What the admin channel is told when the bot starts with a corpus that has problems: each one, and what is served. */
export function describeStartAlert(status: CorpusStatus): string {
  const heading = `**The corpus loaded with ${count(status.rejected.length, 'problem')} at start-up.** The good files are served.`;
  return fitLines([heading, describeProblems(status.rejected)].join('\n'));
}

/** One line per problem: `- file:line: problem`, and `(since <t:…:R>)` when known. */
export function describeProblems(problems: readonly (CorpusProblem | ReportedProblem)[]): string {
  return problems
    .map(
      (problem) => `- ${escapeMarkdown(formatCorpusProblem(problem))}${'since' in problem ? ` (since ${timestamp(problem.since)})` : ''}`,
    )
    .join('\n');
}

/** "Still serving the last good version of: a.md, b.md" (bounded), or nothing when no bad file is kept. */
function keptLine(files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const shown: string[] = [];
  let length = 0;
  for (const file of files) {
    const name = `\`${file.replace(/`/g, "'")}\``;
    if (length + name.length + 2 > maxKeptChars) break;
    shown.push(name);
    length += name.length + 2;
  }
  const more = files.length - shown.length;
  return [`Still serving the last good version of: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`];
}

/** A Discord timestamp that each reader sees in their own time zone, relative ("3 minutes ago"). */
function timestamp(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:R>`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Keeps whole lines within Discord's content limit, saying how many were left out. */
export function fitLines(text: string): string {
  if (text.length <= limits.content) return text;
  const lines = text.split('\n');
  while (lines.length > 1 && lines.join('\n').length > limits.content - 40) lines.pop();
  // A single line longer than the limit is cut (it would otherwise be rejected whole).
  return `${lines.join('\n').slice(0, limits.content - 40)}\n… and more (see the log).`;
}
