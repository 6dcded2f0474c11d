import { useTranslation } from 'react-i18next';
import { ReviewDashboard } from '../../features/catalog/components/ReviewDashboard';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

export function CatalogReviewPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('review.title')} intro={t('review.intro')}>
      <ReviewDashboard signInPath={paths.signIn} />
    </Page>
  );
}
