import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { paths } from './paths';
import { CommunesPage } from './routes/CommunesPage';
import { HomePage } from './routes/HomePage';
import { NotFoundPage } from './routes/NotFoundPage';
import { ProcedurePage } from './routes/ProcedurePage';
import { ProceduresPage } from './routes/ProceduresPage';
import { RouteErrorPage } from './routes/RouteErrorPage';
import { SignInPage } from './routes/SignInPage';
import { TrackingPage } from './routes/TrackingPage';

// Public pages are in the main bundle: most visits are citizens on phones, often on mobile data.
// Citizen account, officer and administration pages (with their heavy editors) load on demand,
// each in its own chunk, the first time one is opened (AppLayout shows "Đang tải…" meanwhile).
function lazyPage<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// The printable listing (niêm yết) draws QR codes: its library stays out of the main bundle.
const ProcedureListingPage = lazyPage(
  () => import('./routes/ProcedureListingPage'),
  'ProcedureListingPage',
);
const MyDossiersPage = lazyPage(() => import('./routes/MyDossiersPage'), 'MyDossiersPage');
const MyDossierPage = lazyPage(() => import('./routes/MyDossierPage'), 'MyDossierPage');
const FilingPage = lazyPage(() => import('./routes/FilingPage'), 'FilingPage');
const OfficerHomePage = lazyPage(() => import('./routes/OfficerHomePage'), 'OfficerHomePage');
const OfficerDossierPage = lazyPage(() => import('./routes/OfficerHomePage'), 'OfficerDossierPage');
const CounterIntakePage = lazyPage(() => import('./routes/CounterIntakePage'), 'CounterIntakePage');
const AdminHomePage = lazyPage(() => import('./routes/AdminHomePage'), 'AdminHomePage');
const AgenciesPage = lazyPage(() => import('./routes/AgenciesPage'), 'AgenciesPage');
const CatalogReviewPage = lazyPage(() => import('./routes/CatalogReviewPage'), 'CatalogReviewPage');
const ProcedureAdminListPage = lazyPage(
  () => import('./routes/ProcedureAdminPage'),
  'ProcedureAdminListPage',
);
const ProcedureAdminPage = lazyPage(
  () => import('./routes/ProcedureAdminPage'),
  'ProcedureAdminPage',
);
const SystemStatusPage = lazyPage(() => import('./routes/SystemStatusPage'), 'SystemStatusPage');
const CalendarAdminPage = lazyPage(() => import('./routes/CalendarAdminPage'), 'CalendarAdminPage');
const AccountsPage = lazyPage(() => import('./routes/AccountsPage'), 'AccountsPage');
const PermissionAuditPage = lazyPage(
  () => import('./routes/PermissionAuditPage'),
  'PermissionAuditPage',
);
const SecurityLogPage = lazyPage(() => import('./routes/SecurityLogPage'), 'SecurityLogPage');
const SyncPage = lazyPage(() => import('./routes/SyncPage'), 'SyncPage');
const FeesAdminPage = lazyPage(() => import('./routes/FeesAdminPage'), 'FeesAdminPage');
const PaymentsAdminPage = lazyPage(() => import('./routes/PaymentsAdminPage'), 'PaymentsAdminPage');
const ProcessAdminPage = lazyPage(
  () => import('../features/workflow/components/ProcessAdminPage'),
  'ProcessAdminPage',
);

export function createRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      errorElement: <RouteErrorPage />,
      children: [
        {
          // Errors inside a page keep the shell (header, navigation) on screen.
          errorElement: <RouteErrorPage />,
          children: [
            // Public portal (citizens)
            { index: true, element: <HomePage /> },
            { path: 'tra-cuu', element: <TrackingPage /> },
            {
              path: 'ho-so-cua-toi',
              element: <MyDossiersPage />,
            },
            {
              path: 'ho-so-cua-toi/:code',
              element: <MyDossierPage />,
            },
            {
              path: 'nop-ho-so/:code',
              element: <FilingPage />,
            },
            { path: 'thu-tuc', element: <ProceduresPage /> },
            { path: 'thu-tuc/niem-yet', element: <ProcedureListingPage /> },
            { path: 'thu-tuc/:code', element: <ProcedurePage /> },
            { path: 'don-vi-hanh-chinh', element: <CommunesPage /> },
            { path: 'dang-nhap', element: <SignInPage /> },
            // Back office (officers)
            {
              path: 'can-bo',
              element: <OfficerHomePage />,
            },
            {
              path: 'can-bo/ho-so/:code',
              element: <OfficerDossierPage />,
            },
            {
              path: 'can-bo/tiep-nhan',
              element: <CounterIntakePage />,
            },
            {
              path: 'can-bo/ho-so-bo-nganh',
              lazy: async () => ({
                Component: (await import('./routes/MinistryDossiersPage')).MinistryDossiersPage,
              }),
            },
            // Administration
            {
              path: 'quan-tri',
              children: [
                {
                  index: true,
                  element: <AdminHomePage />,
                },
                {
                  path: 'co-quan',
                  element: <AgenciesPage />,
                },
                {
                  path: 'ra-soat',
                  element: <CatalogReviewPage />,
                },
                {
                  path: 'thu-tuc',
                  element: <ProcedureAdminListPage />,
                },
                {
                  path: 'thu-tuc/:code',
                  element: <ProcedureAdminPage />,
                },
                {
                  path: 'he-thong',
                  element: <SystemStatusPage />,
                },
                {
                  path: 'lich-lam-viec',
                  element: <CalendarAdminPage />,
                },
                {
                  path: 'quy-trinh',
                  element: <ProcessAdminPage signInPath={paths.signIn} />,
                },
                {
                  path: 'tai-khoan',
                  element: <AccountsPage />,
                },
                {
                  path: 'ra-soat-phan-quyen',
                  element: <PermissionAuditPage />,
                },
                {
                  path: 'nhat-ky-an-ninh',
                  element: <SecurityLogPage />,
                },
                {
                  path: 'dong-bo',
                  element: <SyncPage />,
                },
                {
                  path: 'phi-le-phi',
                  element: <FeesAdminPage />,
                },
                {
                  path: 'thanh-toan',
                  element: <PaymentsAdminPage />,
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
