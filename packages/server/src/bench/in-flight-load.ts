import type { TestPlane } from '../e2e/test-plane.js';
import { forkChild, next } from './ingest-bench.js';
import type { InFlightSenderMessage, ToInFlightSender } from './in-flight-messages.js';

/**
 * Puts `calls` calls in flight on a running plane, as engines do mid-call: a sender process
 * (in-flight-sender.ts) posts every span of recorded calls but their roots, each call under a fresh
 * trace id, as OTLP/JSON over HTTP with an ingest key of `tenantId` (durable, then held by the
 * assembler until the call ends). Returns the calls in flight after.
 */
export async function putCallsInFlight(plane: TestPlane, tenantId: string, calls: number): Promise<number> {
  const apiKey = await plane.tenantWithKey(tenantId, ['ingest']);
  const sender = forkChild('./in-flight-sender.js');
  try {
    const ready = next<InFlightSenderMessage>(sender, ['ready']);
    sender.send({ type: 'start', url: plane.httpUrl, apiKey } satisfies ToInFlightSender);
    await ready;
    const inFlight = async (): Promise<number> => {
      await plane.ingest.tick(); // also brings the worker's counts up to date
      return plane.ingest.status().inFlight;
    };
    while ((await inFlight()) < calls) {
      const sent = next<InFlightSenderMessage>(sender, ['sent']);
      sender.send({ type: 'send' } satisfies ToInFlightSender);
      await sent;
    }
    return await inFlight();
  } finally {
    if (sender.exitCode === null) sender.kill();
  }
}
