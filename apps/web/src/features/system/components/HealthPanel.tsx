import type { ComponentStatus, HealthResponse } from '@motcua/contracts';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useHealth } from '../api';

function StatusBadge({ status }: { status: ComponentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'up' ? 'green' : 'red'} variant="light">
      {status === 'up' ? t('system.up') : t('system.down')}
    </Badge>
  );
}

function formatUptime(seconds: number): { hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(seconds));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60) };
}

function HealthDetails({ health }: { health: HealthResponse }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Text fw={600}>{t('system.overall')}:</Text>
        <Badge color={health.status === 'ok' ? 'green' : 'orange'} size="lg">
          {health.status === 'ok' ? t('system.ok') : t('system.degraded')}
        </Badge>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('system.database')}
            </Title>
            <StatusBadge status={health.database.status} />
          </Group>
          {health.database.latencyMs !== undefined && (
            <Text size="sm">{t('system.latency', { ms: health.database.latencyMs })}</Text>
          )}
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('system.jobs')}
            </Title>
            <StatusBadge status={health.jobs.status} />
          </Group>
          <Stack gap={4}>
            {health.jobs.queued !== undefined && (
              <Text size="sm">{t('system.queued', { count: health.jobs.queued })}</Text>
            )}
            {health.jobs.failed !== undefined && (
              <Text size="sm">{t('system.failed', { count: health.jobs.failed })}</Text>
            )}
            <Text size="sm" c="dimmed">
              {health.jobs.inProcessWorker
                ? t('system.workerInProcess')
                : t('system.workerSeparate')}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>

      <Table aria-label={t('system.summaryLabel')} variant="vertical" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>{t('system.province')}</Table.Th>
            <Table.Td>
              {health.province.name} ({health.province.code})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.version')}</Table.Th>
            <Table.Td>{health.version}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('system.uptime')}</Table.Th>
            <Table.Td>{t('system.uptimeValue', formatUptime(health.uptimeSeconds))}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Database and job queue status from /api/health, refreshed every 15 seconds. */
export function HealthPanel() {
  const { t, i18n } = useTranslation();
  const health = useHealth({ refetchInterval: 15_000 });

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button
          variant="default"
          size="xs"
          onClick={() => void health.refetch()}
          loading={health.isFetching}
        >
          {t('system.refresh')}
        </Button>
        {health.dataUpdatedAt > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('system.checkedAt', {
              time: new Date(health.dataUpdatedAt).toLocaleTimeString(i18n.language),
            })}
          </Text>
        )}
      </Group>
      {health.isPending && <LoadingState />}
      {health.isError && <ErrorAlert error={health.error} onRetry={() => void health.refetch()} />}
      {health.data !== undefined && <HealthDetails health={health.data} />}
    </Stack>
  );
}
