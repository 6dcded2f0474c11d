import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
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
import { DossierQueueQuery } from '@motcua/contracts';
import { useBulkAssign, useDossierQueue } from '../api';
import { AssigneePicker, assigneeFields, type Assignee } from './AssigneePicker';

/** The work queues, in the contract's order (assigned to me, my unit, due soon, overdue…). */
const VIEWS = DossierQueueQuery.shape.view.unwrap().options;

/** Leaders pick dossiers in the queue and give them to a unit or an officer at once. */
function BulkAssign({
  agencyId,
  codes,
  onDone,
}: {
  agencyId: string | null;
  codes: string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const assign = useBulkAssign();
  const [assignee, setAssignee] = useState<Assignee>({ unitId: null, accountId: null });
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <AssigneePicker agencyId={agencyId} value={assignee} onChange={setAssignee} />
        <Button
          size="xs"
          disabled={codes.length === 0 || (!assignee.unitId && !assignee.accountId)}
          loading={assign.isPending}
          onClick={() =>
            assign.mutate({ codes, ...assigneeFields(assignee) }, { onSuccess: onDone })
          }
        >
          {t('officerDesk.bulkAssign', { count: codes.length })}
        </Button>
      </Group>
      {assign.isError && <ErrorAlert error={assign.error} />}
      {assign.data && (
        <Alert color={assign.data.failed.length > 0 ? 'orange' : 'green'} role="status">
          {t('officerDesk.bulkDone', {
            assigned: assign.data.assigned.length,
            failed: assign.data.failed.length,
          })}
          {assign.data.failed.map((f) => (
            <Text size="sm" key={f.code}>
              {f.code}: {f.message}
            </Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

/** The officer's queue within their roles' reach, most urgent first. */
export function OfficerQueue({
  agencyId = null,
  canAssign = false,
}: {
  agencyId?: string | null;
  canAssign?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [q] = useDebouncedValue(text.trim(), 300);
  const queue = useDossierQueue({ view, q, page: 1 }, true);
  const toggle = (code: string) =>
    setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  const codes = queue.data?.items.map((d) => d.code) ?? [];

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('officerDesk.viewLabel')}
          value={view}
          onChange={(v) => setView(VIEWS.find((x) => x === v) ?? 'open')}
          data={VIEWS.map((v) => ({ value: v, label: t(`officerDesk.views.${v}`) }))}
          allowDeselect={false}
          w={{ base: '100%', sm: 240 }}
        />
        <TextInput
          type="search"
          label={t('officerDesk.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
      </Group>
      {canAssign && (
        <BulkAssign agencyId={agencyId} codes={selected} onDone={() => setSelected([])} />
      )}
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
                  {canAssign && (
                    <Table.Th>
                      <Checkbox
                        aria-label={t('officerDesk.selectAll')}
                        checked={codes.length > 0 && codes.every((c) => selected.includes(c))}
                        onChange={(e) => setSelected(e.currentTarget.checked ? codes : [])}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('officerDesk.code')}</Table.Th>
                  <Table.Th>{t('officerDesk.applicant')}</Table.Th>
                  <Table.Th>{t('officerDesk.status')}</Table.Th>
                  <Table.Th>{t('officerDesk.clock')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.items.map((d) => (
                  <Table.Tr key={d.code}>
                    {canAssign && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('officerDesk.select', { code: d.code })}
                          checked={selected.includes(d.code)}
                          onChange={() => toggle(d.code)}
                        />
                      </Table.Td>
                    )}
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
                      {d.step && (
                        <Text size="xs" c="dimmed">
                          {t('officerDesk.step')}: {d.stepName ?? d.step}
                        </Text>
                      )}
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
