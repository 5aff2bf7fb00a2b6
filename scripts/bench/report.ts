import os from 'node:os';
import type { Figures, Latency } from './child.js';

/** Every measurement of one corpus. */
export type Row = {
  readonly corpus: string;
  readonly articles: number;
  /** Storybot with an empty index cache; undefined when it failed (out of memory under `heapLimitMB`). */
  readonly cold: Figures | undefined;
  /** The heap limit the cold build ran under, if any (MB). */
  readonly heapLimitMB: number | undefined;
  /** Starts from the cached index; the first also answered every question. */
  readonly cached: readonly Figures[];
  /** Processes that only read, check and hash the corpus files, interleaved with the cached starts. */
  readonly reading: readonly Figures[];
  readonly floor: Figures;
  /** Plain MiniSearch, when the corpus is small enough for it (`--plain`). */
  readonly plain: Figures | undefined;
  readonly plainQuestions: readonly string[];
};

/** The answer budgets that stand: p99 in ms by corpus size in articles. */
const p99Budgets: readonly (readonly [articles: number, ms: number])[] = [
  [1, 1],
  [1000, 5],
  [10_000, 50],
];
/** The targets, as ratios to the floor (or to reading and hashing the files, for a start from the cache). */
const targets = { p99: 1.5, cachedStart: 2, bytesPerParagraph: 700 };

const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const f = (n: number | undefined, digits = 2) => (n === undefined ? '-' : n.toFixed(digits));
const x = (ours: number | undefined, floor: number | undefined) =>
  ours === undefined || floor === undefined || floor === 0 ? '-' : `${(ours / floor).toFixed(2)}×`;

function table(header: readonly string[], lines: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]?.length ?? 0)));
  for (const line of [header, ...lines])
    console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}

/** The start (to the first answer) from the cache, and reading and hashing alone: medians and ranges. */
const starts = (r: Row) => ({ cached: median(r.cached.map((c) => c.startMs)), reading: median(r.reading.map((c) => c.startMs)) });
const range = (list: readonly Figures[]) =>
  `${f(Math.min(...list.map((c) => c.startMs)), 0)}–${f(Math.max(...list.map((c) => c.startMs)), 0)}`;

function printStarts(rows: readonly Row[]): void {
  console.log(
    `\nStart and memory (ms, MB; each a fresh process, timed from its first line of code; cold: building the index, under a 512 MB heap up to 10,000 articles; cached: to the first answer,`,
  );
  console.log(
    `median of ${rows[0]?.cached.length ?? 0} with range; read+hash: reading, checking and hashing the files alone; B/¶: heap and buffers per paragraph)`,
  );
  table(
    [
      'corpus',
      'paragraphs',
      'cold',
      'cold peak',
      'cached',
      'range',
      'read+hash',
      'ratio',
      'peak',
      'floor peak',
      'ratio',
      'B/¶',
      'floor B/¶',
      'ratio',
      'plain build',
    ],
    rows.map((r) => {
      const { cached, reading } = starts(r);
      const first = r.cached[0];
      return [
        r.corpus,
        String(r.cached[0]?.paragraphs ?? ''),
        r.cold === undefined ? `failed${r.heapLimitMB === undefined ? '' : ` (heap ${r.heapLimitMB} MB)`}` : f(r.cold.startMs, 0),
        f(r.cold?.peakRssMB, 0),
        f(cached, 0),
        range(r.cached),
        f(reading, 0),
        x(cached, reading),
        f(first?.peakRssMB, 0),
        f(r.floor.peakRssMB, 0),
        x(first?.peakRssMB, r.floor.peakRssMB),
        f(first?.bytesPerParagraph, 0),
        f(r.floor.bytesPerParagraph, 0),
        x(first?.bytesPerParagraph, r.floor.bytesPerParagraph),
        f(r.plain?.startMs, 0),
      ];
    }),
  );
}

function printAnswers(rows: readonly Row[]): void {
  console.log(
    '\nAnswers (ms; ratio = Storybot / floor; plain = MiniSearch with its defaults, slower = questions whose median is above its)',
  );
  table(
    [
      'corpus',
      'rounds',
      'p50',
      'floor',
      'ratio',
      'p99',
      'floor',
      'ratio',
      'max',
      'floor',
      'ratio',
      'answers/s',
      'floor',
      'ratio',
      'plain p50',
      'plain p99',
      'slower',
    ],
    rows.map((r) => {
      const [ours, floor, plain] = [r.cached[0]?.latency, r.floor.latency, r.plain?.latency];
      return [
        r.corpus,
        String(r.cached[0]?.rounds ?? ''),
        ...(['p50', 'p99', 'max'] as const).flatMap((k) => [f(ours?.[k], 3), f(floor?.[k], 3), x(ours?.[k], floor?.[k])]),
        f(ours?.perSecond, 0),
        f(floor?.perSecond, 0),
        x(ours?.perSecond, floor?.perSecond),
        f(plain?.p50, 2),
        f(plain?.p99, 2),
        plain === undefined ? '-' : `${slowerThan(ours, plain, r.plainQuestions.length)}/${r.plainQuestions.length}`,
      ];
    }),
  );
}

