import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { CalendarDay, DayKind } from '@motcua/contracts';
import { useState } from 'react';
import { CalendarChanges } from './CalendarChanges';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useCalendarEdit, useCalendarYear } from '../api';

const KINDS: DayKind[] = [
  'holiday',
  'compensatory',
  'swap_day_off',
  'local_closure',
  'makeup_workday',
];

const ddmmyyyy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function DayTable({
  days,
  onConfirm,
  onRemove,
  busy,
  editable,
}: {
  days: CalendarDay[];
  onConfirm: (date: string) => void;
  onRemove: (date: string) => void;
  busy: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.columns.date')}</Table.Th>
            <Table.Th>{t('calendar.columns.weekday')}</Table.Th>
            <Table.Th>{t('calendar.columns.name')}</Table.Th>
            <Table.Th>{t('calendar.columns.kind')}</Table.Th>
            <Table.Th>{t('calendar.columns.status')}</Table.Th>
            {editable && <Table.Th>{t('calendar.columns.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {days.map((d) => (
            <Table.Tr key={d.date}>
              <Table.Td>
                <time dateTime={d.date}>{ddmmyyyy(d.date)}</time>
              </Table.Td>
              <Table.Td>{t(`calendar.weekdays.${d.weekday}` as 'calendar.weekdays.1')}</Table.Td>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>{t(`calendar.kinds.${d.kind}`)}</Table.Td>
              <Table.Td>
                <Badge color={d.status === 'draft' ? 'yellow' : 'green'} variant="light">
                  {t(`calendar.status.${d.status}`)}
                </Badge>
              </Table.Td>
              {editable && (
                <Table.Td>
                  {d.source !== 'rules' && (
                    <Group gap="xs" wrap="nowrap">
                      {d.status === 'draft' && (
                        <Button
                          size="xs"
                          variant="light"
                          disabled={busy}
                          onClick={() => onConfirm(d.date)}
                          aria-label={`${t('calendar.confirm')} ${ddmmyyyy(d.date)}`}
                        >
                          {t('calendar.confirm')}
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={busy}
                        onClick={() => onRemove(d.date)}
                        aria-label={`${t('calendar.remove')} ${ddmmyyyy(d.date)}`}
                      >
                        {t('calendar.remove')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * One year of the working calendar: list, and for an administrator (`editable`) add/remove days
 * and confirm projected days.
 */
export function CalendarYearEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<DayKind>('local_closure');
  const [name, setName] = useState('');
  const query = useCalendarYear(year);
  const edit = useCalendarEdit();
  const busy = edit.isPending;

  return (
    <Stack gap="md">
      <Group align="end">
        <NumberInput
          label={t('calendar.year')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && setYear(v)}
          w={140}
        />
      </Group>

      {edit.isError && <ErrorAlert error={edit.error} />}
      {edit.isSuccess && (
        <Alert color="green" variant="light" role="status">
          {t('calendar.saved')}
        </Alert>
      )}

      {query.isPending && <LoadingState />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <Stack gap="md">
          <Group gap="sm">
            <Badge variant="light">{t(`calendar.origin.${query.data.origin}`)}</Badge>
            <Text size="sm">
              {t('calendar.windows', { windows: query.data.workingWindows.join(', ') })}
            </Text>
          </Group>
          {editable && query.data.hasDrafts && (
            <Alert color="yellow" variant="light">
              <Stack gap="xs" align="start">
                <Text size="sm">{t('calendar.draftsNotice')}</Text>
                <Button
                  size="xs"
                  disabled={busy}
                  onClick={() => edit.mutate({ type: 'confirm', year })}
                >
                  {t('calendar.confirmAll')}
                </Button>
              </Stack>
            </Alert>
          )}

          <Title order={2} size="h3">
            {t('calendar.nonWorkingDays', { count: query.data.nonWorkingDays.length })}
          </Title>
          <DayTable
            days={query.data.nonWorkingDays}
            busy={busy}
            editable={editable}
            onConfirm={(d) => edit.mutate({ type: 'confirm', year, dates: [d] })}
            onRemove={(d) => edit.mutate({ type: 'delete', date: d })}
          />

          <Title order={2} size="h3">
            {t('calendar.makeupWorkdays', { count: query.data.makeupWorkdays.length })}
          </Title>
          {query.data.makeupWorkdays.length === 0 ? (
            <Text size="sm">{t('calendar.noMakeup')}</Text>
          ) : (
            <DayTable
              days={query.data.makeupWorkdays}
              busy={busy}
              editable={editable}
              onConfirm={(d) => edit.mutate({ type: 'confirm', year, dates: [d] })}
              onRemove={(d) => edit.mutate({ type: 'delete', date: d })}
            />
          )}
        </Stack>
      )}

      {editable && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            edit.mutate({ type: 'put', date, body: { kind, name } });
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('calendar.add.title')}
            </Title>
            <Group align="end">
              <TextInput
                type="date"
                label={t('calendar.add.date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                required
              />
              <Select
                label={t('calendar.add.kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))}
                value={kind}
                onChange={(v) => v && setKind(v as DayKind)}
                allowDeselect={false}
              />
              <TextInput
                label={t('calendar.add.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
                w={280}
              />
              <Button type="submit" disabled={busy}>
                {t('calendar.add.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {editable && <CalendarChanges year={year} />}
    </Stack>
  );
}
