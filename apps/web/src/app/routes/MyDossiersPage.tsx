import type { DossierQueue } from '@motcua/contracts';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyDossiers } from '../../features/dossiers/api';
import { PaymentDue } from '../../features/payments/components/PaymentDue';
import { useSession } from '../../features/identity/api';
import { formatVnTime } from '../../features/workflow/time';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

type Item = DossierQueue['items'][number];

/**
 * When the citizen has something to do, by the national status code (QĐ 766: 5 = supplement
 * asked, 6 = fee or charge due, 9 = result ready to collect).
 */
const CALLS: Partial<Record<number, 'supplement' | 'payment' | 'result'>> = {
  5: 'supplement',
  6: 'payment',
  9: 'result',
};

function DossierCard({ d }: { d: Item }) {
  const { t, i18n } = useTranslation();
  const to = `${paths.myDossiers}/${encodeURIComponent(d.code)}`;
  const call = CALLS[d.statusCode];
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
            {d.procedureName}
          </Text>
          {/* Something to do: filled red 9 (white on it 5.4:1); Mantine's light orange is 3.6:1. */}
          <Badge
            variant={call ? 'filled' : 'light'}
            color={call ? 'red.9' : 'blue'}
            style={{ flexShrink: 0 }}
          >
            {d.statusLabel}
          </Badge>
        </Group>
        <Anchor
          component={Link}
          to={to}
          size="sm"
          aria-label={t('myDossiers.open', { code: d.code })}
          style={{ overflowWrap: 'anywhere' }}
        >
          {d.code}
        </Anchor>
        <Text size="sm">
          {t('myDossiers.filed', { date: formatVnTime(d.filedAt, i18n.language) })}
        </Text>
        {d.dueAt && (
          <Text size="sm">
            {t('myDossiers.due', { time: formatVnTime(d.dueAt, i18n.language) })}
          </Text>
        )}
        {d.remaining && (
          <Text size="sm" fw={600} c={d.remaining.workingMinutes < 0 ? 'red' : 'teal'}>
            {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
          </Text>
        )}
        {/* A fee due: the amount, the items and "Thanh toán" right on the card. */}
        {call === 'payment' && <PaymentDue code={d.code} />}
        {call && call !== 'payment' && (
          <Stack gap={4}>
            <Text size="sm">{t(`myDossiers.actHint.${call}`)}</Text>
            <Button component={Link} to={to} size="sm" color="orange" fullWidth={false}>
              {t(`myDossiers.act.${call}`)}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/**
 * "Hồ sơ của tôi": where the VNeID sign-in lands; each dossier as a card with its procedure, dates,
 * status, due time, and what the citizen must do when something waits for them.
 */
export function MyDossiersPage() {
  const { t } = useTranslation();
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
          <DossierCard key={d.code} d={d} />
        ))}
      </Stack>
    );
  }
  return <Page title={t('myDossiers.title')}>{body}</Page>;
}
