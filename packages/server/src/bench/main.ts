import { buildTracePayloads } from './trace-payloads.js';
import { measureDecoders } from './decode-bench.js';

const set = await buildTracePayloads(16, 1, Date.now());
console.log({ ...set, payloads: set.payloads.length });
console.log(measureDecoders(set));
