import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Role, User } from '../../app/auth';

const usersKey = ['users'] as const;

export function useUsers(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/api/users', undefined, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export interface UserCreateInput {
  email: string;
  fullName: string;
  role: Role;
  agencyId?: string | null;
  includeChildren?: boolean;
}

export interface UserUpdateInput {
  version: number;
  fullName?: string;
  role?: Role;
  agencyId?: string | null;
  includeChildren?: boolean;
  disabled?: boolean;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreateInput) =>
      api.post<{ user: User; temporaryPassword: string }>('/api/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UserUpdateInput & { id: string }) =>
      api.patch<{ user: User }>(`/api/users/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ temporaryPassword: string }>(`/api/users/${encodeURIComponent(id)}/reset-password`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
