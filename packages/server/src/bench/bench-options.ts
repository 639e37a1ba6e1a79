import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const SECTIONS = ['decode', 'ingest', 'freshness', 'queries', 'sdk'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  sections: Section[];
  /** Length of each timed ingest run. */
  seconds: number;
  /** HTTP requests in flight during the ingest run. */
  clients: number;
  /** Ingest runs per gzip setting (alternating off and on); the verdict takes their median. */
  rounds: number;
  /** Stored calls to query at, one store per size. */
  callSizes: number[];
  /** Measured runs per query (after two warm-ups); the figure is their median. */
  queryRuns: number;
  resultsDir: string;
  /** Profile the plane's main thread during the first ingest run (the figures of that run are then a little lower). */
  profile: boolean;
}

export const USAGE = `npm run bench -- [options]

  --only decode,ingest,freshness,queries,sdk   sections to run (default: all)
  --seconds N                    length of each ingest run (default 20)
  --clients N                    HTTP requests in flight during ingest (default 8)
  --rounds N                     ingest runs per gzip setting, alternating, median reported (default 3)
  --calls 1000000,10000000       stored calls for the query section (default both)
  --runs N                       measured runs per query, median reported (default 9, at least 7 advised)
  --out DIR                      where results are written (default bench/results)
  --profile                      CPU-profile the plane during the gzip-off ingest run and summarise it
  --help`;

const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../../../../bench/results/', import.meta.url));

function positiveInt(name: string, raw: string, min = 1): number {
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} ${raw}: expected an integer ≥ ${min}`);
  return value;
}

/** Parses the command line once; throws with a message naming the bad flag. Returns null for --help. */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      seconds: { type: 'string', default: '20' },
      clients: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      calls: { type: 'string', default: '1000000,10000000' },
      runs: { type: 'string', default: '9' },
      out: { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const sections = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((s) => s.trim());
  for (const s of sections) {
    if (!(SECTIONS as readonly string[]).includes(s))
      throw new Error(`--only ${values.only}: "${s}" is not one of ${SECTIONS.join(', ')}`);
  }
  return {
    sections: SECTIONS.filter((s) => sections.includes(s)),
    seconds: positiveInt('seconds', values.seconds, 3),
    clients: positiveInt('clients', values.clients),
    rounds: positiveInt('rounds', values.rounds),
    callSizes: values.calls.split(',').map((c) => positiveInt('calls', c.trim(), 1000)),
    queryRuns: positiveInt('runs', values.runs),
    resultsDir: values.out ?? DEFAULT_RESULTS_DIR,
    profile: values.profile,
  };
}
