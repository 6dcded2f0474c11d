import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CounterIntake } from '../../features/dossiers/components/CounterIntake';
import { useSession } from '../../features/identity/api';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

/** "Tiếp nhận hồ sơ": counter and postal intake by a receiving officer. */
export function CounterIntakePage() {
  const { t } = useTranslation();
  const session = useSession();
  let body;
  if (session.isPending) body = <LoadingState />;
  else if (!session.data) {
    body = (
      <Alert color="blue" variant="light" title={t('officerDesk.signInTitle')}>
        <Anchor component={Link} to={paths.signIn}>
          {t('officerDesk.signIn')}
        </Anchor>
      </Alert>
    );
  } else body = <CounterIntake />;
  return (
    <Page title={t('intake.title')} intro={t('intake.intro')}>
      {body}
    </Page>
  );
}
