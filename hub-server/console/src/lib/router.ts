/**
 * A tiny history router over `/console/...` paths: no hashes, links are real hrefs,
 * a click on one is turned into pushState and every `useRoute` re-renders.
 */
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

/** `/console/kiosks/a?x=1` → `/kiosks/a`; anything outside the base is `/`. */
export function appPath(pathname: string): string {
  if (!pathname.startsWith(BASE)) return '/';
  const rest = pathname.slice(BASE.length) || '/';
  return rest.length > 1 ? rest.replace(/\/+$/, '') : rest;
}

/** The full href of an app path. */
export function href(path: string): string {
  return `${BASE}${path === '/' ? '/' : path}`;
}

/** `/kiosks/:id` against `/kiosks/gl-01` → `{ id: 'gl-01' }`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const got = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got);
    else if (part !== got) return null;
  }
  return params;
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

/** Goes to an app path (`/alerts`), keeping the browser's history. */
export function navigate(path: string, replace = false): void {
  const url = href(path);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
  window.scrollTo(0, 0);
}

/** Turns plain left-clicks on same-origin /console links into client-side navigation. */
export function installLinkInterception(): void {
  window.addEventListener('popstate', notify);
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (!a.pathname.startsWith(BASE)) return;
    e.preventDefault();
    navigate(appPath(a.pathname));
  });
}

/** The current app path, re-rendering on every navigation. */
export function useRoute(): string {
  const [path, setPath] = useState(() => appPath(location.pathname));
  useEffect(() => {
    const update = () => setPath(appPath(location.pathname));
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return path;
}
