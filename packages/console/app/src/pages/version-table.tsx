import { fmt, fmtConfidence } from '../lib/format.js';
import type { VersionComparison } from '../lib/types.js';

/** Agent versions side by side; each cell against the baseline with the confidence of the difference. */
export function VersionTable({ comparison }: { comparison: VersionComparison }) {
  if (comparison.versions.length === 0) return null;
  return (
    <section class="panel">
      <h2>Agent versions side by side</h2>
      <p class="muted small">
        Baseline: <b>{comparison.baseline}</b> (most calls). Rates carry a 95% Wilson interval and a two-proportion
        z-test; means a Welch test. A difference is marked when its confidence is at least 95%.
      </p>
      <div class="scroll">
        <table class="grid versions" aria-label="Agent versions">
          <thead>
            <tr>
              <th scope="col">KPI</th>
              {comparison.versions.map((v) => (
                <th scope="col" class="num" key={v.version}>
                  {v.version}
                  <div class="muted small">{fmt(v.calls, 'count')} calls</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.metrics.map((m) => (
              <tr key={m.key}>
                <th scope="row">{m.label}</th>
                {comparison.versions.map((v) => {
                  const cell = v.metrics[m.key];
                  const unit = m.kind === 'rate' ? 'rate' : m.key.endsWith('Usd') ? 'usd' : 'ms';
                  const cmp = cell?.vsBaseline;
                  const significant = cmp !== null && cmp !== undefined && cmp.confidence >= 0.95;
                  const better = cmp ? cmp.difference > 0 === m.higherIsBetter : false;
                  return (
                    <td key={v.version} class={`num ${significant ? (better ? 'good' : 'bad') : ''}`}>
                      {fmt(cell?.value ?? null, unit)}
                      {cell?.interval && (
                        <div class="muted small">
                          {fmt(cell.interval.low, unit)}–{fmt(cell.interval.high, unit)}
                        </div>
                      )}
                      {cmp && (
                        <div class="small" title={`p = ${cmp.pValue.toPrecision(2)}`}>
                          {cmp.difference >= 0 ? '+' : '−'}
                          {m.kind === 'rate'
                            ? `${(Math.abs(cmp.difference) * 100).toFixed(1)} pts`
                            : fmt(Math.abs(cmp.difference), unit)}{' '}
                          · {fmtConfidence(cmp.confidence)}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
