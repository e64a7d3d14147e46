// The page, its subject and its state (filters, search, sort) live in the URL hash (#/units?district=500103&q=渝),
// so back/forward and reloads keep the place and switching pages never reloads the document. The token in the
// query string stays untouched. Changes of state replace the current entry (no history entry per keystroke);
// opening another page adds one, starts at the top, and Back returns to the scroll position it was left at.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GridFilterModel, GridPaginationModel, GridSortModel } from '@mui/x-data-grid';

/** A table's sort, filter and page, kept in the URL so Back restores them. */
export interface TableState {
  sort?: GridSortModel;
  filter?: GridFilterModel;
  page?: GridPaginationModel;
}

export interface Route {
  page: string;
  /** The subject of the page (a district or unit code), if any. */
  id?: string;
  /** The page's state: filters, search, sort … (strings, as in the URL). */
  params?: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', id] = path.split('/').map((p) => decodeURIComponent(p));
  const params = Object.fromEntries(new URLSearchParams(query));
  return { page: page || 'overview', id: id || undefined, ...(Object.keys(params).length > 0 && { params }) };
}

export function routeHash(r: Route): string {
  const query = new URLSearchParams(Object.entries(r.params ?? {}).filter(([, v]) => v !== '')).toString();
  return `#/${encodeURIComponent(r.page)}${r.id ? `/${encodeURIComponent(r.id)}` : ''}${query ? `?${query}` : ''}`;
}

const CHANGED = 'zonetrack-route';
/** Where each address was scrolled to, for Back. */
const scrolls = new Map<string, number>();
/** The address before the last page opened inside the app (Back returns there), if any. */
let previous: string | null = null;

if (typeof window !== 'undefined') {
  window.addEventListener('scroll', () => scrolls.set(location.hash, window.scrollY), { passive: true });
  // Back/forward: the page renders its rows a moment later, so the position is tried again until it can be reached.
  window.addEventListener('popstate', () => {
    const y = scrolls.get(location.hash) ?? 0;
    const until = performance.now() + 4000;
    const attempt = () => {
      window.scrollTo(0, y);
      if (Math.abs(window.scrollY - y) > 1 && performance.now() < until) setTimeout(attempt, 50);
    };
    setTimeout(attempt, 0);
  });
}

/** The address the user came from by opening this page inside the app (null after a reload or a Back). */
export function previousAddress(): Route | null {
  return previous === null ? null : parseRoute(previous);
}

export function useRoute(): [Route, (r: Route, o?: { replace?: boolean }) => void] {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    window.addEventListener('hashchange', onHash);
    window.addEventListener(CHANGED, onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener(CHANGED, onHash);
    };
  }, []);
  const route = useMemo(() => parseRoute(hash), [hash]);
  const go = useCallback((r: Route, o: { replace?: boolean } = {}) => {
    const next = routeHash(r);
    if (next === location.hash) return;
    if (o.replace) {
      history.replaceState(history.state, '', next);
      window.dispatchEvent(new Event(CHANGED));
      return;
    }
    const from = location.hash;
    location.hash = next;
    previous = from;
    window.scrollTo(0, 0);
  }, []);
  useEffect(() => {
    const onPop = () => { previous = null; };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return [route, go];
}

/** One piece of the page's state in the URL (e.g. 'district'), with `fallback` when absent; setting it replaces the entry. */
export function useRouteParam(name: string, fallback = ''): [string, (value: string) => void] {
  const [route, go] = useRoute();
  const value = route.params?.[name] ?? fallback;
  const set = useCallback((v: string) => {
    const current = parseRoute(location.hash);
    const params = { ...current.params };
    if (v === fallback) delete params[name];
    else params[name] = v;
    go({ ...current, params }, { replace: true });
  }, [go, name, fallback]);
  return [value, set];
}

/** A data table's sort, filter, quick search and page in the URL under `prefix` (several tables on one page). */
export function useTableUrlState(prefix: string): { state: TableState; onStateChange: (s: TableState) => void } {
  const [route, go] = useRoute();
  const p = route.params ?? {};
  const sortText = p[`${prefix}s`] ?? '';
  const filterText = p[`${prefix}f`] ?? '';
  const quickText = p[`${prefix}q`] ?? '';
  const pageText = p[`${prefix}p`] ?? '';
  // The state last set, given back as it was while the URL still says the same (the grid keeps its filter item's id).
  const last = useRef<{ key: string; state: TableState } | null>(null);
  const key = [sortText, filterText, quickText, pageText].join('|');
  const parsed = useMemo((): TableState => {
    const sort: GridSortModel = sortText ? sortText.split(',').map((s) => {
      const [field = '', dir] = s.split('.');
      return { field, sort: dir === 'desc' ? 'desc' : 'asc' };
    }) : [];
    let filter: GridFilterModel = { items: [] };
    if (filterText) {
      const [field = '', operator = '', ...rest] = filterText.split('~');
      filter = { items: [{ id: 1, field, operator, value: rest.join('~') === '' ? undefined : rest.join('~') }] };
    }
    if (quickText) filter = { ...filter, quickFilterValues: quickText.split(' ').filter(Boolean) };
    const [page = '0', size] = pageText.split('.');
    return { sort, filter, ...(pageText && { page: { page: Number(page) || 0, pageSize: Number(size) || 50 } }) };
  }, [sortText, filterText, quickText, pageText]);
  const state = last.current?.key === key ? last.current.state : parsed;
  const onStateChange = useCallback((s: TableState) => {
    const current = parseRoute(location.hash);
    const params = { ...current.params };
    const texts: string[] = [];
    const put = (k: string, v: string) => { texts.push(v); if (v) params[`${prefix}${k}`] = v; else delete params[`${prefix}${k}`]; };
    put('s', (s.sort ?? []).filter((m) => m.sort).map((m) => `${m.field}.${m.sort}`).join(','));
    const item = s.filter?.items[0];
    put('f', item ? `${item.field}~${item.operator}~${item.value === undefined || item.value === null ? '' : String(item.value)}` : '');
    put('q', (s.filter?.quickFilterValues ?? []).map(String).join(' '));
    put('p', s.page && (s.page.page > 0 || s.page.pageSize !== 50) ? `${s.page.page}.${s.page.pageSize}` : '');
    last.current = { key: texts.join('|'), state: s };
    go({ ...current, params }, { replace: true });
  }, [go, prefix]);
  return { state, onStateChange };
}
