import { describe, expect, it } from 'vitest';
import { barList, dailyChart, daysUpTo, marksChart } from '../../../adapters/web/charts.js';

describe('daysUpTo', () => {
  it('lists the days up to the given one (UTC), oldest first, across a month', () => {
    expect(daysUpTo(new Date('2026-03-02T23:30:00.000Z'), 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('dailyChart', () => {
  const days = ['2026-01-18', '2026-01-19', '2026-01-20'];

  it('stacks each day’s outcomes to scale, with a tooltip per day and a description', () => {
    const svg = String(dailyChart([{ day: '2026-01-20', answered: 2, closest: 1, declined: 1 }], days));
    expect(svg).toContain('<desc id="daily-desc">4 questions over 3 days, at most 4 on one day.</desc>');
    expect(svg.match(/<title>/g)).toHaveLength(3);
    expect(svg).toContain('<title>2026-01-18: 0 answered, 0 closest passages only, 0 declined</title>');
    expect(svg.match(/<rect class="bar-(answered|closest|declined)"/g)).toHaveLength(3);
    expect(svg).toContain('height="85"');
    expect(svg).toContain('01-18');
    expect(svg).toContain('01-20');
  });

  it('says there were no questions when there were none', () => {
    expect(String(dailyChart([], days))).toContain('<desc id="daily-desc">No questions over 3 days.</desc>');
  });
});

describe('barList and marksChart', () => {
  it('ranks items with bars scaled to the largest, their labels as text', () => {
    const list = String(
      barList(
        [
          { label: '<i>a</i>', value: 4 },
          { label: 'b', value: 1, href: '/read/x?p=1#p1' },
        ],
        'bar-declined',
        'none',
      ),
    );
    expect(list).toContain('&lt;i&gt;a&lt;/i&gt;');
    expect(list).toContain('width="100"');
    expect(list).toContain('width="25"');
    expect(list).toContain('<a href="/read/x?p=1#p1">b</a>');
    expect(String(barList([], 'bar-declined', 'Nothing yet.'))).toBe('<p class="empty">Nothing yet.</p>');
  });

  it('draws not helpful to the left and helpful to the right, on one scale', () => {
    const chart = String(marksChart([{ label: 'Story', helpful: 3, notHelpful: 1 }]));
    expect(chart).toContain('3 helpful, 1 not helpful');
    expect(chart).toContain('<rect class="bar-not-helpful" x="66.7" y="0" width="33.3" height="10">');
    expect(chart).toContain('<rect class="bar-helpful" x="0" y="0" width="100" height="10">');
  });
});
