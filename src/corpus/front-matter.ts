/**
 * A fast reading of the commonest front matter: one `key: value` line per field, with plain, single- or
 * double-quoted values on one line. The YAML library takes about 30 µs a file (a third of reading a
 * 10,000-article corpus); this takes a few. Anything it is not sure to read exactly as YAML would
 * (comments, escapes, numbers, dates, `true`, `null`, lists, folded lines, repeated keys) is left to YAML.
 */

/** A key as it may be written without quotes, short enough for YAML's limit on implicit keys. */
const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** YAML's core schema reads these plain words as null or a boolean, not as text. */
const nonText = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** Characters that end or change a scalar, or that YAML treats specially: controls, line and byte order marks. */
const special = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const quoted = /^(?:"([^"\\]*)"|'([^']*)') *$/;

/**
 * The object YAML would read from `lines` (the front matter, without its `---` lines), or undefined
 * when the lines are not all of the simple kind, so the caller must ask the YAML library.
 *
 * @example readSimpleFrontMatter(['title: "A story"', 'source: The Paper']) // { title: 'A story', source: 'The Paper' }
 */
export function readSimpleFrontMatter(lines: readonly string[]): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  for (const line of lines) {
    if (/^ *$/.test(line)) continue;
    const colon = line.indexOf(': ');
    if (colon === -1 || special.test(line)) return undefined;
    const key = line.slice(0, colon);
    if (!keyPattern.test(key) || nonText.has(key) || Object.hasOwn(data, key)) return undefined;
    const value = scalarText(line.slice(colon + 2).replace(/^ +/, ''));
    if (value === undefined) return undefined;
    data[key] = value;
  }
  return data;
}

/** The text of a one-line scalar that YAML reads as a string, or undefined when unsure. */
function scalarText(raw: string): string | undefined {
  const match = quoted.exec(raw);
  if (match !== null) return match[1] ?? match[2];
  const value = raw.replace(/ +$/, '');
  // A plain scalar: it starts with a letter (no indicator, number or `.inf`), has no comment (` #`),
  // no nested key (`: `, or `:` at the end), and is not a word YAML reads as null or a boolean.
  const isPlainText = /^[A-Za-z]/.test(value) && !value.includes(' #') && !value.includes(': ') && !value.endsWith(':');
  return isPlainText && !nonText.has(value) ? value : undefined;
}
