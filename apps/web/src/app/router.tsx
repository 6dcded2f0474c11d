import { createBrowserRouter } from 'react-router';
import { ProcessAdminPage } from '../features/workflow/components/ProcessAdminPage';
import { AppLayout } from './layout/AppLayout';
import { paths } from './paths';
import { AccountsPage } from './routes/AccountsPage';
import { AdminHomePage } from './routes/AdminHomePage';
import { AgenciesPage } from './routes/AgenciesPage';
import { CalendarAdminPage } from './routes/CalendarAdminPage';
import { CatalogReviewPage } from './routes/CatalogReviewPage';
import { CommunesPage } from './routes/CommunesPage';
import { CounterIntakePage } from './routes/CounterIntakePage';
import { FilingPage } from './routes/FilingPage';
import { HomePage } from './routes/HomePage';
import { MyDossierPage } from './routes/MyDossierPage';
import { MyDossiersPage } from './routes/MyDossiersPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { OfficerDossierPage, OfficerHomePage } from './routes/OfficerHomePage';
import { PermissionAuditPage } from './routes/PermissionAuditPage';
import { TrackingPage } from './routes/TrackingPage';
import { ProcedureAdminListPage, ProcedureAdminPage } from './routes/ProcedureAdminPage';
import { ProcedureListingPage } from './routes/ProcedureListingPage';
import { ProcedurePage } from './routes/ProcedurePage';
import { ProceduresPage } from './routes/ProceduresPage';
import { RouteErrorPage } from './routes/RouteErrorPage';
import { SecurityLogPage } from './routes/SecurityLogPage';
import { SyncPage } from './routes/SyncPage';
import { SignInPage } from './routes/SignInPage';
import { SystemStatusPage } from './routes/SystemStatusPage';

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
            { path: 'ho-so-cua-toi', element: <MyDossiersPage /> },
            { path: 'ho-so-cua-toi/:code', element: <MyDossierPage /> },
            { path: 'nop-ho-so/:code', element: <FilingPage /> },
            { path: 'thu-tuc', element: <ProceduresPage /> },
            { path: 'thu-tuc/niem-yet', element: <ProcedureListingPage /> },
            { path: 'thu-tuc/:code', element: <ProcedurePage /> },
            { path: 'don-vi-hanh-chinh', element: <CommunesPage /> },
            { path: 'dang-nhap', element: <SignInPage /> },
            // Back office (officers)
            { path: 'can-bo', element: <OfficerHomePage /> },
            { path: 'can-bo/ho-so/:code', element: <OfficerDossierPage /> },
            { path: 'can-bo/tiep-nhan', element: <CounterIntakePage /> },
            // Administration
            {
              path: 'quan-tri',
              children: [
                { index: true, element: <AdminHomePage /> },
                { path: 'co-quan', element: <AgenciesPage /> },
                { path: 'ra-soat', element: <CatalogReviewPage /> },
                { path: 'thu-tuc', element: <ProcedureAdminListPage /> },
                { path: 'thu-tuc/:code', element: <ProcedureAdminPage /> },
                { path: 'he-thong', element: <SystemStatusPage /> },
                { path: 'lich-lam-viec', element: <CalendarAdminPage /> },
                { path: 'quy-trinh', element: <ProcessAdminPage signInPath={paths.signIn} /> },
                { path: 'tai-khoan', element: <AccountsPage /> },
                { path: 'ra-soat-phan-quyen', element: <PermissionAuditPage /> },
                { path: 'nhat-ky-an-ninh', element: <SecurityLogPage /> },
                { path: 'dong-bo', element: <SyncPage /> },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
