/** A time the store keeps in µs since the epoch, as the API shows it: ISO 8601 in UTC. */
export function isoOfUs(us: number): string {
  return new Date(us / 1000).toISOString();
}
