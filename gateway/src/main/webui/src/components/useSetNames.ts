import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page, PolicySet } from '../api/types';

/** Policy set id -> name, for tables that only carry the id. */
export function useSetNames(): (id?: string | null) => string {
  const sets = useQuery({
    queryKey: ['policy-sets', 'all'],
    queryFn: () => api<Page<PolicySet>>('/policy-sets', { query: { limit: 200 } }),
    staleTime: 60_000,
  });
  return (id) => {
    if (!id) return '—';
    return sets.data?.items?.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  };
}
