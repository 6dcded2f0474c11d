import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { OfficerPayments } from '../../payments/components/OfficerPayments';
import { DossierSyncLine } from '../../sync/components/DossierSyncLine';
import { useDossier } from '../api';
import { formUrl } from '../files-api';
import { ActionPanel } from './ActionPanel';
import { AttachmentsPanel } from './AttachmentsPanel';
import { DossierTimeline, when } from './DossierTimeline';
import { FormAnswers } from './FormAnswers';
import { StatusBadge } from '../../../lib/ui/StatusBadge';

// The order officers read them in; only those the dossier's history has produced are shown.
const FORMS = ['receipt', 'supplement', 'control', 'apology', 'stop', 'refusal'] as const;

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
        <StatusBadge size="lg">{d.statusLabel}</StatusBadge>
      </Group>
      <Text>
        {d.procedureName} ({d.procedureCode}) — {d.applicant.name}
        {d.applicant.idNumber ? ` · ${d.applicant.idNumber}` : ''}
      </Text>
      <Text size="sm">
        {t('officerDesk.procedureLine', { code: d.procedureCode, version: d.procedureVersion })}
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
      {d.process && (
        <Text size="sm">
          {/* The action panel names the current step and who acts on it. */}
          {d.currentStep
            ? t('stepActions.processOnly', { name: d.process.name, version: d.process.version })
            : t('officerDesk.processLine', {
                name: d.process.name,
                version: d.process.version,
                step: d.process.steps.find((s) => s.key === d.step)?.name ?? d.step ?? '—',
              })}
          {d.stepDueAt ? ` · ${t('officerDesk.stepDue')}: ${when(d.stepDueAt)}` : ''}
          {d.currentAgencyId ? ` · ${t('officerDesk.atTransfer')}` : ''}
        </Text>
      )}
      <DossierSyncLine code={d.code} />
      <Group gap="sm" wrap="wrap">
        {FORMS.filter((kind) => d.forms.includes(kind)).map((kind) => (
          <Anchor key={kind} href={formUrl(d.code, kind)} target="_blank" size="sm">
            {t(`officerDesk.forms.${kind}`)}
          </Anchor>
        ))}
      </Group>
      <FormAnswers dossier={d} />
      <ActionPanel dossier={d} />
      <OfficerPayments code={d.code} canCollect={d.allowedActions.includes('record_payment')} />
      <AttachmentsPanel dossier={d} />
      <Title order={2} size="h4">
        {t('tracking.steps')}
      </Title>
      <DossierTimeline timeline={d.timeline} />
    </Stack>
  );
}
