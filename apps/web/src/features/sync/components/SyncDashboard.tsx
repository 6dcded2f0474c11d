import { Alert, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { SignInNotice } from '../../../lib/ui/SignInNotice';
import { useSession } from '../../identity/api';
import { useSyncProblems, useSyncResend, useSyncSummary } from '../api';
import { IncidentsPanel } from './IncidentsPanel';
import { ReconciliationPanel } from './ReconciliationPanel';
import { useTargetName } from '../target-name';
import { SyncTable } from './SyncTable';

/** Who may watch and resend the sync: the province administrator and the system operator. */
function useSyncAdmin() {
  const session = useSession();
  const allowed =
    session.data?.roles.some((r) => r.role === 'province_admin' || r.role === 'system_operator') ??
    false;
  return { session, allowed };
}

/**
 * The sync with the national systems: an overview (a card per target, then the dossiers that
 * failed), the reconciliation (đối chiếu) and the error dossiers (hồ sơ lỗi).
 */
export function SyncDashboard({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const { session, allowed } = useSyncAdmin();
  if (session.isPending) return <LoadingState />;
  if (!session.data) return <SignInNotice signInPath={signInPath} message={t('sync.signIn')} />;
  if (!allowed) {
    return (
      <Alert color="yellow" variant="light" role="status">
        {t('sync.roleMissing')}
      </Alert>
    );
  }
  return (
    <Tabs defaultValue="overview" keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="overview">{t('sync.tabs.overview')}</Tabs.Tab>
        <Tabs.Tab value="reconcile">{t('sync.tabs.reconcile')}</Tabs.Tab>
        <Tabs.Tab value="incidents">{t('sync.tabs.incidents')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="overview">
        <SyncOverview />
      </Tabs.Panel>
      <Tabs.Panel value="reconcile">
        <ReconciliationPanel />
      </Tabs.Panel>
      <Tabs.Panel value="incidents">
        <IncidentsPanel />
      </Tabs.Panel>
    </Tabs>
  );
}

function SyncOverview() {
  const { t } = useTranslation();
  const allowed = true;
  const summary = useSyncSummary(allowed);
  const problems = useSyncProblems(allowed);
  const resend = useSyncResend();
  const targetName = useTargetName();
  const [done, setDone] = useState<string | null>(null);

  const run = (code: string | undefined) => {
    setDone(null);
    resend.mutate(code, {
      onSuccess: (r) => setDone(t('sync.requeued', { count: r.requeued })),
    });
  };

  return (
    <Stack gap="lg">
      {summary.isPending ? (
        <LoadingState />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {summary.data.targets.map((s) => (
            <Card key={s.target} withBorder component="article" data-testid={`sync-${s.target}`}>
              <Stack gap={4}>
                <Title order={2} size="h4">
                  {targetName(s.target)}
                </Title>
                <Text size="sm">
                  {t('sync.acknowledged')}: <b>{s.acknowledged}</b>
                </Text>
                <Text size="sm">
                  {t('sync.pending')}: <b>{s.pending}</b>
                </Text>
                <Text size="sm">
                  {t('sync.failed')}: <b>{s.failed}</b>
                </Text>
                <Text size="sm">
                  {t('sync.deadLetter')}: <b>{s.deadLetter}</b>
                </Text>
                <Text size="sm">
                  {t('sync.lagP95')}:{' '}
                  <b>{t('sync.seconds', { count: Math.round(s.lagP95Seconds) })}</b>
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}

      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {t('sync.problemsTitle')}
        </Title>
        <Button
          onClick={() => run(undefined)}
          loading={resend.isPending && resend.variables === undefined}
          disabled={resend.isPending || !problems.data || problems.data.items.length === 0}
        >
          {t('sync.resendAll')}
        </Button>
      </Group>
      {done && (
        <Alert color="teal" variant="light" role="status">
          {done}
        </Alert>
      )}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {problems.isPending ? (
        <LoadingState />
      ) : problems.isError ? (
        <ErrorAlert error={problems.error} onRetry={() => void problems.refetch()} />
      ) : problems.data.items.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('sync.noProblems')}
        </Alert>
      ) : (
        <SyncTable
          minWidth={640}
          rows={problems.data.items}
          rowKey={(p) => `${p.code}:${p.target}`}
          rowTestId={(p) => `sync-problem-${p.code}`}
          columns={[
            { header: t('sync.code'), cell: (p) => p.code },
            { header: t('sync.target'), cell: (p) => targetName(p.target) },
            { header: t('sync.state'), cell: (p) => t(`sync.states.${p.state}`) },
            { header: t('sync.attempts'), cell: (p) => p.attempts },
            { header: t('sync.lastError'), cell: (p) => p.lastError ?? '—' },
            {
              header: '',
              cell: (p) => (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => run(p.code)}
                  loading={resend.isPending && resend.variables === p.code}
                  disabled={resend.isPending}
                  aria-label={t('sync.resendOne', { code: p.code })}
                >
                  {t('sync.resend')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Stack>
  );
}
