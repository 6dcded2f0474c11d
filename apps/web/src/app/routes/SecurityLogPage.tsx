import { useTranslation } from 'react-i18next';
import { SecurityLogTable } from '../../features/identity/components/SecurityLogTable';
import { Page } from '../../lib/ui/Page';

export function SecurityLogPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('accountsAdmin.securityTitle')} intro={t('accountsAdmin.securityIntro')}>
      <SecurityLogTable />
    </Page>
  );
}
