import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { AgencyRef } from '../directory/api';

export interface PublicSpokesperson {
  fullName: string;
  title: string;
  phone: string | null;
  email: string | null;
}

export interface PublicSpokespersonGroup {
  agency: AgencyRef;
  people: PublicSpokesperson[];
}

/** No session needed: the list is public under Decree 09/2017/NĐ-CP. */
export function usePublicSpokespersons() {
  return useQuery({
    queryKey: ['public', 'spokespersons'],
    queryFn: ({ signal }) => api.get<{ items: PublicSpokespersonGroup[] }>('/api/public/spokespersons', undefined, signal),
    select: (data) => data.items,
    meta: { authProbe: true },
    staleTime: 5 * 60_000,
  });
}
