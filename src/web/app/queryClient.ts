import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { ApiError } from './api';
import i18n from './i18n';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/**
 * antd's message and notification must come from inside <App> to follow the theme and
 * locale; the caches live outside React, so a bridge component hands them over here.
 */
const feedback: { message: MessageInstance | null; notification: NotificationInstance | null } = {
  message: null,
  notification: null,
};

export function setFeedback(message: MessageInstance, notification: NotificationInstance): void {
  feedback.message = message;
  feedback.notification = notification;
}

export function showError(text: string): void {
  if (feedback.message) void feedback.message.error(text);
}

export function showSuccess(text: string): void {
  if (feedback.message) void feedback.message.success(text);
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    mutationMeta: {
      /** The page shows this mutation's error itself (e.g. the login form). */
      silent?: boolean;
      /** Text shown when the mutation succeeds. */
      successMessage?: string;
    };
    queryMeta: {
      /** A 401 from this query is an answer ("not signed in"), not an expired session. */
      authProbe?: boolean;
    };
  }
}

function onUnauthenticated(): void {
  // Dropping the session makes <RequireAuth> send the user to the login page.
  queryClient.setQueryData(ME_QUERY_KEY, null);
}

function onConflict(): void {
  feedback.notification?.warning({
    key: 'stale-record',
    title: i18n.t('errors.conflictTitle'),
    description: i18n.t('errors.conflictBody'),
    duration: 8,
  });
  void queryClient.invalidateQueries();
}

// The callbacks above read `queryClient` only when they run, after this line.
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.isUnauthenticated && !query.meta?.authProbe) onUnauthenticated();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (error instanceof ApiError) {
        if (error.isUnauthenticated && !mutation.meta?.silent) {
          showError(error.message);
          onUnauthenticated();
          return;
        }
        if (error.isConflict) {
          onConflict();
          return;
        }
        if (error.code === 'csrf_failed') {
          // The session's CSRF token changed (e.g. signed in again in another tab): fetch the new one.
          void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        }
      }
      if (!mutation.meta?.silent) showError(error.message || i18n.t('errors.generic'));
    },
    onSuccess: (_data, _variables, _context, mutation) => {
      if (mutation.meta?.successMessage) showSuccess(mutation.meta.successMessage);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});

