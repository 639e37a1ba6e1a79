import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { PlaneError } from '../../errors/plane-error.js';
import type { OtlpSignal } from '../otlp-format.js';
import { encodeProtobufExportResponse } from '../otlp/protobuf/encode-protobuf-export-response.js';
import { grpcErrorResponse } from './grpc-error-response.js';
import { LOGS_EXPORT_PATH, TRACE_EXPORT_PATH, otlpExportService } from './otlp-grpc-service.js';

export interface OtlpGrpcServerOptions {
  host: string;
  /** 0 binds an ephemeral port; the bound one is returned. */
  port: number;
  /** Largest request accepted, after decompression; larger ones fail with RESOURCE_EXHAUSTED. Default 64 MiB. */
  maxReceiveMessageBytes?: number;
  /** How long close() waits for calls in progress before cutting connections. Default 5 s. */
  shutdownGraceMillis?: number;
  /**
   * Ingests one export. Throws PlaneError (or OtlpDecodeError) to fail it with the matching
   * gRPC status; any other error becomes INTERNAL and is passed to onInternalError.
   */
  handle(signal: OtlpSignal, authorization: string | undefined, body: Buffer): Promise<{ rejected: number; message: string }>;
  onInternalError?(error: unknown): void;
}

export interface OtlpGrpcServer {
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 64 * 1024 * 1024;
const DEFAULT_SHUTDOWN_GRACE_MILLIS = 5000;

/**
 * OTLP/gRPC receiver (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc) for traces and logs.
 * grpc-js handles `grpc-encoding: gzip` and enforces the size limit on the decompressed message
 * before the handler runs; the response is an Export*ServiceResponse with partial_success when
 * records were rejected.
 */
export async function startOtlpGrpcServer(options: OtlpGrpcServerOptions): Promise<OtlpGrpcServer> {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? DEFAULT_MAX_RECEIVE_MESSAGE_BYTES,
  });
  server.addService(otlpExportService(TRACE_EXPORT_PATH), { Export: exportHandler('traces', options) });
  server.addService(otlpExportService(LOGS_EXPORT_PATH), { Export: exportHandler('logs', options) });

  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });

  const graceMillis = options.shutdownGraceMillis ?? DEFAULT_SHUTDOWN_GRACE_MILLIS;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), graceMillis);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

function exportHandler(signal: OtlpSignal, options: OtlpGrpcServerOptions) {
  return (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>): void => {
    const [authorization] = call.metadata.get('authorization');
    const handled = Promise.resolve().then(() =>
      options.handle(signal, typeof authorization === 'string' ? authorization : undefined, call.request),
    );
    handled.then(
      (result) => callback(null, encodeProtobufExportResponse(result.rejected, result.message)),
      (error: unknown) => {
        if (!(error instanceof PlaneError)) options.onInternalError?.(error);
        callback(grpcErrorResponse(error));
      },
    );
  };
}
