import type { PlaneConfig } from '../config.js';
import { startPlane } from '../start-plane.js';
import { ensureDefaultTenant } from '../tenancy/bootstrap-tenant.js';

/** `lumay serve`: runs until SIGINT/SIGTERM, then stops cleanly (queued data written first). */
export async function runServe(config: Readonly<PlaneConfig>): Promise<number> {
  const plane = await startPlane(config);
  const keys = await ensureDefaultTenant(plane.store, plane.admin, config.dataDir, config.defaultHumanCostPerCallUsd);
  const lines = [
    '',
    `LuMay measurement plane is running (data: ${config.dataDir})`,
    `  REST API              ${plane.httpUrl}/api/v1/    (OpenAPI: ${plane.httpUrl}/api/v1/openapi.json)`,
    `  OTLP/HTTP             ${plane.httpUrl}/v1/traces  ${plane.httpUrl}/v1/logs`,
    `  OTLP/gRPC             ${plane.grpcAddress ?? 'disabled'}`,
  ];
  if (keys) {
    lines.push(
      `  tenant                ${keys.tenantId}`,
      `  ingest+read key       ${keys.ingestKey}`,
      `  admin key             ${keys.adminKey}`,
      `  (kept in ${config.dataDir}/quickstart-keys.json)`,
      '',
      'Point an OpenTelemetry SDK at it:',
      `  OTEL_EXPORTER_OTLP_ENDPOINT=${plane.httpUrl} OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${keys.ingestKey}"`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await plane.close();
  return 0;
}