/** How many of the first `count` questions we answer more slowly (by median) than plain MiniSearch searches them. */
const slowerThan = (ours: Latency | undefined, plain: Latency, count: number) =>
  Array.from({ length: count }, (_, i) => (ours?.medians[i] ?? 0) > (plain.medians[i] ?? 0)).filter(Boolean).length;

/** The budgets and targets, each with the figure that meets or misses it. */
function printTargets(rows: readonly Row[]): void {
  console.log('\nBudgets and targets');
  const line = (what: string, figure: string, isMet: boolean) => console.log(`  ${isMet ? 'met    ' : 'NOT MET'}  ${what}: ${figure}`);
  for (const [articles, ms] of p99Budgets) {
    const p99 = rows.find((r) => r.articles === articles)?.cached[0]?.latency?.p99;
    if (p99 !== undefined)
      line(
        `p99 ≤ ${ms} ms at ${articles === 1 ? 'the story' : `${articles.toLocaleString('en-US')} articles`}`,
        `${f(p99, 3)} ms`,
        p99 <= ms,
      );
  }
  for (const r of rows.filter((row) => row.articles >= 1000)) {
    const [ours, floor] = [r.cached[0]?.latency?.p99 ?? 0, r.floor.latency?.p99 ?? 0];
    line(`p99 within ${targets.p99}× the floor's at ${r.corpus}`, x(ours, floor), ours <= targets.p99 * floor);
    const { cached, reading } = starts(r);
    line(
      `start from the cache within ${targets.cachedStart}× reading and hashing at ${r.corpus}`,
      x(cached, reading),
      cached <= targets.cachedStart * reading,
    );
    const bytes = r.cached[0]?.bytesPerParagraph ?? 0;
    line(
      `at most ${targets.bytesPerParagraph} B of heap and buffers per paragraph at ${r.corpus}`,
      `${f(bytes, 0)} B`,
      bytes <= targets.bytesPerParagraph,
    );
  }
  for (const r of rows.filter((row) => row.heapLimitMB !== undefined && row.articles >= 1000)) {
    line(
      `a cold build of ${r.corpus} under --max-old-space-size=${r.heapLimitMB}`,
      r.cold === undefined ? 'failed' : 'built',
      r.cold !== undefined,
    );
  }
  const large = rows.filter((r) => r.articles >= 10_000);
  for (let i = 1; i < large.length; i += 1) {
    const [a, b] = [large[i - 1], large[i]];
    const growth = (pick: (r: Row) => number) => (a === undefined || b === undefined ? 0 : pick(b) / pick(a));
    const [ours, floor] = [growth((r) => r.cached[0]?.latency?.p99 ?? 0), growth((r) => r.floor.latency?.p99 ?? 0)];
    line(`p99 grows from ${a?.corpus} to ${b?.corpus} no faster than the floor's`, `×${f(ours)} against ×${f(floor)}`, ours <= floor);
  }
}

/** Prints the tables, the budgets, then one JSON line with every figure (each question's medians left out). */
export function printReport(rows: readonly Row[], run: { readonly questions: string; readonly rounds: string }): void {
  const cpus = os.cpus();
  console.log(
    `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${f(os.totalmem() / 2 ** 30, 0)} GiB, load average ${f(os.loadavg()[0])}; questions from ${run.questions}`,
  );
  printStarts(rows);
  printAnswers(rows);
  printTargets(rows);
  const lean = (figures: Figures | undefined) => {
    if (figures?.latency === undefined) return figures;
    const { medians: _, ...latency } = figures.latency;
    return { ...figures, latency };
  };
  const results = rows.map((r) => ({
    ...r,
    plainQuestions: undefined,
    cached: r.cached.map(lean),
    floor: lean(r.floor),
    plain: lean(r.plain),
  }));
  console.log(
    JSON.stringify({ node: process.version, cpus: cpus.length, cpu: cpus[0]?.model, loadAverage: os.loadavg()[0], ...run, results }),
  );
}
