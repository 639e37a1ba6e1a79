import { useEffect, useRef } from 'preact/hooks';
import { fmt } from '../lib/format.js';

export interface WaterfallRow {
  spanId: string;
  name: string;
  stage: string | null;
  depth: number;
  offsetMs: number;
  durationMs: number;
  status: 'unset' | 'ok' | 'error';
  statusMessage: string;
  bottleneck: boolean;
}

/** The call's spans on one time axis: a bar per span, the bottleneck span highlighted. */
export function Waterfall({ rows, totalMs }: { rows: WaterfallRow[]; totalMs: number }) {
  const span = Math.max(totalMs, ...rows.map((r) => r.offsetMs + r.durationMs), 1);
  const box = useRef<HTMLDivElement>(null);
  // Long calls have hundreds of spans: open the scroll box at the bottleneck.
  useEffect(() => {
    const row = box.current?.querySelector<HTMLElement>('tr.bottleneck');
    if (box.current && row) box.current.scrollTop = Math.max(0, row.offsetTop - box.current.clientHeight / 3);
  }, [rows]);
  return (
    <div class="wf-scroll" ref={box} tabIndex={0} aria-label="Span waterfall, scrollable">
      <table class="waterfall" aria-label="Span waterfall">
        <thead>
          <tr>
            <th scope="col">Span</th>
            <th scope="col">Hop</th>
            <th scope="col" class="num">
              Start
            </th>
            <th scope="col" class="num">
              Duration
            </th>
            <th scope="col" class="bar-col">
              <span class="sr-only">Timeline</span>0 → {fmt(span, 'ms')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.spanId}
              class={`${r.bottleneck ? 'bottleneck' : ''} ${r.status === 'error' ? 'error' : ''}`}
              data-bottleneck={r.bottleneck ? 'true' : undefined}
            >
              <th scope="row" style={{ paddingLeft: `${0.5 + r.depth * 0.9}rem` }}>
                {r.name}
                {r.bottleneck && <span class="tag">bottleneck</span>}
                {r.status === 'error' && (
                  <span class="tag err" title={r.statusMessage}>
                    error
                  </span>
                )}
              </th>
              <td>{r.stage ?? ''}</td>
              <td class="num">{fmt(r.offsetMs, 'ms')}</td>
              <td class="num">{fmt(r.durationMs, 'ms')}</td>
              <td class="bar-col">
                <span
                  class={`bar stage-${r.stage ?? 'other'}`}
                  style={{
                    left: `${(r.offsetMs / span) * 100}%`,
                    width: `${Math.max((r.durationMs / span) * 100, 0.3)}%`,
                  }}
                  aria-hidden="true"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
