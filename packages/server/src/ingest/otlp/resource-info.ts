import type { Attributes, ResourceInfo } from '../../model/telemetry-records.js';

/** https://opentelemetry.io/docs/specs/semconv/resource/#service */
const SERVICE_NAME = 'service.name';

/** Derives `serviceName` once the resource's attributes are complete. */
export function completeResourceInfo(resource: ResourceInfo): void {
  const name = resource.attributes[SERVICE_NAME];
  resource.serviceName = typeof name === 'string' ? name : '';
}

export function newResourceInfo(attributes: Attributes = {}): ResourceInfo {
  return { attributes, serviceName: '' };
}
