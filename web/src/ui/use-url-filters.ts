import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const defaultPageSize = 20;

/**
 * A list's filters and page live in the address (`?q=张&page=2`), so a reload, a shared link and the
 * back button keep them. Changing a filter goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => {
    const result: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [params, keys]);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.max(1, Number(params.get('pageSize')) || defaultPageSize);

  const setFilters = useCallback(
    (next: Partial<Record<K, string | undefined>>) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        for (const key of keys) {
          const value = next[key];
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        updated.delete('page');
        return updated;
      });
    },
    [keys, setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        updated.set('page', String(nextPage));
        if (nextPageSize === defaultPageSize) updated.delete('pageSize');
        else updated.set('pageSize', String(nextPageSize));
        return updated;
      });
    },
    [setParams],
  );

  return { filters, page, pageSize, setFilters, setPage };
}

/** One address parameter that is not a filter (e.g. `?person=<id>` for an open detail drawer). */
export function useUrlParam(key: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (value: string | undefined) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (value) updated.set(key, value);
        else updated.delete(key);
        return updated;
      });
    },
    [key, setParams],
  );
  return [params.get(key) ?? undefined, set];
}
