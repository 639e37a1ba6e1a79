import type { Store } from '../store/store.js';
import { PlaneError } from '../errors/plane-error.js';
import { bearerToken, hashApiKey } from './api-keys.js';
import type { ApiKeyRecord, Scope } from './tenant-types.js';

export interface Principal {
  tenantId: string;
  keyId: string;
  scopes: readonly Scope[];
}

const CACHE_MILLIS = 5_000;

/**
 * Resolves `Authorization: Bearer <key>` to a tenant. The tenant always comes from the key,
 * never from the payload. Look-ups are cached briefly because every export carries the header;
 * a revocation takes effect within CACHE_MILLIS.
 */
export class Authenticator {
  private readonly cache = new Map<string, { key: ApiKeyRecord | null; at: number }>();

  constructor(private readonly store: Pick<Store, 'findApiKeyByHash'>) {}

  async authenticate(authorization: string | undefined, scope: Scope): Promise<Principal> {
    const token = bearerToken(authorization);
    if (!token) {
      throw PlaneError.unauthorized('missing API key: send "Authorization: Bearer <key>"');
    }
    const hash = hashApiKey(token);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || now - entry.at > CACHE_MILLIS) {
      entry = { key: await this.store.findApiKeyByHash(hash), at: now };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
    }
    const key = entry.key;
    if (!key || key.revokedAtUs !== null) throw PlaneError.unauthorized('unknown or revoked API key');
    // admin implies read; ingest is separate so a leaked engine key cannot read data.
    const allowed = key.scopes.includes(scope) || (scope === 'read' && key.scopes.includes('admin'));
    if (!allowed) {
      throw PlaneError.forbidden(`this API key lacks the "${scope}" scope (it has: ${key.scopes.join(', ')})`);
    }
    return { tenantId: key.tenantId, keyId: key.id, scopes: key.scopes };
  }

  forget(): void {
    this.cache.clear();
  }
}
