import { watchPauses, type Pauses } from '../../test/support/pause-probe.js';

/** One attack's line of the table: what was sent, and what went wrong. */
export type Row = {
  readonly attack: string;
  /** Requests, events, files or processes the attack sent at the bot. */
  readonly requests: number;
  /** The process died or stopped answering, an unhandled error reached the top, or a start hung. */
  readonly crashes: number;
  /** Something served or recorded that must not be: a file outside the corpus, a replay answered, a forged mark, a raw escape. */
  readonly leaks: number;
  /** Replies over a platform's limit (sizes, or Discord's 3 s for a first response). */
  readonly overLimit: number;
  /** The longest event-loop pause during the attack: wall-clock ms, and the main thread's own CPU ms. */
  readonly pauseMs: number | undefined;
  readonly pauseCpuMs: number | undefined;
  /** What the numbers mean for this attack, in a few words. */
  readonly note: string;
};

/**
 * What an attack found. `pauses` is the event loop measured over the part that matters (a reload, the
 * requests), when the attack's own set-up would otherwise count; `'n/a'` when the attack runs no bot here.
 */
export type Counts = Pick<Row, 'requests' | 'crashes' | 'leaks' | 'overLimit' | 'note'> & { readonly pauses?: Pauses | 'n/a' };

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled += 1;
  process.stderr.write(`chaos: unhandled rejection: ${String(reason)}\n`);
});
process.on('uncaughtException', (error) => {
  unhandled += 1;
  process.stderr.write(`chaos: uncaught exception: ${error.stack ?? String(error)}\n`);
});

/** Runs one attack, counting the unhandled errors it caused as crashes and watching the event loop meanwhile. */
export async function attack(name: string, run: () => Promise<Counts>): Promise<Row> {
  process.stderr.write(`chaos: ${name}…\n`);
  const before = unhandled;
  const probe = watchPauses();
  let counts: Counts;
  try {
    counts = await run();
  } catch (error) {
    process.stderr.write(`chaos: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    counts = { requests: 0, crashes: 1, leaks: 0, overLimit: 0, note: 'the attack itself failed (see above)' };
  }
  const whole = probe.stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const { pauses = whole, ...rest } = counts;
  const [pauseMs, pauseCpuMs] = pauses === 'n/a' ? [undefined, undefined] : [pauses.longestMs, pauses.longestCpuMs];
  return { attack: name, ...rest, crashes: counts.crashes + unhandled - before, pauseMs, pauseCpuMs };
}

/** The table, as Markdown. */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'attack',
    'requests',
    'crashes',
    'leaks',
    'replies over a limit',
    'longest pause (wall / main-thread CPU)',
    'what was checked',
  ];
  const lines = rows.map((row) => [
    row.attack,
    row.requests.toLocaleString('en-US'),
    String(row.crashes),
    String(row.leaks),
    String(row.overLimit),
    row.pauseMs === undefined
      ? 'n/a'
      : `${Math.round(row.pauseMs)} / ${row.pauseCpuMs === undefined ? '?' : Math.round(row.pauseCpuMs)} ms`,
    row.note,
  ]);
  const cells = [header, header.map(() => '---'), ...lines];
  return cells.map((cell) => `| ${cell.join(' | ')} |`).join('\n');
}
