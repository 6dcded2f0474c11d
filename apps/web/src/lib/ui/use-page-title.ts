import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` to "<page> — motcua" in the current language. */
export function usePageTitle(page: string | null): void {
  const { t } = useTranslation();
  useDocumentTitle(page === null ? t('app.documentTitle') : t('app.pageTitle', { page }));
}
