import type { Article, BotCore } from '../../src/index.js';

/** Each served article list, indexed by id once: the list is replaced whole on reload, so the index follows it. */
const byIdCache = new WeakMap<readonly Article[], ReadonlyMap<string, Article>>();

/** The article `id` of the corpus `bot` serves now, or undefined. */
export function findArticle(bot: Pick<BotCore, 'articles'>, id: string): Article | undefined {
  const articles = bot.articles();
  let byId = byIdCache.get(articles);
  if (byId === undefined) {
    byId = new Map(articles.map((article) => [article.id, article]));
    byIdCache.set(articles, byId);
  }
  return byId.get(id);
}

/** The article's front matter that readers see: title, source, author, date, address. */
export function articleDetails(article: Article) {
  const { id, title, source, author, published, url } = article;
  return {
    id,
    title,
    ...(source === undefined ? {} : { source }),
    ...(author === undefined ? {} : { author }),
    ...(published === undefined ? {} : { published }),
    ...(url === undefined ? {} : { url }),
  };
}
