import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { ResponsiveTable, usePhone } from '../../../lib/ui/ResponsiveTable';
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
  const isPhone = usePhone();
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [q] = useDebouncedValue(text.trim(), 300);
  const queue = useDossierQueue({ view, q, page: 1 }, true);
  const toggle = (code: string) =>
    setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  const codes = queue.data?.items.map((d) => d.code) ?? [];
  const selectAll = (
    <Checkbox
      aria-label={t('officerDesk.selectAll')}
      label={isPhone ? t('officerDesk.selectAll') : undefined}
      checked={codes.length > 0 && codes.every((c) => selected.includes(c))}
      onChange={(e) => setSelected(e.currentTarget.checked ? codes : [])}
    />
  );

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
          <ResponsiveTable
            label={t('layout.queueLabel')}
            rows={queue.data.items}
            rowKey={(d) => d.code}
            minWidth={720}
            tableProps={{ striped: true, withTableBorder: true }}
            phoneHeader={canAssign && selectAll}
            columns={[
              canAssign && {
                key: 'select',
                header: selectAll,
                cardLabel: false,
                cell: (d) => (
                  <Checkbox
                    aria-label={t('officerDesk.select', { code: d.code })}
                    checked={selected.includes(d.code)}
                    onChange={() => toggle(d.code)}
                  />
                ),
              },
              {
                key: 'code',
                header: t('officerDesk.code'),
                primary: true,
                cell: (d) => (
                  <>
                    <Anchor component={Link} to={`/can-bo/ho-so/${d.code}`}>
                      {d.code}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {d.procedureCode}
                    </Text>
                  </>
                ),
              },
              {
                key: 'applicant',
                header: t('officerDesk.applicant'),
                cell: (d) => d.applicantName,
              },
              {
                key: 'status',
                header: t('officerDesk.status'),
                cell: (d) => (
                  <>
                    <Badge variant="light">{d.statusLabel}</Badge>
                    {d.step && (
                      <Text size="xs" c="dimmed">
                        {t('officerDesk.step')}: {d.stepName ?? d.step}
                      </Text>
                    )}
                  </>
                ),
              },
              {
                key: 'clock',
                header: t('officerDesk.clock'),
                cell: (d) =>
                  d.remaining ? (
                    <Text size="sm" c={d.remaining.workingMinutes < 0 ? 'red.9' : undefined}>
                      {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
                    </Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      )}
    </Stack>
  );
}
