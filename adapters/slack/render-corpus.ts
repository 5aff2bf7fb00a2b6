import type { types } from '@slack/bolt';
import { formatCorpusProblem, type CorpusProblem, type CorpusStatus, type ReloadOutcome, type ReportedProblem } from '../../src/index.js';
import { escapeMrkdwn, fitMrkdwn } from './mrkdwn.js';
import { slackLimits, type SlackMessage } from './render.js';

/** One line of an admin message: as mrkdwn (with Slack date tokens) for the blocks, as plain text for the notification. */
type Line = { readonly mrkdwn: string; readonly plain: string };

/** How many problems, and kept files, an admin message names before "and N more". */
const listed = { problems: 10, files: 20 } as const;
/** The longest one problem's line may be, so that a single huge message cannot crowd out the rest. */
const problemChars = 400;

/** `/corpus status`: what is served and, when the last reload found problems, each one with since when, and the files kept. */
export function renderStatus(status: CorpusStatus): SlackMessage {
  const lines = [servingLine(status)];
  if (status.rejected.length > 0)
    lines.push(datedLine('The last reload (', status.rejectedAt, ') found problems:'), ...problemLines(status.rejected));
  return adminMessage([...lines, ...keptLines(status.keptLastGood)]);
}

/** The reply to `/corpus reload`. */
export function renderReloadReply(outcome: ReloadOutcome): SlackMessage {
  if (outcome.ok) {
    const serving = servingLine(outcome.status);
    return adminMessage([{ mrkdwn: `Reloaded. ${serving.mrkdwn}`, plain: `Reloaded. ${serving.plain}` }]);
  }
  const { status } = outcome;
  // Only the bad files were refused: the rest of the corpus was swapped in.
  const heading = plainLine(
    `Reloaded, with ${count(outcome.problems.length, 'problem')}; bad files keep their last good version (or stay out if they never had one):`,
  );
  return adminMessage([
    heading,
    ...problemLines(status.rejected.length > 0 ? status.rejected : outcome.problems),
    servingLine(status),
    ...keptLines(status.keptLastGood),
  ]);
}

/**
 * What the admin channel is told after a reload: the problems it found, or that the corpus recovered
 * after a reload that had problems; nothing (undefined) for an ordinary successful reload.
 */
export function renderReloadAlert(outcome: ReloadOutcome, hadProblems: boolean): SlackMessage | undefined {
  const { status } = outcome;
  if (outcome.ok) {
    if (!hadProblems) return undefined;
    return adminMessage([
      plainLine(
        `Corpus recovered: ${count(status.documents, 'document')} (${count(status.paragraphs, 'paragraph')}) now served from ${status.dir}. The last reload's problems are gone.`,
      ),
    ]);
  }
  const heading = plainLine(`Corpus reload found ${count(outcome.problems.length, 'problem')}:`);
  const problems = problemLines(status.rejected.length > 0 ? status.rejected : outcome.problems);
  return adminMessage([heading, ...problems, ...keptLines(status.keptLastGood), servingLine(status)]);
}

/** What the admin channel is told when the bot starts with a corpus that has problems: each one, and what is served. */
export function renderStartAlert(status: CorpusStatus): SlackMessage {
  const heading = plainLine(`The corpus loaded with ${count(status.rejected.length, 'problem')} at start-up; the good files are served:`);
  return adminMessage([heading, ...problemLines(status.rejected), servingLine(status)]);
}

/** Slack's date formatting: the reader's own time zone, with a UTC fallback for clients that cannot. */
export function dateToken(date: Date | undefined): string {
  if (date === undefined) return 'unknown';
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${formatTime(date)}>`;
}

function servingLine(status: CorpusStatus): Line {
  const what = `Serving ${count(status.documents, 'article')} (${status.paragraphs} paragraphs, ${status.passages} passages) from ${status.dir}, loaded `;
  return datedLine(what, status.loadedAt, '.');
}

function problemLines(problems: readonly (CorpusProblem | ReportedProblem)[]): Line[] {
  const lines = problems.slice(0, listed.problems).map((problem): Line => {
    const text = `• ${formatCorpusProblem(problem)}`;
    if (!('since' in problem)) return { mrkdwn: fitMrkdwn(text, problemChars), plain: text };
    const since = datedLine(' (since ', problem.since, ')');
    return { mrkdwn: fitMrkdwn(text, problemChars) + since.mrkdwn, plain: text + since.plain };
  });
  const more = problems.length - lines.length;
  return more > 0 ? [...lines, plainLine(`• and ${more} more (see the log)`)] : lines;
}

function keptLines(files: readonly string[]): Line[] {
  if (files.length === 0) return [];
  const shown = files.slice(0, listed.files).join(', ');
  const more = files.length > listed.files ? ` and ${files.length - listed.files} more` : '';
  return [plainLine(`Still serving the last good version of: ${shown}${more}.`)];
}

/** A line of plain words, escaped. */
function plainLine(text: string): Line {
  return { mrkdwn: escapeMrkdwn(text), plain: text };
}

/** Words around a date: a Slack date token in the blocks, UTC in the notification. */
function datedLine(before: string, date: Date | undefined, after: string): Line {
  return { mrkdwn: `${escapeMrkdwn(before)}${dateToken(date)}${escapeMrkdwn(after)}`, plain: `${before}${formatTime(date)}${after}` };
}

/** One section, fitted to Slack's section limit at a line boundary (a date token is never cut), ending in "…" when cut. */
function adminMessage(lines: readonly Line[]): SlackMessage {
  const section: types.SectionBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: fitLines(
        lines.map((l) => l.mrkdwn),
        slackLimits.sectionText,
      ),
      verbatim: true,
    },
  };
  return { blocks: [section], text: fitMrkdwn(lines.map((l) => l.plain).join('\n'), slackLimits.fallbackText) };
}

/** Joins `lines`, keeping whole lines while they fit in `maxChars`; a cut ends in "…". */
export function fitLines(lines: readonly string[], maxChars: number): string {
  const whole = lines.join('\n');
  if (whole.length <= maxChars) return whole;
  let text = '';
  for (const line of lines) {
    const next = text === '' ? line : `${text}\n${line}`;
    if (next.length + 2 > maxChars) break;
    text = next;
  }
  return text === '' ? '…' : `${text}\n…`;
}

function formatTime(date: Date | undefined): string {
  return date === undefined ? 'unknown' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
