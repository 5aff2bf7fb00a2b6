import { markup } from './html.js';

/**
 * The reader's page (`/`), or its compact form for an iframe under an article (`/embed`): a question box,
 * a status line announced to screen readers, and the place the answer goes. The page's behaviour is the
 * module `/assets/app.js`; nothing here is inline script, so the Content-Security-Policy can forbid it.
 */
export function renderAskPage(isEmbed: boolean): string {
  const help = isEmbed ? 'Answers quote the story, with the paragraph each comes from.' : 'Ask in your own words, up to 500 characters.';
  return `<!doctype html>\n${String(markup`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <title>${isEmbed ? 'Ask about this story' : 'Ask the story'} — Storybot</title>
      <link rel="stylesheet" href="/assets/style.css" />
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      <script type="module" src="/assets/app.js"></script>
    </head>
    <body class="ask-page${isEmbed ? ' embed' : ''}">
      ${
        isEmbed
          ? ''
          : markup`<a class="skip-link" href="#question">Skip to the question</a>
              <header class="site-header"><a class="site-name" href="/">Storybot</a></header>`
      }
      <main id="main">
        ${
          isEmbed
            ? markup`<h1 class="embed-title">Ask about this story</h1>`
            : markup`<h1>Ask the story</h1>
                <p class="intro">
                  Answers are the story’s own words, quoted as they are, with the paragraph each comes from. When the story doesn’t say,
                  Storybot tells you so.
                </p>`
        }
        <p id="sources" class="sources" hidden></p>
        <form id="ask-form" class="ask-form" novalidate>
          <label for="question">Your question</label>
          <div class="ask-row">
            <input
              id="question"
              name="question"
              type="text"
              maxlength="500"
              autocomplete="off"
              required
              aria-describedby="question-help question-error"
            />
            <button type="submit" id="ask-button">Ask</button>
          </div>
          <p id="question-help" class="help">${help}</p>
          <p id="question-error" class="field-error" hidden></p>
          <p id="scope" class="scope" hidden>
            <label for="article">Answer from</label>
            <select id="article" name="article">
              <option value="">every article</option>
            </select>
          </p>
        </form>
        <p id="status" class="status" role="status" aria-live="polite"></p>
        <p id="error" class="error" role="alert" hidden></p>
        <section id="answer" class="answer" aria-labelledby="answer-heading" hidden></section>
        ${isEmbed ? markup`<p class="powered">Answers by <a href="/" target="_blank" rel="noopener">Storybot</a></p>` : ''}
      </main>
      ${isEmbed ? '' : markup`<footer class="site-footer"><p>Quotes are verbatim; follow a citation to read the paragraph in its article.</p></footer>`}
    </body>
  </html>`)}\n`;
}
