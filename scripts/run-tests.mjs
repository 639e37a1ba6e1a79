// Runs every compiled test file ({packages,examples}/*/dist/**/*.test.js) with Node's test runner.
// Node 20's `node --test` takes no globs, so the files are listed here; extra arguments are
// passed through (for example a path filter: `npm test -- store`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const files = [];
for (const parent of ['packages', 'examples']) {
  for (const pkg of readdirSync(join(root, parent))) {
    const dist = join(root, parent, pkg, 'dist');
    if (existsSync(dist)) collect(dist, files);
  }
}
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (selected.length === 0) {
  console.error('no test files found; did the build run?');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...passThrough, ...selected],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
