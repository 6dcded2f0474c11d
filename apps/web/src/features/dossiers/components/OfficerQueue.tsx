import {
  Anchor,
  Badge,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useDossierQueue } from '../api';

const VIEWS = ['open', 'overdue', 'waiting_supplement', 'all'] as const;

/** The officer's queue within their roles' reach, most urgent first. */
export function OfficerQueue() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const queue = useDossierQueue({ view, q, page: 1 }, true);

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(VIEWS.find((x) => x === v) ?? 'open')}
          data={VIEWS.map((v) => ({ value: v, label: t(`officerDesk.views.${v}`) }))}
        />
        <TextInput
          type="search"
          label={t('officerDesk.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
      </Group>
      {queue.isPending && <LoadingState />}
      {queue.isError && <ErrorAlert error={queue.error} />}
      {queue.data && (
        <>
          <Text size="sm" role="status">
            {t('officerDesk.count', { count: queue.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('officerDesk.code')}</Table.Th>
                  <Table.Th>{t('officerDesk.applicant')}</Table.Th>
                  <Table.Th>{t('officerDesk.status')}</Table.Th>
                  <Table.Th>{t('officerDesk.clock')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.items.map((d) => (
                  <Table.Tr key={d.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/can-bo/ho-so/${d.code}`}>
                        {d.code}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {d.procedureCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.applicantName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{d.statusLabel}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.remaining ? (
                        <Text size="sm" c={d.remaining.workingMinutes < 0 ? 'red' : undefined}>
                          {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
                        </Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
