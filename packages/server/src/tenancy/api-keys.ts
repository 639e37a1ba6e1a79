import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRecord, Scope } from './tenant-types.js';

const PREFIX = 'lmk_';

/** SHA-256 hex of a key. Keys carry 256 bits of randomness, so a fast hash is enough (no KDF needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key: the secret (shown once) and the record to store (hash only). */
export function newApiKey(
  tenantId: string,
  scopes: Scope[],
  name: string,
  nowUs: number,
): { secret: string; record: ApiKeyRecord } {
  const secret = PREFIX + randomBytes(32).toString('base64url');
  return {
    secret,
    record: {
      id: secret.slice(0, PREFIX.length + 8),
      tenantId,
      hash: hashApiKey(secret),
      scopes: [...new Set(scopes)],
      name,
      createdAtUs: nowUs,
      revokedAtUs: null,
    },
  };
}

/** The key from an `Authorization: Bearer <key>` header (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
