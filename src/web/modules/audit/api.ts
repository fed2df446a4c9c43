import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(filters: AuditFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) =>
      api.get<{ items: AuditEntry[]; total: number }>('/api/audit', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
