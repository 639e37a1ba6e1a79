/**
 * Keeps a label's set of values bounded: the first `maxValues` distinct values pass as they are,
 * later ones become `other` and are counted, so a tenant with thousands of agents (or a typo storm)
 * cannot blow up the series count of every metric that carries the label.
 */
export class LabelGuard {
  private readonly seen = new Set<string>();
  overflowed = 0;

  constructor(
    readonly label: string,
    private readonly maxValues: number,
  ) {}

  value(raw: string): string {
    const v = raw === '' ? 'unknown' : raw;
    if (this.seen.has(v)) return v;
    if (this.seen.size < this.maxValues) {
      this.seen.add(v);
      return v;
    }
    this.overflowed++;
    return 'other';
  }
}
