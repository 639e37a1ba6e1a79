import { useEffect, useState } from 'preact/hooks';

/*
 * A router of a few lines: the History API, and a hook that re-renders on navigation. Pages read
 * their state (filters, paging) from the URL so every view can be linked and reloaded.
 */

export interface Location {
  path: string;
  params: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}

export function navigate(to: string, replace = false): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event('lumay:navigate'));
  if (!replace) window.scrollTo(0, 0);
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = (): void => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener('lumay:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('lumay:navigate', update);
    };
  }, []);
  return loc;
}

/** Plain links that navigate in-app (modified clicks still open new tabs). */
export function onLinkClick(e: MouseEvent): void {
  const a = (e.target as Element | null)?.closest('a');
  if (!a || a.target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
    return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
}
