import type { AttributeValue, Attributes } from './telemetry-records.js';

/**
 * Stores one decoded key/value. Keys come from the sender, and a plain assignment of the key
 * `__proto__` would replace the object's prototype instead of adding a property, so that one key
 * is defined explicitly.
 */
export function setAttribute(attributes: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    attributes[key] = value;
  }
}
