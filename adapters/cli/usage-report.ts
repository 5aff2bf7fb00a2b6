import type { UsageReport } from '../../src/index.js';

/** The report as an admin reads it. */
export function formatReport(report: UsageReport, titles: ReadonlyMap<string, string>): string {
  const { totals } = report;
  const lines = [
    `${totals.answered} answered, ${totals.declined} declined; readers marked ${totals.helpful} helpful, ${totals.notHelpful} not helpful.`,
    '',
    'Most frequent declined questions (what to add to the corpus):',
    ...(report.declined.length === 0 ? ['  none'] : report.declined.map((d) => `  ${String(d.count).padStart(5)}  ${d.question}`)),
    '',
    'Most cited paragraphs:',
    ...(report.cited.length === 0
      ? ['  none']
      : report.cited.map(
          (c) =>
            `  ${String(c.count).padStart(5)}  ${titles.get(c.documentId) ?? c.documentId} ¶${c.paragraph}` +
            (c.helpful + c.notHelpful > 0 ? `  (+${c.helpful} / -${c.notHelpful})` : ''),
        )),
  ];
  return lines.join('\n');
}
