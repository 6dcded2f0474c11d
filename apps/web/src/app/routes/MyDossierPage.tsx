import { Alert, Anchor, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CitizenDossier } from '../../features/dossiers/components/CitizenDossier';
import { useSession } from '../../features/identity/api';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

/** One of "Hồ sơ của tôi": status, clock, fees and payment, files, supplement and withdrawal. */
export function MyDossierPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  // `?thanh-toan=<reference>`: where our payment return route sends the citizen back.
  const [search] = useSearchParams();
  const paymentReference = search.get('thanh-toan');
  const session = useSession();
  const returnTo = `${paths.myDossiers}/${encodeURIComponent(code)}${
    paymentReference ? `?thanh-toan=${encodeURIComponent(paymentReference)}` : ''
  }`;
  let body;
  if (session.isPending) body = <LoadingState />;
  else if (!session.data) {
    body = (
      <Alert color="blue" title={t('filing.signInTitle')}>
        <Button
          component="a"
          href={`/api/auth/vneid/start?returnTo=${encodeURIComponent(returnTo)}`}
        >
          {t('filing.signIn')}
        </Button>
      </Alert>
    );
  } else body = <CitizenDossier code={code} paymentReference={paymentReference} />;
  return (
    <Page
      title={t('files.myDossierTitle')}
      extra={
        <Anchor component={Link} to={paths.myDossiers} size="sm">
          ← {t('myDossiers.title')}
        </Anchor>
      }
    >
      {body}
    </Page>
  );
}
