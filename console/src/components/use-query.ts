import { useCallback, useEffect, useState } from 'preact/hooks';
import { useSession } from '../session';

/**
 * Runs a query on open, on reload() and whenever `refreshKey` changes (a parent that knows the data
 * moved, e.g. after a reply was sent); keeps the last data while reloading.
 */
export function useQuery<T>(
  query: string,
  variables: Record<string, unknown> = {},
  enabled = true,
  refreshKey?: unknown,
) {
  const { api } = useSession();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.request<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (value) => live && (setData(value), setError(undefined)),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [api, query, key, version, enabled, refreshKey]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, setData };
}
