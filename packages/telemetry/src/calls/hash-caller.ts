import { createHash } from 'node:crypto';

/**
 * A salted SHA-256 of a phone number, as `lumay.call.caller.hash` wants it: repeat callers share
 * it (for "no callback within 24 h"), the number itself never leaves the engine. Formatting is
 * ignored (`+1 (555) 010-0000` and `+15550100000` hash the same).
 */
export function hashCaller(phoneNumber: string, salt: string): string {
  return `sha256:${createHash('sha256').update(salt).update(phoneNumber.replace(/[^\d+]/g, '')).digest('hex')}`;
}
