import { useTranslation } from 'react-i18next';
import { AgencyDirectory } from '../../features/organisation/components/AgencyDirectory';
import { Page } from '../../lib/ui/Page';

export function AgenciesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('agencies.title')} intro={t('agencies.intro')}>
      <AgencyDirectory />
    </Page>
  );
}
