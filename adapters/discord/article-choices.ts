/** An article as the `article` option offers it. */
export type ArticleRef = { readonly id: string; readonly title: string };

/** An autocomplete choice (name and value each 1 to 100 characters). */
export type Choice = { readonly name: string; readonly value: string };

/** Discord shows at most 25 choices, each at most 100 characters. */
export const choiceLimits = { choices: 25, chars: 100 } as const;

/**
 * The articles whose title or id contains what the member typed, ignoring case and accents, as
 * autocomplete choices: the title shown, the document id sent. Titles that start with it come first,
 * then titles with a word that does, then the rest, each group by title. Articles whose id is too long
 * for a choice value are left out; two articles with one title are told apart by their ids.
 * @example matchArticles([{ id: 'garcia-election', title: 'García Wins' }], 'garcia') // [{ name: 'García Wins', value: 'garcia-election' }]
 */
export function matchArticles(articles: readonly ArticleRef[], typed: string, limit: number = choiceLimits.choices): Choice[] {
  const wanted = fold(typed).trim();
  const found = articles
    .filter((article) => article.id !== '' && article.id.length <= choiceLimits.chars)
    .map((article) => ({ article, title: fold(article.title), rank: rankOf(fold(article.title), fold(article.id), wanted) }))
    .filter((entry) => entry.rank !== undefined)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, Math.max(0, Math.min(limit, choiceLimits.choices)))
    .map(({ article }) => article);
  const titles = found.map((article) => oneLine(article.title));
  return found.map((article, i) => {
    const title = titles[i] === '' ? article.id : (titles[i] ?? article.id);
    const isShared = titles.filter((t) => t === titles[i]).length > 1;
    return { name: isShared ? withId(title, article.id) : fit(title, choiceLimits.chars), value: article.id };
  });
}

/** Lower case without accents or other marks, so "garcia" finds "García". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** 0: title or id starts with it; 1: a word of the title does; 2: contains it; undefined: no match. */
function rankOf(title: string, id: string, wanted: string): number | undefined {
  if (wanted === '' || title.startsWith(wanted) || id.startsWith(wanted)) return 0;
  if (title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(wanted))) return 1;
  return title.includes(wanted) || id.includes(wanted) ? 2 : undefined;
}

function withId(title: string, id: string): string {
  const suffix = ` (${id})`;
  // An id too long to show beside the title: the title alone, as Discord would otherwise reject the choice.
  return suffix.length > choiceLimits.chars / 2
    ? fit(title, choiceLimits.chars)
    : `${fit(title, choiceLimits.chars - suffix.length)}${suffix}`;
}

/** At most `max` characters, ending in "…" when cut, never splitting a surrogate pair. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text
    .slice(0, max - 1)
    .replace(/[\uD800-\uDBFF]$/, '')
    .trimEnd()}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
