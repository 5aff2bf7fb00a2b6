import type { Article } from '../../src/index.js';
import { markup, safeHref } from './html.js';
import { layout } from './layout.js';

/** "The New York Times · Maria Abi-Habib · 2026-01": the article's details that it has, in order. */
function byline(article: Article): string {
  return [article.source, article.author, article.published].filter((part) => part !== undefined).join(' · ');
}

/**
 * The reading view of an article: every paragraph with its number, so a citation can be read in context.
 * The paragraph `marked` (the one a citation pointed to) is highlighted and labelled for screen readers;
 * its anchor (`#p23`) scrolls it into view without any script. Corpus text is escaped, and the article's
 * address becomes a link only when it is http(s).
 */
export function renderArticle(article: Article, marked: number | undefined): string {
  const original = safeHref(article.url);
  const paragraphs = article.paragraphs.map((paragraph) => {
    const isMarked = paragraph.number === marked;
    return markup`<p id="p${paragraph.number}" class="paragraph${isMarked ? ' marked' : ''}" ${isMarked ? markup` aria-current="true"` : ''}>
      <span class="paragraph-number" aria-hidden="true">¶${paragraph.number}</span
      >${isMarked ? markup`<span class="visually-hidden">Cited paragraph ${paragraph.number}: </span>` : ''}${paragraph.text}
    </p>`;
  });
  const note =
    marked === undefined
      ? ''
      : article.paragraphs.some((p) => p.number === marked)
        ? markup`<p class="reading-note">The answer cited <a href="#p${marked}">paragraph ${marked}</a>; it is marked below.</p>`
        : markup`<p class="reading-note">This article has no paragraph ${marked} any more; it may have been edited since.</p>`;
  return layout({
    title: `${article.title} — Storybot`,
    bodyClass: 'reading',
    main: markup`<article class="reading-view">
      <h1>${article.title}</h1>
      <p class="byline">${byline(article)}</p>
      ${original === undefined ? '' : markup`<p><a href="${original}" rel="noopener noreferrer nofollow">Read the original</a></p>`} ${note}
      <div class="paragraphs">${paragraphs}</div>
      <p><a href="/">Ask another question</a></p>
    </article>`,
  });
}
