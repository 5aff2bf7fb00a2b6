// @ts-check
/**
 * Puts Storybot's question box on a news site's page, in an iframe after this script tag:
 *
 *   <script src="https://storybot.example/assets/embed.js" data-article="us-presses-mexico-on-cartels" async></script>
 *
 * `data-article` (optional) answers from that article only; `data-title` names the frame for screen readers.
 * The frame grows to fit its content: it tells this script its height (only messages from Storybot's own
 * origin and frame are believed).
 */
(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const origin = new URL(script.src).origin;
  const src = new URL('/embed', origin);
  if (script.dataset['article']) src.searchParams.set('article', script.dataset['article']);
  const frame = document.createElement('iframe');
  frame.src = src.href;
  frame.title = script.dataset['title'] || 'Ask about this story';
  frame.loading = 'lazy';
  Object.assign(frame.style, { width: '100%', maxWidth: '48rem', height: '16rem', border: '0', display: 'block' });
  window.addEventListener('message', (event) => {
    /** @type {unknown} */
    const message = event.data;
    const data = /** @type {{ type?: unknown, height?: unknown } | null | undefined} */ (message);
    if (event.origin !== origin || event.source !== frame.contentWindow || data?.type !== 'storybot:height') return;
    if (typeof data.height === 'number' && data.height > 0 && data.height < 20000) frame.style.height = `${Math.ceil(data.height)}px`;
  });
  script.after(frame);
})();
