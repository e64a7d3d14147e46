// While data is read again (after a change the page itself made), keep showing the previous answer instead of
// a loading state: the panels stay mounted, so their messages ("已保存…") and focus survive the reload.
import { useRef } from 'react';
import type { Loaded } from './use-api.js';

export function useKept<T>(loaded: Loaded<T>): Loaded<T> {
  const last = useRef<{ data: T } | null>(null);
  if (loaded.state === 'done') last.current = { data: loaded.data };
  if (loaded.state === 'loading' && last.current) return { state: 'done', data: last.current.data };
  return loaded;
}
