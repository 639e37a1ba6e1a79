import { OTLPLogExporter as HttpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as HttpProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { createEmptyMetadata } from '@opentelemetry/otlp-grpc-exporter-base';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { OtlpGrpcLogExporter } from './otlp-grpc-log-exporter.js';

/** The OTLP transports, spelled as OTEL_EXPORTER_OTLP_PROTOCOL spells them. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export interface OtlpTargets {
  traces: string;
  logs: string;
}

/**
 * Where each signal goes (https://opentelemetry.io/docs/specs/otel/protocol/exporter/): over HTTP
 * the base endpoint plus `/v1/traces` and `/v1/logs`; over gRPC both go to the endpoint itself,
 * `host:port` (a scheme is optional; `http://` means plaintext). Throws on an endpoint that is not
 * a URL, so a typo fails before anything is sent.
 */
export function otlpTargets(endpoint: string, protocol: OtlpProtocol): OtlpTargets {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  if (protocol === 'grpc') {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    const target = `${url.protocol}//${url.host}`;
    return { traces: target, logs: target };
  }
  const base = new URL(trimmed).toString().replace(/\/+$/, '');
  return { traces: `${base}/v1/traces`, logs: `${base}/v1/logs` };
}

export interface OtlpExporters {
  spans: SpanExporter;
  logs: LogRecordExporter;
}

/** The official exporters for the protocol, authenticated with the plane's bearer API key. */
export function createOtlpExporters(endpoint: string, protocol: OtlpProtocol, apiKey: string): OtlpExporters {
  const targets = otlpTargets(endpoint, protocol);
  const authorization = `Bearer ${apiKey}`;
  switch (protocol) {
    case 'http/protobuf':
      return {
        spans: new HttpProtobufTraceExporter({ url: targets.traces, headers: { Authorization: authorization } }),
        logs: new HttpProtobufLogExporter({ url: targets.logs, headers: { Authorization: authorization } }),
      };
    case 'http/json':
      return {
        spans: new HttpJsonTraceExporter({ url: targets.traces, headers: { Authorization: authorization } }),
        logs: new HttpJsonLogExporter({ url: targets.logs, headers: { Authorization: authorization } }),
      };
    case 'grpc': {
      // gRPC metadata keys are lower-case by definition (HTTP/2 header names).
      const metadata = createEmptyMetadata();
      metadata.set('authorization', authorization);
      return {
        spans: new GrpcTraceExporter({ url: targets.traces, metadata }),
        logs: new OtlpGrpcLogExporter({ url: targets.logs, metadata: metadata.clone() }),
      };
    }
  }
}
