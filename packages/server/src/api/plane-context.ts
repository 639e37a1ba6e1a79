import type { PlaneConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { Authenticator } from '../tenancy/authenticator.js';
import type { TenantAdmin } from '../tenancy/tenant-admin.js';
import type { PlaneIngest } from '../ingest/plane-ingest.js';
import type { PlaneMetrics } from '../metrics/plane-metrics.js';
import type { PriceBooks } from '../cost/price-books.js';
import type { PriceBookAdmin } from '../cost/price-book-admin.js';

/** What the API routes depend on; built once by startPlane. */
export interface PlaneContext {
  config: Readonly<PlaneConfig>;
  store: Store;
  auth: Authenticator;
  admin: TenantAdmin;
  ingest: PlaneIngest;
  metrics: PlaneMetrics;
  priceBooks: PriceBooks;
  priceBookAdmin: PriceBookAdmin;
  nowUs(): number;
}
