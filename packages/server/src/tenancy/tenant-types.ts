export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface TenantRecord {
  /** Short slug, [a-z0-9-]{1,64}. */
  id: string;
  name: string;
  /** What a call handled by a person costs the tenant; drives the savings KPI. Null = not set. */
  humanCostPerCallUsd: number | null;
  createdAtUs: number;
}

export interface ApiKeyRecord {
  /** Public identifier shown in listings (the key's prefix), never the secret. */
  id: string;
  tenantId: string;
  /** SHA-256 of the full key, hex. The key itself is shown once at creation and never stored. */
  hash: string;
  scopes: Scope[];
  name: string;
  createdAtUs: number;
  revokedAtUs: number | null;
}
