import { useTranslation } from 'react-i18next';
import { ProcedureListing } from '../../features/catalog/components/ProcedureListing';
import { Page } from '../../lib/ui/Page';

export function ProcedureListingPage() {
  const { t } = useTranslation();
  return (
    <Page
      title={t('catalog.listingPage.title')}
      intro={t('catalog.listingPage.intro')}
      printHeading={false}
    >
      <ProcedureListing />
    </Page>
  );
}
