import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Codes are lower-case on the server (which lower-cases what it gets): letters, digits, hyphens. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/;

export const AGENCY_KINDS = [
  'province',
  'department',
  'district',
  'commune',
  'unit',
  'press',
  'party',
  'mass_org',
  'police',
  'central',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: string;
  code: string;
  name: string;
  shortNames: string[];
  aliases: string[];
  kind: AgencyKind;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

export interface AgencyLink {
  agency: AgencyRef;
  duties: string | null;
  effectiveDate: string;
}

export const PERSON_ROLES = ['spokesperson', 'comms_officer', 'press_contact'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface Person {
  id: string;
  agencyId: string;
  agencyName: string;
  fullName: string;
  title: string;
  phone: string | null;
  email: string | null;
  roles: PersonRole[];
  version: number;
}

export interface AgencyDetail {
  agency: Agency;
  parent: AgencyRef | null;
  children: AgencyRef[];
  successors: AgencyLink[];
  predecessors: AgencyLink[];
  people: Person[];
  history: { at: string; actorEmail: string | null; action: string; before: unknown; after: unknown }[];
  allowedActions: string[];
}

export interface AgencyGroup {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  members: AgencyRef[];
  version: number;
}

export interface AgencyInput {
  code: string;
  name: string;
  shortNames?: string[];
  aliases?: string[];
  kind: AgencyKind;
  parentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface PersonInput {
  agencyId: string;
  fullName: string;
  title: string;
  phone?: string | null;
  email?: string | null;
  roles: PersonRole[];
}

export interface AgencyFilters {
  q?: string;
  kind?: AgencyKind;
  includeFormer?: boolean;
  parentId?: string;
}

export const directoryKeys = {
  all: ['directory'] as const,
  agencies: (filters: AgencyFilters) => ['directory', 'agencies', filters] as const,
  agency: (id: string) => ['directory', 'agency', id] as const,
  groups: ['directory', 'groups'] as const,
  people: (filters: PeopleFilters) => ['directory', 'people', filters] as const,
};

export function useAgencies(filters: AgencyFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: directoryKeys.agencies(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: Agency[] }>(
        '/api/agencies',
        {
          q: filters.q?.trim(),
          kind: filters.kind,
          includeFormer: filters.includeFormer === undefined ? undefined : String(filters.includeFormer),
          parentId: filters.parentId,
        },
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useAgency(id: string | undefined) {
  return useQuery({
    queryKey: directoryKeys.agency(id ?? ''),
    queryFn: ({ signal }) => api.get<AgencyDetail>(`/api/agencies/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

function useInvalidateDirectory() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: directoryKeys.all });
}

export function useCreateAgency() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (input: AgencyInput) => api.post<{ agency: Agency }>('/api/agencies', input),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateAgency(id: string) {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (input: Partial<AgencyInput> & { version: number; active?: boolean }) =>
      api.patch<{ agency: Agency }>(`/api/agencies/${encodeURIComponent(id)}`, input),
    onSuccess: () => invalidate(),
  });
}

export function useAddSuccessor(id: string) {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (input: { successorId: string; duties?: string | null; effectiveDate: string }) =>
      api.post<{ ok: true }>(`/api/agencies/${encodeURIComponent(id)}/successors`, input),
    onSuccess: () => invalidate(),
  });
}

export function useRemoveSuccessor(id: string) {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (successorId: string) =>
      api.delete<{ ok: true }>(
        `/api/agencies/${encodeURIComponent(id)}/successors/${encodeURIComponent(successorId)}`,
      ),
    onSuccess: () => invalidate(),
  });
}

export function useAgencyGroups() {
  return useQuery({
    queryKey: directoryKeys.groups,
    queryFn: ({ signal }) => api.get<{ items: AgencyGroup[] }>('/api/agency-groups', undefined, signal),
    select: (data) => data.items,
  });
}

export interface AgencyGroupInput {
  code: string;
  name: string;
  aliases?: string[];
  memberIds: string[];
}

export function useSaveAgencyGroup() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number } & AgencyGroupInput) => {
      if (input.id) {
        // The code is the group's identity: it is set once and never patched.
        return api.patch<{ group: AgencyGroup }>(`/api/agency-groups/${encodeURIComponent(input.id)}`, {
          version: input.version,
          name: input.name,
          aliases: input.aliases,
          memberIds: input.memberIds,
        });
      }
      return api.post<{ group: AgencyGroup }>('/api/agency-groups', {
        code: input.code,
        name: input.name,
        aliases: input.aliases,
        memberIds: input.memberIds,
      });
    },
    onSuccess: () => invalidate(),
  });
}

export interface PeopleFilters {
  q?: string;
  agencyId?: string;
  role?: PersonRole;
}

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: directoryKeys.people(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: Person[] }>(
        '/api/people',
        { q: filters.q?.trim(), agencyId: filters.agencyId, role: filters.role },
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useSavePerson() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (input: PersonInput & { id?: string; version?: number }) => {
      if (input.id) {
        const { id, ...rest } = input;
        return api.patch<{ person: Person }>(`/api/people/${encodeURIComponent(id)}`, rest);
      }
      return api.post<{ person: Person }>('/api/people', input);
    },
    onSuccess: () => invalidate(),
  });
}

export function useDeletePerson() {
  const invalidate = useInvalidateDirectory();
  return useMutation({
    mutationFn: (person: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/api/people/${encodeURIComponent(person.id)}`, { version: person.version }),
    onSuccess: () => invalidate(),
  });
}
