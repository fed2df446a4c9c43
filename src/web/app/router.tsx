import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { FullPageSpinner, QueryError } from './components';
import { AdminLayout } from './layout/AdminLayout';
import { NotFoundPage } from './NotFoundPage';

const LoginPage = lazy(() => import('../modules/auth/pages/LoginPage'));
const ForcedPasswordChangePage = lazy(() => import('../modules/auth/pages/ForcedPasswordChangePage'));
const ChangePasswordPage = lazy(() => import('../modules/auth/pages/ChangePasswordPage'));
const TokensPage = lazy(() => import('../modules/auth/pages/TokensPage'));
const AgencyTreePage = lazy(() => import('../modules/directory/pages/AgencyTreePage'));
const AgencyDetailPage = lazy(() => import('../modules/directory/pages/AgencyDetailPage'));
const AgencyCreatePage = lazy(() => import('../modules/directory/pages/AgencyCreatePage'));
const AgencyGroupsPage = lazy(() => import('../modules/directory/pages/AgencyGroupsPage'));
const PeoplePage = lazy(() => import('../modules/directory/pages/PeoplePage'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage'));
const SpokespersonsPage = lazy(() => import('../modules/public/pages/SpokespersonsPage'));
const PlansPage = lazy(() => import('../modules/plans/pages/PlansPage'));
const PlanImportPage = lazy(() => import('../modules/plans/pages/PlanImportPage'));
const ImportReviewPage = lazy(() => import('../modules/plans/pages/ImportReviewPage'));
const PlanDetailPage = lazy(() => import('../modules/plans/pages/PlanDetailPage'));
const MyTasksPage = lazy(() => import('../modules/plans/pages/MyTasksPage'));
const OverdueTasksPage = lazy(() => import('../modules/plans/pages/OverdueTasksPage'));
const CalendarPage = lazy(() => import('../modules/plans/pages/CalendarPage'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<FullPageSpinner />}>{children}</Suspense>;
}

/** Admin pages need a session; a user told to change their password does that first. */
function RequireAuth() {
  const { user, loading, error } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpinner />;
  if (error && !user) return <QueryError error={error} fullPage />;
  if (!user) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (user.mustChangePassword) {
    return (
      <Page>
        <ForcedPasswordChangePage />
      </Page>
    );
  }
  return <Outlet />;
}

function RequireAdmin() {
  const { isAdmin } = useAuth();
  if (!isAdmin) return <NotFoundPage forbidden />;
  return <Outlet />;
}

/** Importing and publishing plans is the coordinating department's (and admins') work. */
function RequirePlanManager() {
  const { canManageDirectory } = useAuth();
  if (!canManageDirectory) return <NotFoundPage forbidden />;
  return <Outlet />;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Page>
        <LoginPage />
      </Page>
    ),
  },
  {
    path: '/public/spokespersons',
    element: (
      <Page>
        <SpokespersonsPage />
      </Page>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AdminLayout />,
        children: [
          { index: true, element: <Navigate to="/directory/agencies" replace /> },
          { path: 'directory', element: <Navigate to="/directory/agencies" replace /> },
          { path: 'directory/agencies', element: <Page><AgencyTreePage /></Page> },
          { path: 'directory/agencies/new', element: <Page><AgencyCreatePage /></Page> },
          { path: 'directory/agencies/:id', element: <Page><AgencyDetailPage /></Page> },
          { path: 'directory/groups', element: <Page><AgencyGroupsPage /></Page> },
          { path: 'directory/people', element: <Page><PeoplePage /></Page> },
          { path: 'plans', element: <Page><PlansPage /></Page> },
          {
            path: 'plans/import',
            element: <RequirePlanManager />,
            children: [
              { index: true, element: <Page><PlanImportPage /></Page> },
              { path: ':id', element: <Page><ImportReviewPage /></Page> },
            ],
          },
          { path: 'plans/:id', element: <Page><PlanDetailPage /></Page> },
          { path: 'tasks', element: <Navigate to="/tasks/mine" replace /> },
          { path: 'tasks/mine', element: <Page><MyTasksPage /></Page> },
          { path: 'tasks/overdue', element: <Page><OverdueTasksPage /></Page> },
          { path: 'calendar', element: <Page><CalendarPage /></Page> },
          { path: 'account/password', element: <Page><ChangePasswordPage /></Page> },
          // Everyone manages their own API tokens (accounts.policy: manageOwnTokens).
          { path: 'account/tokens', element: <Page><TokensPage /></Page> },
          { path: 'admin/tokens', element: <Navigate to="/account/tokens" replace /> },
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              { path: 'users', element: <Page><UsersPage /></Page> },
              { path: 'audit', element: <Page><AuditPage /></Page> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
