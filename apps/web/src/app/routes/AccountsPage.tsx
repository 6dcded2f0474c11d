import { useTranslation } from 'react-i18next';
import { OfficerTable } from '../../features/identity/components/OfficerTable';
import { Page } from '../../lib/ui/Page';

export function AccountsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('identity.accountsTitle')} intro={t('identity.accountsIntro')}>
      <OfficerTable />
    </Page>
  );
}
