import { useTranslation } from 'react-i18next';
import { SignInForm } from '../../features/identity/components/SignInForm';
import { Page } from '../../lib/ui/Page';

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('identity.signInTitle')} intro={t('identity.signInIntro')}>
      <SignInForm />
    </Page>
  );
}
