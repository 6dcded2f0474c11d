import { useTranslation } from 'react-i18next';
import { DossierTracker } from '../../features/dossiers/components/DossierTracker';
import { Page } from '../../lib/ui/Page';

export function TrackingPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('tracking.title')} intro={t('tracking.intro')}>
      <DossierTracker />
    </Page>
  );
}
