import { createServer, type Server } from 'node:http';
import { EngineMetrics } from '@lumay/telemetry';

export interface EngineStandIn {
  address: string;
  metrics: EngineMetrics;
  stop(): Promise<void>;
}

/**
 * A voice engine's /metrics as @lumay/telemetry exposes it (the real EngineMetrics registry), on
 * a free loopback port. The calls it reports are driven by the test; the phone network and the
 * models behind them are what cannot run here.
 */
export async function startEngineStandIn(): Promise<EngineStandIn> {
  const metrics = new EngineMetrics();
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('engine stand-in has no port');
  return {
    address: `127.0.0.1:${address.port}`,
    metrics,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One burst of engine activity: calls in progress, hops, HTTP, a failure, connector calls. */
export function simulateEngineBurst(metrics: EngineMetrics, calls: number): void {
  for (let i = 0; i < calls; i++) {
    metrics.callStarted();
    metrics.stage('stt', 0.12 + i * 0.01);
    metrics.stage('llm', 0.6 + i * 0.05);
    metrics.stage('tts', 0.09 + i * 0.01);
    metrics.stage('telephony', 0.03);
    metrics.httpRequest('POST', '/twilio/voice', i % 10 === 0 ? 502 : 200, 0.02 + i * 0.001);
    metrics.connectorCall('crm', i % 7 === 0 ? 'failure' : 'success');
    if (i % 10 === 0) metrics.error('llm');
  }
  // Half of the burst's calls end; the rest stay active (the autoscaling signal is never zero).
  for (let i = 0; i < Math.floor(calls / 2); i++) metrics.callEnded();
}
