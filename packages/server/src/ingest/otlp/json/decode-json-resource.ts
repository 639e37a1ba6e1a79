import type { ResourceInfo } from '../../../model/telemetry-records.js';
import { completeResourceInfo, newResourceInfo } from '../resource-info.js';
import { decodeJsonAttributes } from './decode-json-any-value.js';
import { optionalObject, optionalString } from './json-fields.js';

/** The `resource` of a ResourceSpans/ResourceLogs object, shared by all of its records. */
export function decodeJsonResource(value: unknown): ResourceInfo {
  const resource = newResourceInfo();
  const object = optionalObject(value, 'resource');
  if (object !== undefined) decodeJsonAttributes(object.attributes, resource.attributes, 'resource.attributes');
  completeResourceInfo(resource);
  return resource;
}

/** The name of a ScopeSpans/ScopeLogs `scope`; '' when absent. */
export function decodeJsonScopeName(value: unknown): string {
  const scope = optionalObject(value, 'scope');
  return scope === undefined ? '' : optionalString(scope.name, 'scope.name');
}
