import type { ServiceDefinition } from '@grpc/grpc-js';

/**
 * Unary `Export` method definitions for the OTLP collector services
 * (opentelemetry/proto/collector/{trace,logs}/v1/*_service.proto). The (de)serializers are
 * identities: the request reaches the handler as the raw Buffer, which our own decoder reads,
 * and the handler returns an already encoded response.
 */
export function otlpExportService(path: string): ServiceDefinition {
  const identity = (bytes: Buffer): Buffer => bytes;
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  };
}

export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const LOGS_EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';
