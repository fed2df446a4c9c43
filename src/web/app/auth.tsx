import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './api';
import { ME_QUERY_KEY } from './queryClient';

export type Role = 'admin' | 'coordinator' | 'agency_editor' | 'leader' | 'press';
export const ROLES: Role[] = ['admin', 'coordinator', 'agency_editor', 'leader', 'press'];

export interface User {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
  agencyName: string | null;
  includeChildren: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface Session {
  user: User;
  csrfToken: string;
}

async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/me', undefined, signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface AuthContextValue {
  user: User | null;
  loading: boolean;
  error: Error | null;
  /** Stores a session that the login form obtained. */
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  /** The user changed their password: the forced-change screen no longer applies. */
  passwordChanged: () => void;
  isAdmin: boolean;
  /** Admins and the coordinating department run the directory of the whole province. */
  canManageDirectory: boolean;
  canManagePeople: boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Infinity,
    meta: { authProbe: true },
  });

  const signedIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      // Data cached for a previous user must not show to the next one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, session);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }, [queryClient]);

  const passwordChanged = useCallback(() => {
    queryClient.setQueryData<Session | null>(ME_QUERY_KEY, (old) =>
      old ? { ...old, user: { ...old.user, mustChangePassword: false } } : old,
    );
    void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [queryClient]);

  const user = me.data?.user ?? null;
  const value = useMemo<AuthContextValue>(() => {
    const role = user?.role;
    return {
      user,
      loading: me.isPending,
      error: me.error,
      signedIn,
      signOut,
      passwordChanged,
      isAdmin: role === 'admin',
      canManageDirectory: role === 'admin' || role === 'coordinator',
      canManagePeople: role === 'admin' || role === 'coordinator' || role === 'agency_editor',
    };
  }, [user, me.isPending, me.error, signedIn, signOut, passwordChanged]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
