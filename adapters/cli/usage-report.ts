import type { UsageReport } from '../../src/index.js';
import { cleanLine } from '../terminal/clean.js';

/** The report as an admin reads it. */
export function formatReport(report: UsageReport, titles: ReadonlyMap<string, string>): string {
  const { totals } = report;
  const lines = [
    `${totals.answered} answered, ${totals.closest} closest passages only, ${totals.declined} declined; ` +
      `readers marked ${totals.helpful} helpful, ${totals.notHelpful} not helpful.`,
    '',
    'Most frequent declined questions (what to add to the corpus):',
    ...questionLines(report.declined),
    '',
    'Most frequent questions answered only with the closest passages (the corpus may lack these too):',
    ...questionLines(report.closest),
    '',
    'Most cited paragraphs:',
    ...(report.cited.length === 0
      ? ['  none']
      : report.cited.map(
          (c) =>
            `  ${String(c.count).padStart(5)}  ${cleanLine(titles.get(c.documentId) ?? c.documentId)} ¶${c.paragraph}` +
            (c.helpful + c.notHelpful > 0 ? `  (+${c.helpful} / -${c.notHelpful})` : ''),
        )),
  ];
  return lines.join('\n');
}

function questionLines(questions: UsageReport['declined']): string[] {
  return questions.length === 0 ? ['  none'] : questions.map((d) => `  ${String(d.count).padStart(5)}  ${cleanLine(d.question)}`);
}
