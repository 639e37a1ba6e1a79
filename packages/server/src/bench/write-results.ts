import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './bench-results.js';
import { renderResults } from './render-results.js';

/**
 * Writes `<date>T<hh-mm-ss>.json` and `.md` (UTC, so same-day runs do not overwrite each other) and
 * replaces `latest.md`. Returns the paths written.
 */
export function writeResults(dir: string, results: BenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.slice(0, 19).replaceAll(':', '-');
  const markdown = renderResults(results);
  const files: [string, string][] = [
    [join(dir, `${stamp}.json`), JSON.stringify(results, null, 2) + '\n'],
    [join(dir, `${stamp}.md`), markdown],
    [join(dir, 'latest.md'), markdown],
  ];
  for (const [path, text] of files) writeFileSync(path, text);
  return files.map(([path]) => path);
}
