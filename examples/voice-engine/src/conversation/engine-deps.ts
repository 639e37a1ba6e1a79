import type { Logger } from 'pino';
import type { EngineConfig } from '../config.js';
import type { VendorClient } from '../connectors/vendor-client.js';
import type { SimulatedLlm } from '../providers/simulated-llm.js';
import type { SimulatedStt } from '../providers/simulated-stt.js';
import type { SimulatedTts } from '../providers/simulated-tts.js';
import type { CallStore } from '../state/call-store.js';
import type { WorkQueue } from '../work/work-queue.js';

/** What a call needs from the engine around it. */
export interface EngineDeps {
  config: EngineConfig;
  store: CallStore;
  vendor: VendorClient;
  work: WorkQueue;
  stt: SimulatedStt;
  llm: SimulatedLlm;
  tts: SimulatedTts;
  log: Logger;
}
