import type { DossierActionRequest, DossierView } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useDossier, useDossierAction } from '../api';
import { AttachmentsPanel } from './AttachmentsPanel';
import { DossierTimeline, when } from './DossierTimeline';

const FORMS = ['receipt', 'supplement', 'control', 'apology', 'stop', 'refusal'] as const;

/** The actions an officer takes; the server applies the legal rule and says why it refuses. */
function ActionPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const act = useDossierAction(dossier.code);
  const [items, setItems] = useState('');
  const [reason, setReason] = useState('');
  const [resultCode, setResultCode] = useState('');
  const [newDue, setNewDue] = useState('');
  const run = (action: DossierActionRequest) => act.mutate(action);
  const lines = items
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

  return (
    <Card withBorder component="section" aria-labelledby="actions-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="actions-heading">
          {t('officerDesk.actions')}
        </Title>
        {act.isError && <ErrorAlert error={act.error} />}
        {act.isSuccess && (
          <Alert color="green" role="status">
            {t('officerDesk.done')}
          </Alert>
        )}
        <Group gap="xs" wrap="wrap">
          <Button size="xs" onClick={() => run({ kind: 'receive' })} loading={act.isPending}>
            {t('officerDesk.receive')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => run({ kind: 'forward', step: 'appraise' })}
          >
            {t('officerDesk.forward')}
          </Button>
          <Button size="xs" variant="default" onClick={() => run({ kind: 'supplement' })}>
            {t('officerDesk.supplemented')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => run({ kind: 'return_result', method: 'counter' })}
          >
            {t('officerDesk.returnResult')}
          </Button>
        </Group>
        <Textarea
          label={t('officerDesk.supplementItems')}
          description={t('officerDesk.supplementHint')}
          value={items}
          onChange={(e) => setItems(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <TextInput
          label={t('officerDesk.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group gap="xs" wrap="wrap">
          <Button
            size="xs"
            color="orange"
            disabled={lines.length === 0 || reason.trim() === ''}
            onClick={() => run({ kind: 'request_supplement', items: lines, reason })}
          >
            {t('officerDesk.requestSupplement')}
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={reason.trim() === ''}
            onClick={() => run({ kind: 'stop', reason })}
          >
            {t('officerDesk.stop')}
          </Button>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('officerDesk.newDue')}
            value={newDue}
            onChange={(e) => setNewDue(e.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="light"
            disabled={newDue === '' || reason.trim() === ''}
            onClick={() =>
              // The form's local time is Vietnam's (UTC+7 all year).
              run({ kind: 'extend', newDue: `${newDue}:00+07:00`, reason })
            }
          >
            {t('officerDesk.extend')}
          </Button>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={t('officerDesk.resultCode')}
            value={resultCode}
            onChange={(e) => setResultCode(e.currentTarget.value)}
          />
          <Button
            size="xs"
            color="teal"
            disabled={resultCode.trim() === ''}
            onClick={() => run({ kind: 'complete', resultCode })}
          >
            {t('officerDesk.complete')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function OfficerDossier({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const dossier = useDossier(code);
  if (dossier.isPending) return <LoadingState />;
  if (dossier.isError) return <ErrorAlert error={dossier.error} />;
  const d = dossier.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {d.code}
        </Title>
        <Badge size="lg">{d.statusLabel}</Badge>
      </Group>
      <Text>
        {d.procedureName} ({d.procedureCode}) — {d.applicant.name}
        {d.applicant.idNumber ? ` · ${d.applicant.idNumber}` : ''}
      </Text>
      <Text size="sm">
        {t('tracking.received')}: {when(d.receivedAt ?? d.filedAt)} · {t('tracking.due')}:{' '}
        {when(d.dueAt)}
      </Text>
      {d.remaining && (
        <Text fw={600} c={d.remaining.workingMinutes < 0 ? 'red' : 'teal'}>
          {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
        </Text>
      )}
      <Group gap="sm" wrap="wrap">
        {FORMS.map((kind) => (
          <Anchor
            key={kind}
            href={`/api/dossiers/${encodeURIComponent(d.code)}/forms/${kind}`}
            target="_blank"
            size="sm"
          >
            {t(`officerDesk.forms.${kind}`)}
          </Anchor>
        ))}
      </Group>
      <ActionPanel dossier={d} />
      <AttachmentsPanel dossier={d} />
      <Title order={2} size="h4">
        {t('tracking.steps')}
      </Title>
      <DossierTimeline timeline={d.timeline} />
    </Stack>
  );
}
