import type { CalendarChange } from '@motcua/contracts';
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useCalendarChanges } from '../api';

const when = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));

/** What a change did to open dossiers: the administrator sees the deadlines it moved. */
function Recompute({ change }: { change: CalendarChange }) {
  const { t } = useTranslation();
  switch (change.recomputeStatus) {
    case 'pending':
      return <Badge color="yellow">{t('calendar.changes.pending')}</Badge>;
    case 'done':
      return (
        <Text size="sm">{t('calendar.changes.moved', { count: change.recomputedCount ?? 0 })}</Text>
      );
    default:
      return (
        <Text size="sm" c="dimmed">
          {t('calendar.changes.notNeeded')}
        </Text>
      );
  }
}

/** The calendar's change log for a year: who changed which day, and the deadlines it moved. */
export function CalendarChanges({ year }: { year: number }) {
  const { t } = useTranslation();
  const changes = useCalendarChanges(year, true);
  if (changes.isPending) return <LoadingState />;
  if (changes.isError)
    return <ErrorAlert error={changes.error} onRetry={() => void changes.refetch()} />;
  const items = changes.data.items.filter((c) => c.action !== 'seed' && c.action !== 'project');
  return (
    <Stack gap="xs" component="section" aria-labelledby="calendar-changes">
      <Title order={2} size="h4" id="calendar-changes">
        {t('calendar.changes.title')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('calendar.changes.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('calendar.changes.at')}</Table.Th>
                <Table.Th>{t('calendar.changes.actor')}</Table.Th>
                <Table.Th>{t('calendar.changes.day')}</Table.Th>
                <Table.Th>{t('calendar.changes.deadlines')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((change) => (
                <Table.Tr key={change.id}>
                  <Table.Td>{when(change.at)}</Table.Td>
                  <Table.Td>{change.actor}</Table.Td>
                  <Table.Td>
                    {t(`calendar.changes.actions.${change.action}`)}
                    {change.date ? ` ${change.date}` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Recompute change={change} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
