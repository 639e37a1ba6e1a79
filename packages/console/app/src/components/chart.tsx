import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

interface Props {
  /** Unix seconds, one per point. */
  x: number[];
  series: ChartSeries[];
  height: number;
  /** A sparkline: no axes, no legend, no cursor. */
  spark?: boolean;
  format?: (v: number) => string;
  label: string;
}

/** A uPlot time series that follows its container's width. */
export function Chart({ x, series, height, spark = false, format, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const axisValues = format ? (_u: uPlot, ticks: number[]) => ticks.map((t) => format(t)) : undefined;
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 60),
      height,
      legend: { show: !spark },
      cursor: spark ? { show: false } : { drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: true } },
      axes: spark
        ? [{ show: false }, { show: false }]
        : [
            { stroke: '#5b6472', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#d8dce2' } },
            {
              stroke: '#5b6472',
              grid: { stroke: '#eef0f3' },
              ticks: { stroke: '#d8dce2' },
              size: 64,
              ...(axisValues ? { values: axisValues } : {}),
            },
          ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: spark ? 1.5 : 2,
          fill: spark ? `${s.color}1f` : undefined,
          spanGaps: true,
          points: { show: !spark && x.length < 60 },
          ...(format ? { value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)) } : {}),
        })),
      ],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 60), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, height, spark, format]);
  return <div ref={host} class={spark ? 'spark' : 'chart'} role="img" aria-label={label} />;
}
