// The page and its subject live in the URL hash (#/district/500103), so back/forward and reloads keep the place
// and switching pages never reloads the document. The token in the query string stays untouched.
import { useCallback, useEffect, useState } from 'react';

export interface Route {
  page: string;
  /** The subject of the page (a district or unit code), if any. */
  id?: string;
}

export function parseRoute(hash: string): Route {
  const [page = '', id] = hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  return { page: page || 'overview', id: id || undefined };
}

export function routeHash(r: Route): string {
  return `#/${encodeURIComponent(r.page)}${r.id ? `/${encodeURIComponent(r.id)}` : ''}`;
}

export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((r: Route) => {
    location.hash = routeHash(r);
  }, []);
  return [route, go];
}
