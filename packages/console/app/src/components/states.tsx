import type { ComponentChildren } from 'preact';

export function Loading({ what }: { what: string }) {
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status?: number }).status;
  const hint =
    status === 401 || status === 403
      ? 'Your key was refused: sign in again with a read key.'
      : status === undefined
        ? 'The plane did not answer: is it running (npm start)?'
        : 'Check the filters; the message above says what the plane expects.';
  return (
    <div class="state error" role="alert">
      <strong>Could not load: {message}</strong>
      <p>{hint}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="state empty">
      <strong>{title}</strong>
      <p>{children}</p>
    </div>
  );
}
