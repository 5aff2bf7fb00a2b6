import { markup, type SafeHtml } from './html.js';

/** What a server-rendered page is made of. */
export type PageParts = {
  readonly title: string;
  readonly main: SafeHtml;
  /** A class on <body>, for page-specific styles. */
  readonly bodyClass?: string;
};

/**
 * A whole server-rendered page (the reading view, the admin page, errors) around `main`: the site's style
 * sheet, a skip link, a header linking home, and no script at all.
 */
export function layout({ title, main, bodyClass }: PageParts): string {
  return `<!doctype html>\n${String(markup`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>${title}</title>
      <link rel="stylesheet" href="/assets/style.css" />
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
    </head>
    <body class="${bodyClass ?? ''}">
      <a class="skip-link" href="#main">Skip to the content</a>
      <header class="site-header"><a class="site-name" href="/">Storybot</a></header>
      <main id="main" tabindex="-1">${main}</main>
    </body>
  </html>`)}\n`;
}

/** A short page for an error: what happened, in one sentence, and the way back. */
export function errorPage(statusCode: number, message: string): string {
  const heading = statusCode === 404 ? 'Not found' : statusCode === 429 ? 'Too many requests' : 'Something went wrong';
  return layout({
    title: `${heading} — Storybot`,
    main: markup`<h1>${heading}</h1>
      <p>${message}</p>
      <p><a href="/">Ask a question about the story</a></p>`,
  });
}
