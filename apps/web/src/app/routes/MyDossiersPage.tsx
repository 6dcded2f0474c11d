import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyDossiers } from '../../features/dossiers/api';
import { useSession } from '../../features/identity/api';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

/** "Hồ sơ của tôi": where the VNeID sign-in lands; each dossier with its status and clock. */
export function MyDossiersPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const signedIn = session.data != null;
  const mine = useMyDossiers(signedIn);

  let body;
  if (session.isPending) body = <LoadingState />;
  else if (!signedIn) {
    body = (
      <Alert color="blue" title={t('filing.signInTitle')}>
        <Button component="a" href="/api/auth/vneid/start?returnTo=/ho-so-cua-toi">
          {t('filing.signIn')}
        </Button>
      </Alert>
    );
  } else if (mine.isPending) body = <LoadingState />;
  else if (mine.isError) body = <ErrorAlert error={mine.error} />;
  else if (mine.data.items.length === 0) {
    body = (
      <Text>
        {t('myDossiers.empty')}{' '}
        <Anchor component={Link} to={paths.procedures}>
          {t('myDossiers.find')}
        </Anchor>
      </Text>
    );
  } else {
    body = (
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {mine.data.items.map((d) => (
          <Card component="li" key={d.code} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`${paths.myDossiers}/${encodeURIComponent(d.code)}`}>
                {d.code}
              </Anchor>
              <Badge variant="light">{d.statusLabel}</Badge>
            </Group>
            <Text size="sm">{d.procedureCode}</Text>
            {d.remaining && (
              <Text size="sm" c={d.remaining.workingMinutes < 0 ? 'red' : 'teal'}>
                {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    );
  }
  return <Page title={t('myDossiers.title')}>{body}</Page>;
}
