import type { ExampleCall } from '../lib/types.js';

/** Links to the calls behind an insight. */
export function ExampleLinks({ examples, max = 8 }: { examples: ExampleCall[]; max?: number }) {
  if (examples.length === 0) return <span class="muted small">no example calls</span>;
  return (
    <span class="examples">
      {examples.slice(0, max).map((e) => (
        <a key={e.callId} href={`/calls/${encodeURIComponent(e.callId)}`} title={e.note} data-example-call={e.callId}>
          {e.callId}
        </a>
      ))}
    </span>
  );
}
