/**
 * Known words within a typo's reach of a word, found by a scan of the vocabulary's words of about its
 * length, each first screened by the set of characters it holds (a 32-bit mask): one edit changes that set
 * by at most two characters, so a word whose set differs by more than twice the edits allowed is skipped
 * without comparing letters. Over the story's few hundred words this costs about a microsecond where
 * MiniSearch's fuzzy search of its radix tree costs 10 to 30.
 *
 * "Within reach" is: at most `edits` insertions, deletions or substitutions (Levenshtein distance), or,
 * for one edit, a swap of two neighbouring letters (the commonest typo) as well.
 */
export class Spellings {
  readonly #terms: readonly string[];
  readonly #ids: ReadonlyMap<string, number>;
  /** Term ids ordered by length; ids of length n at `#start[n]` up to `#start[n + 1]`. */
  #byLength: Uint32Array | undefined;
  #start: Uint32Array = new Uint32Array(0);
  /** Each term's character mask, in `#byLength` order. */
  #masks: Uint32Array = new Uint32Array(0);

  /** Over `terms` (id → term); the scan's tables are built on the first `near`. */
  constructor(terms: readonly string[]) {
    this.#terms = terms;
    this.#ids = new Map(terms.map((term, id) => [term, id]));
  }

  /** The id of `term`, if it is one of the words. */
  get(term: string): number | undefined {
    return this.#ids.get(term);
  }

  /** The ids of the known words within `edits` (1 or 2) of `word`, other than `word` itself. */
  near(word: string, edits: number): number[] {
    const byLength = this.#byLength ?? this.#build();
    const found: number[] = [];
    const mask = maskOf(word);
    const [shortest, longest] = [Math.max(0, word.length - edits), Math.min(this.#start.length - 2, word.length + edits)];
    if (shortest > longest) return found;
    for (let k = this.#start[shortest] ?? 0, end = this.#start[longest + 1] ?? 0; k < end; k += 1) {
      if (bitCount((this.#masks[k] ?? 0) ^ mask) > 2 * edits) continue;
      const id = byLength[k] ?? 0;
      const candidate = this.#terms[id] ?? '';
      if (candidate !== word && (edits === 1 ? isOneEditAway(word, candidate) : levenshteinAtMost(word, candidate, edits))) found.push(id);
    }
    return found;
  }

  #build(): Uint32Array {
    const terms = this.#terms;
    const longest = terms.reduce((max, term) => Math.max(max, term.length), 0);
    const start = new Uint32Array(longest + 2);
    for (const term of terms) start[term.length + 1] = (start[term.length + 1] ?? 0) + 1;
    for (let n = 1; n < start.length; n += 1) start[n] = (start[n] ?? 0) + (start[n - 1] ?? 0);
    const next = start.slice();
    const byLength = new Uint32Array(terms.length);
    const masks = new Uint32Array(terms.length);
    terms.forEach((term, id) => {
      const k = next[term.length] ?? 0;
      next[term.length] = k + 1;
      byLength[k] = id;
      masks[k] = maskOf(term);
    });
    [this.#start, this.#masks, this.#byLength] = [start, masks, byLength];
    return byLength;
  }
}

/** The set of a word's characters, hashed to 32 bits (letters a–z each get a bit of their own). */
function maskOf(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i += 1) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** One insertion, deletion or substitution, or one swap of neighbouring letters, turns `a` into `b` (a ≠ b). */
function isOneEditAway(a: string, b: string): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
    // A substitution at i, or a swap of i and i + 1; the rest must be equal.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i += 1;
  return short.slice(i) === long.slice(i + 1);
}

/** Two rows of the edit-distance table, grown as longer words come (words are short: this stays small). */
let rows = new Uint16Array(2 * 32);

/** Whether the Levenshtein distance of `a` and `b` is at most `max`: one row at a time, stopping when every cell is over. */
function levenshteinAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const width = b.length + 1;
  if (rows.length < 2 * width) rows = new Uint16Array(4 * width);
  let [previous, current] = [0, width];
  for (let j = 0; j < width; j += 1) rows[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    rows[current] = i;
    let best = i;
    const letter = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j += 1) {
      const cost = letter === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((rows[previous + j] ?? 0) + 1, (rows[current + j - 1] ?? 0) + 1, (rows[previous + j - 1] ?? 0) + cost);
      rows[current + j] = value;
      if (value < best) best = value;
    }
    if (best > max) return false;
    [previous, current] = [current, previous];
  }
  return (rows[previous + b.length] ?? 0) <= max;
}
