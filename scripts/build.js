/**
 * `npm run build`: compiles the TypeScript under src/, adapters/ and scripts/ (and the test stand-ins and
 * helpers the benchmarks and `npm run chaos` use) to JavaScript in dist/, file for file, and copies the other files beside them (JSON
 * data, the WordNet tables, the web page's scripts and styles). esbuild
 * only strips the types, in well under a second; `npm run typecheck` (tsc) checks them, and `npm test`
 * runs it. The build records a hash of its inputs; `--if-stale` builds only when that hash no longer
 * matches, so every command run from dist/ (npm start, ask, …) checks first at the cost of milliseconds.
 * Plain JavaScript, because it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.source-hash');
const inputDirs = ['src', 'adapters', 'scripts', path.join('test', 'fakes'), path.join('test', 'support')];

/** Every file under the input folders, relative to the repository root, in a stable order. */
function inputFiles() {
  return inputDirs
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))),
    )
    .sort();
}

/** A hash of every input's path and bytes: an edit, an added, renamed or removed file all change it. */
function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of [...files, 'tsconfig.json'])
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

async function build(files, hash) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error(
      'dist/ is missing or older than the sources, and esbuild (a dev dependency) is not installed to build it: run npm install, then npm run build.',
    );
    return 1;
  }
  rmSync(dist, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: files.filter((file) => file.endsWith('.ts')),
    outdir: 'dist',
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    logLevel: 'warning',
  });
  // Data and assets (JSON, the WordNet tables, the web page's own files) go beside the code that reads them.
  for (const file of files.filter((file) => !file.endsWith('.ts'))) cpSync(path.join(root, file), path.join(dist, file));
  writeFileSync(stampFile, `${hash}\n`);
  return 0;
}

const files = inputFiles();
const hash = hashOf(files);
const isCurrent = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
process.exitCode = process.argv.includes('--if-stale') && isCurrent ? 0 : await build(files, hash);
