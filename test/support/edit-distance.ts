/**
 * Plain readings of edit distances, for checking the index's faster ones against: the textbook dynamic
 * programmes, keeping only the rows the next one needs (typed arrays, as an oracle scanning thousands of
 * words per generated typo calls them millions of times).
 */

export function levenshtein(a: string, b: string): number {
  let row = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let next = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    next[0] = i;
    for (let j = 1; j <= b.length; j += 1) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    [row, next] = [next, row];
  }
  return row[b.length]!;
}

/** Levenshtein distance with a swap of neighbouring letters counted as one edit. */
export function optimalStringAlignment(a: string, b: string): number {
  let before = new Int32Array(b.length + 1); // row i - 2
  let row = Int32Array.from({ length: b.length + 1 }, (_, j) => j); // row i - 1
  let next = new Int32Array(b.length + 1); // row i
  for (let i = 1; i <= a.length; i += 1) {
    next[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j]!, before[j - 2]! + 1);
    }
    [before, row, next] = [row, next, before];
  }
  return row[b.length]!;
}
