import { fc, test } from '../../support/property.js';
import { describe, expect, it } from 'vitest';
import { escapeHtml, markup, safeHref, SafeHtml } from '../../../adapters/web/html.js';

describe('markup', () => {
  it('escapes interpolated text, keeps what markup made, and joins lists', () => {
    const items = ['<b>one</b>', 'two & "three"'].map((text) => markup`<li>${text}</li>`);
    expect(String(markup`<ul title="${"it's"}">${items}${undefined}${false}${null}${3}</ul>`)).toBe(
      '<ul title="it&#39;s"><li>&lt;b&gt;one&lt;/b&gt;</li><li>two &amp; &quot;three&quot;</li>3</ul>',
    );
  });

  it('cannot be forged: only the markup template tag makes SafeHtml', () => {
    expect(() => new SafeHtml('<script>', Symbol('made by markup'))).toThrow(TypeError);
  });

  test.prop([fc.string()])('leaves no markup character of the text unescaped', (text) => {
    expect(escapeHtml(text)).not.toMatch(/[<>"']/);
    expect(String(markup`${text}`)).toBe(escapeHtml(text));
  });
});

describe('safeHref', () => {
  it.each([
    ['https://www.nytimes.com/2026/01/x.html', 'https://www.nytimes.com/2026/01/x.html'],
    ['http://example.com', 'http://example.com'],
    ['/read/a?p=2#p2', '/read/a?p=2#p2'],
    ['javascript:alert(1)', undefined],
    [' JavaScript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['//evil.example/x', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('takes %j as %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});
