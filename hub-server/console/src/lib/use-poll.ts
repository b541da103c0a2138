import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

export interface Poll<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload: () => Promise<void>;
}

/** Loads now and every `intervalMs` while mounted (and while the tab is visible); `deps` restart it. */
export function usePoll<T>(load: () => Promise<T>, intervalMs: number, deps: unknown[]): Poll<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const latest = useRef(load);
  latest.current = load;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const value = await latest.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(undefined);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'client-error', String(err)));
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void reload();
    }, intervalMs);
    return () => {
      clearInterval(timer);
      seq.current++;
    };
  }, deps);

  return { data, error, reload };
}
