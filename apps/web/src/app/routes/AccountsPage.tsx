import { useTranslation } from 'react-i18next';
import { useSession } from '../../features/identity/api';
import { AccountImportForm } from '../../features/identity/components/AccountImportForm';
import { OfficerTable } from '../../features/identity/components/OfficerTable';
import { Page } from '../../lib/ui/Page';

export function AccountsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage =
    session.data?.roles.some((r) => r.role === 'agency_admin' || r.role === 'province_admin') ??
    false;
  return (
    <Page title={t('identity.accountsTitle')} intro={t('identity.accountsIntro')}>
      {canManage && <AccountImportForm />}
      <OfficerTable />
    </Page>
  );
}
