// Load something from the API when its inputs change; stale answers (inputs changed meanwhile) are dropped.
import { useEffect, useState } from 'react';
import { errorText } from '../i18n/error-text.js';

export type Loaded<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; data: T }
  | { state: 'error'; message: string };

export function errorMessage(e: unknown): string {
  return e instanceof Error && e.message ? e.message : errorText('unknown');
}

/** Runs `load` whenever `key` changes; `load` returning null means "nothing to load yet". */
export function useApi<T>(key: string, load: () => Promise<T> | null): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<T> }>({ key: '', value: { state: 'idle' } });
  useEffect(() => {
    const pending = load();
    if (!pending) {
      setLoaded({ key, value: { state: 'idle' } });
      return;
    }
    let current = true;
    setLoaded({ key, value: { state: 'loading' } });
    pending.then(
      (data) => { if (current) setLoaded({ key, value: { state: 'done', data } }); },
      (e: unknown) => { if (current) setLoaded({ key, value: { state: 'error', message: errorMessage(e) } }); },
    );
    return () => { current = false; };
    // `load` is a fresh closure each render on purpose: `key` names everything it depends on.
  }, [key]);
  return loaded.key === key ? loaded.value : { state: 'loading' };
}
