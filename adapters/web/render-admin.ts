import type { CorpusStatus, UsageReport } from '../../src/index.js';
import { barList, dailyChart, dailyTable, marksChart } from './charts.js';
import { markup, type SafeHtml } from './html.js';
import { layout } from './layout.js';

/** The periods the usage report can cover, in days. */
export const reportPeriods = [7, 30, 90] as const;

/** What the last reload did, shown once after the admin pressed Reload. */
export type ReloadNotice = 'clean' | 'problems' | 'unusable';

/** Everything the admin page shows. */
export type AdminView = {
  readonly status: CorpusStatus;
  /** Undefined when the usage log is off. */
  readonly report: UsageReport | undefined;
  /** The days the report covers (UTC), oldest first. */
  readonly days: readonly string[];
  readonly titles: ReadonlyMap<string, string>;
  readonly notice: ReloadNotice | undefined;
};

const notices: Record<ReloadNotice, string> = {
  clean: 'Reloaded: every file is good.',
  problems: 'Reloaded, with problems: the files below keep their last good version.',
  unusable: 'Nothing changed: the corpus directory could not be used (see the problems below).',
};

/** The sign-in page, refusing (`failed`) or asking for the token. */
export function renderSignIn(failed: boolean): string {
  return layout({
    title: 'Admin sign-in — Storybot',
    bodyClass: 'admin',
    main: markup`<h1>Storybot admin</h1>
      ${failed ? markup`<p class="error" role="alert">That token is not right.</p>` : markup`<p>This page is for the corpus's admins.</p>`}
      <form method="post" action="/admin/login" class="sign-in">
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>`,
  });
}

/** The admin page: the corpus being served, a Reload button, and the usage report as charts. */
export function renderAdmin(view: AdminView): string {
  return layout({
    title: 'Admin — Storybot',
    bodyClass: 'admin',
    main: markup`<div class="admin-top">
        <h1>Storybot admin</h1>
        <form method="post" action="/admin/logout"><button type="submit" class="secondary">Sign out</button></form>
      </div>
      ${view.notice === undefined ? '' : markup`<p class="notice" role="status">${notices[view.notice]}</p>`} ${corpusSection(view.status)}
      ${
        view.report === undefined
          ? markup`<section aria-labelledby="usage-heading">
              <h2 id="usage-heading">What people ask</h2>
              <p class="empty">The usage log is off (USAGE_LOG_DIR=off).</p>
            </section>`
          : usageSection(view.report, view.days, view.titles)
      }`,
  });
}

function corpusSection(status: CorpusStatus): SafeHtml {
  return markup`<section aria-labelledby="corpus-heading">
    <h2 id="corpus-heading">Corpus</h2>
    <dl class="facts">
      <div>
        <dt>Articles</dt>
        <dd>${status.documents}</dd>
      </div>
      <div>
        <dt>Paragraphs</dt>
        <dd>${status.paragraphs}</dd>
      </div>
      <div>
        <dt>Passages</dt>
        <dd>${status.passages}</dd>
      </div>
      <div>
        <dt>Loaded</dt>
        <dd>${time(status.loadedAt)}</dd>
      </div>
      <div>
        <dt>Last reload with problems</dt>
        <dd>${status.rejectedAt === undefined ? 'none' : time(status.rejectedAt)}</dd>
      </div>
    </dl>
    ${problemsTable(status)}
    <form method="post" action="/admin/reload"><button type="submit">Reload the corpus now</button></form>
  </section>`;
}

function problemsTable(status: CorpusStatus): SafeHtml {
  if (status.rejected.length === 0) return markup`<p class="ok">No problems: every file is served as it is.</p>`;
  return markup`<table class="problems">
      <caption>Problems the last reload found</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Line</th>
          <th scope="col">Problem</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        ${status.rejected.map(
          (p) =>
            markup`<tr>
              <td>${p.file}</td>
              <td>${p.line ?? ''}</td>
              <td>${p.problem}</td>
              <td>${time(p.since)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${status.keptLastGood.length === 0 ? '' : markup`<p>Still served from their last good version: ${status.keptLastGood.join(', ')}.</p>`}`;
}

function usageSection(report: UsageReport, days: readonly string[], titles: ReadonlyMap<string, string>): SafeHtml {
  const { totals } = report;
  const title = (id: string) => titles.get(id) ?? id;
  const summary =
    `Over the last ${days.length} days: ${totals.answered} answered, ${totals.closest} with the closest passages only, ` +
    `${totals.declined} declined; readers marked ${totals.helpful} helpful and ${totals.notHelpful} not helpful.`;
  return markup`<section aria-labelledby="usage-heading">
    <h2 id="usage-heading">What people ask</h2>
    <nav aria-label="Period" class="periods">
      ${reportPeriods.map((n) => markup`<a href="/admin?days=${n}" ${n === days.length ? markup` aria-current="page"` : ''}>${n} days</a>`)}
    </nav>
    <p>${summary}</p>
    <h3>Questions per day</h3>
    ${dailyChart(report.daily, days)}
    <ul class="legend">
      <li class="key-answered">answered</li>
      <li class="key-closest">closest passages only</li>
      <li class="key-declined">declined</li>
    </ul>
    ${dailyTable(report.daily, days)}
    <h3>What the corpus is missing</h3>
    <div class="two-columns">
      <div>
        <h4>Most asked, declined</h4>
        ${barList(
          report.declined.map((q) => ({ label: q.question, value: q.count })),
          'bar-declined',
          'No declined questions.',
        )}
      </div>
      <div>
        <h4>Most asked, closest passages only</h4>
        ${barList(
          report.closest.map((q) => ({ label: q.question, value: q.count })),
          'bar-closest',
          'None.',
        )}
      </div>
    </div>
    <h3>Paragraphs cited most</h3>
    ${barList(
      report.cited.map((c) => ({
        label: `${title(c.documentId)} ¶${c.paragraph}`,
        value: c.count,
        href: `/read/${c.documentId}?p=${c.paragraph}#p${c.paragraph}`,
      })),
      'bar-answered',
      'No answers yet.',
    )}
    <h3>Helpful / not helpful by article</h3>
    ${marksChart(report.marksByArticle.map((m) => ({ label: title(m.documentId), helpful: m.helpful, notHelpful: m.notHelpful })))}
  </section>`;
}

function time(date: Date): SafeHtml {
  const iso = date.toISOString();
  return markup`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}
