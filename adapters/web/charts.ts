import type { DailyCounts } from '../../src/index.js';
import { markup, type SafeHtml } from './html.js';

/** The outcomes stacked in the daily chart, bottom up, with their labels. */
const outcomes = [
  { key: 'answered', label: 'answered' },
  { key: 'closest', label: 'closest passages only' },
  { key: 'declined', label: 'declined' },
] as const;

const chart = { width: 640, height: 200, left: 36, bottom: 22, top: 8 } as const;

/** The `count` days up to and including `last` (UTC), oldest first, as `YYYY-MM-DD`. */
export function daysUpTo(last: Date, count: number): string[] {
  const end = Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Questions per day by outcome as stacked bars (SVG, drawn here, no script): one bar a day over `days`,
 * days without questions left empty. Each bar has a tooltip with its numbers; the chart has a title and a
 * description for screen readers, and the page gives the same numbers as a table.
 */
export function dailyChart(daily: readonly DailyCounts[], days: readonly string[]): SafeHtml {
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const max = Math.max(1, ...days.map((day) => total(byDay.get(day))));
  const slot = (chart.width - chart.left) / Math.max(1, days.length);
  const bars = days.map((day, i) => dayBar(day, byDay.get(day), chart.left + i * slot, slot, max));
  const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1].filter(
    (i, n, all) => all.indexOf(i) === n && days[i] !== undefined,
  );
  const labels = ticks.map((i) => {
    const x = round(chart.left + (i + 0.5) * slot);
    return markup`<text class="axis" x="${x}" y="${chart.height - 6}" text-anchor="middle">${(days[i] ?? '').slice(5)}</text>`;
  });
  const sum = days.reduce((n, day) => n + total(byDay.get(day)), 0);
  const description =
    sum === 0 ? `No questions over ${days.length} days.` : `${sum} questions over ${days.length} days, at most ${max} on one day.`;
  const baseline = chart.height - chart.bottom;
  return markup`<svg class="chart" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-labelledby="daily-title daily-desc">
    <title id="daily-title">Questions per day by outcome</title>
    <desc id="daily-desc">${description}</desc>
    <line class="axis-line" x1="${chart.left}" y1="${baseline}" x2="${chart.width}" y2="${baseline}"></line>
    <text class="axis" x="${chart.left - 6}" y="${chart.top + 10}" text-anchor="end">${max}</text>
    <text class="axis" x="${chart.left - 6}" y="${baseline}" text-anchor="end">0</text>
    ${bars}${labels}
  </svg>`;
}

/** One day's stacked bar in a slot starting at `left`, scaled so that `max` fills the plot, with its numbers as a tooltip. */
function dayBar(day: string, counts: DailyCounts | undefined, left: number, slot: number, max: number): SafeHtml {
  const plotHeight = chart.height - chart.bottom - chart.top;
  let y = chart.height - chart.bottom;
  const segments = outcomes.map(({ key }) => {
    const height = ((counts?.[key] ?? 0) / max) * plotHeight;
    y -= height;
    if (height === 0) return '';
    return markup`<rect class="bar-${key}" x="${round(left + slot * 0.15)}" y="${round(y)}" width="${round(slot * 0.7)}" height="${round(height)}"></rect>`;
  });
  const tip = `${day}: ${outcomes.map(({ key, label }) => `${counts?.[key] ?? 0} ${label}`).join(', ')}`;
  return markup`<g><title>${tip}</title>${segments}</g>`;
}

/** The daily chart's numbers as a table (in a disclosure), for anyone who cannot see the chart. */
export function dailyTable(daily: readonly DailyCounts[], days: readonly string[]): SafeHtml {
  const rows = daily.filter((d) => days.includes(d.day));
  return markup`<details>
    <summary>The numbers, day by day</summary>
    <table>
      <thead>
        <tr><th scope="col">Day (UTC)</th><th scope="col">Answered</th><th scope="col">Closest only</th><th scope="col">Declined</th></tr>
      </thead>
      <tbody>
        ${rows.map((d) => markup`<tr><th scope="row">${d.day}</th><td>${d.answered}</td><td>${d.closest}</td><td>${d.declined}</td></tr>`)}
      </tbody>
    </table>
  </details>`;
}

/** One row of a bar list: what it counts, how many, and where it links (a cited paragraph's reading view). */
export type BarItem = { readonly label: string; readonly value: number; readonly href?: string };

/**
 * A ranked list with a bar per item, scaled to the largest (an HTML list, so long questions wrap and are
 * read as text, each with a small SVG bar). Empty lists say so.
 */
export function barList(items: readonly BarItem[], barClass: string, empty: string): SafeHtml {
  if (items.length === 0) return markup`<p class="empty">${empty}</p>`;
  const max = Math.max(1, ...items.map((item) => item.value));
  return markup`<ol class="bar-list">
    ${items.map(
      (item) =>
        markup`<li>
          <span class="bar-label">${item.href === undefined ? item.label : markup`<a href="${item.href}">${item.label}</a>`}</span>
          <span class="bar-value">${item.value}</span>
          ${bar(item.value / max, barClass)}
        </li>`,
    )}
  </ol>`;
}

/** Helpful (to the right) and not helpful (to the left) marks per article, on one scale. */
export function marksChart(rows: readonly { readonly label: string; readonly helpful: number; readonly notHelpful: number }[]): SafeHtml {
  if (rows.length === 0) return markup`<p class="empty">No Helpful / Not helpful marks yet.</p>`;
  const max = Math.max(1, ...rows.flatMap((row) => [row.helpful, row.notHelpful]));
  return markup`<ol class="bar-list marks">
    ${rows.map(
      (row) =>
        markup`<li>
          <span class="bar-label">${row.label}</span>
          <span class="bar-value">${row.helpful} helpful, ${row.notHelpful} not helpful</span>
          <span class="diverging">${bar(row.notHelpful / max, 'bar-not-helpful', true)}${bar(row.helpful / max, 'bar-helpful')}</span>
        </li>`,
    )}
  </ol>`;
}

/** A bar filling `share` (0 to 1) of its box, from the left, or from the right when `fromRight`. */
function bar(share: number, barClass: string, fromRight = false): SafeHtml {
  const width = round(Math.max(share * 100, share > 0 ? 1 : 0));
  return markup`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
    <rect class="${barClass}" x="${fromRight ? round(100 - width) : 0}" y="0" width="${width}" height="10"></rect>
  </svg>`;
}

const total = (counts: DailyCounts | undefined) => (counts === undefined ? 0 : counts.answered + counts.closest + counts.declined);
const round = (n: number) => Math.round(n * 10) / 10;
