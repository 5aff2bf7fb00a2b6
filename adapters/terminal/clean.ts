/**
 * The one sanitizer for text a terminal prints: the chat, `npm run ask`, `corpus:check`, `npm run report`
 * and start-up messages all pass what they did not write themselves (corpus text, titles, file names, ids
 * from the usage log, what a user typed) through it before it reaches stdout or stderr.
 */

/**
 * What must never reach a terminal raw: C0 controls but tab and newline (ESC starts every escape
 * sequence, BEL ends OSC ones), DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) that make a line read as something else.
 */
const unprintable = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Half of a surrogate pair with no other half: strict UTF-8 encoders reject it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` safe to print: escape sequences, other control characters and bidirectional overrides removed,
 * lone surrogates replaced by U+FFFD. Tabs and newlines stay, so multi-line output keeps its shape.
 *
 * @example cleanForTerminal('\u001B]0;pwned\u0007Title\u202E') // ']0;pwnedTitle'
 */
export function cleanForTerminal(text: string): string {
  return text.replace(unprintable, '').replace(loneSurrogate, '\uFFFD');
}

/** `cleanForTerminal`, newlines and tabs too (as spaces): for one line made of untrusted text (a title, an id). */
export function cleanLine(text: string): string {
  return cleanForTerminal(text).replace(/[\t\n]/g, ' ');
}
