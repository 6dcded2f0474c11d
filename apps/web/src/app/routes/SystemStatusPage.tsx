import { useTranslation } from 'react-i18next';
import { HealthPanel } from '../../features/system/components/HealthPanel';
import { Page } from '../../lib/ui/Page';

export function SystemStatusPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('system.title')}>
      <HealthPanel />
    </Page>
  );
}
