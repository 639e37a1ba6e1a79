import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import { convertLegacyOtlpGrpcOptions, createOtlpGrpcExportDelegate, type OTLPGRPCExporterConfigNode } from '@opentelemetry/otlp-grpc-exporter-base';
import { LogsExporterMetricsHelper, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** The OTLP/gRPC logs service method (opentelemetry/proto/collector/logs/v1/logs_service.proto). */
const LOGS_EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

/**
 * OTLP/gRPC log exporter assembled from the official exporter building blocks (gRPC transport,
 * protobuf serializer), the way @opentelemetry/exporter-trace-otlp-grpc is built for spans. It
 * stands in for @opentelemetry/exporter-logs-otlp-grpc, which this workspace does not install;
 * swap to that package when it is added.
 */
export class OtlpGrpcLogExporter extends OTLPExporterBase<ReadableLogRecord[]> implements LogRecordExporter {
  constructor(config: OTLPGRPCExporterConfigNode = {}) {
    super(
      createOtlpGrpcExportDelegate(
        convertLegacyOtlpGrpcOptions(config, 'LOGS'),
        ProtobufLogsSerializer,
        'otlp_grpc_log_exporter',
        LogsExporterMetricsHelper,
        undefined,
        'LogsExportService',
        LOGS_EXPORT_PATH,
      ),
    );
  }
}
