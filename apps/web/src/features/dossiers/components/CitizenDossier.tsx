import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { CitizenPayments } from '../../payments/components/CitizenPayments';
import { PaymentDue } from '../../payments/components/PaymentDue';
import { PaymentResult } from '../../payments/components/PaymentResult';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useDossier, useDossierAction } from '../api';
import { formUrl, useDossierUpload } from '../files-api';
import { AttachmentList, ComponentRow } from './Attachments';
import { DossierTimeline, when } from './DossierTimeline';
import { FormAnswers } from './FormAnswers';
import { StatusBadge } from '../../../lib/ui/StatusBadge';

const CITIZEN_FORMS = ['receipt', 'supplement', 'apology', 'refusal', 'stop'] as const;

/**
 * A citizen's own dossier: status, clock, steps, files; when a supplement is asked for, the
 * items with an upload each and one "Bổ sung hồ sơ" that sends them (the law allows one round).
 */
export function CitizenDossier({
  code,
  paymentReference = null,
}: {
  code: string;
  /** Back from the payment platform: the payment whose verified state to show first. */
  paymentReference?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const dossier = useDossier(code);
  const act = useDossierAction(code);
  const upload = useDossierUpload(code);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  if (dossier.isPending) return <LoadingState />;
  if (dossier.isError) return <ErrorAlert error={dossier.error} />;
  const d = dossier.data;
  const waiting = d.status === 'waiting_supplement';
  const pending = d.attachments.filter((a) => a.purpose === 'supplement' && a.actionSeq === null);
  // Withdrawal is possible until there is a result (statuses 9, 10) or processing has ended.
  const open = ![3, 7, 8, 9, 10].includes(d.statusCode);
  // The control sheet is the agencies' own record; the others were issued to the applicant.
  const citizenForms = CITIZEN_FORMS.filter((kind) => d.forms.includes(kind));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3" style={{ wordBreak: 'break-all' }}>
          {d.code}
        </Title>
        <StatusBadge size="lg">{d.statusLabel}</StatusBadge>
      </Group>
      <Text>{d.procedureName}</Text>
      {paymentReference && <PaymentResult reference={paymentReference} code={d.code} />}
      <Text size="sm">
        {t('tracking.due')}: {when(d.dueAt)}
      </Text>
      {d.remaining && (
        <Text fw={600} c={d.remaining.workingMinutes < 0 ? 'red' : 'teal'}>
          {i18n.language === 'vi' ? d.remaining.vi : d.remaining.en}
        </Text>
      )}
      {citizenForms.length > 0 && (
        <Stack gap={4} component="section" aria-labelledby="citizen-forms">
          <Text size="sm" fw={600} id="citizen-forms">
            {t('files.formsTitle')}
          </Text>
          {citizenForms.map((kind) => (
            <Anchor
              key={kind}
              href={formUrl(d.code, kind)}
              target="_blank"
              rel="noopener"
              size="sm"
            >
              {t(`files.forms.${kind}`)}
            </Anchor>
          ))}
        </Stack>
      )}
      {!d.forms.includes('receipt') && d.statusCode === 1 && (
        <Text size="sm">{t('files.receiptLater')}</Text>
      )}

      <PaymentDue code={d.code} />
      <CitizenPayments code={d.code} />

      {waiting && d.supplementRequest && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('files.supplementTitle')}
            </Title>
            <Text size="sm">{d.supplementRequest.reason}</Text>
            {d.supplementRequest.items.map((item) => (
              <ComponentRow
                key={item}
                item={{ name: item, required: true }}
                files={pending.filter((a) => a.component === item)}
                busy={upload.isPending}
                onPick={(file) => upload.mutate({ file, component: item, purpose: 'supplement' })}
              />
            ))}
            {upload.isError && <ErrorAlert error={upload.error} />}
            {act.isError && <ErrorAlert error={act.error} />}
            <Group>
              <Button
                loading={act.isPending}
                disabled={pending.length === 0}
                onClick={() => act.mutate({ kind: 'supplement' })}
              >
                {t('files.sendSupplement')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}

      <FormAnswers dossier={d} />

      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('files.filesTitle')}
          </Title>
          {d.attachments.length === 0 ? (
            <Text size="sm">{t('files.none')}</Text>
          ) : (
            <AttachmentList files={d.attachments} />
          )}
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('files.historyTitle')}
        </Title>
        <DossierTimeline timeline={d.timeline} />
      </Card>

      {open && (
        <Stack gap="xs">
          {!withdrawing ? (
            <Group>
              <Button variant="default" color="red" onClick={() => setWithdrawing(true)}>
                {t('files.withdraw')}
              </Button>
            </Group>
          ) : (
            <Alert color="orange" title={t('files.withdraw')}>
              <Stack gap="xs">
                <Textarea
                  label={t('files.withdrawReason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  autosize
                  minRows={2}
                />
                <Group>
                  <Button
                    color="red"
                    loading={act.isPending}
                    disabled={reason.trim() === ''}
                    onClick={() => act.mutate({ kind: 'withdraw', reason })}
                  >
                    {t('files.withdrawConfirm')}
                  </Button>
                  <Button variant="default" onClick={() => setWithdrawing(false)}>
                    {t('filing.back')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      )}
      {!waiting && d.supplementRequest && (
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('files.supplementAsked')}:
          </Text>
          <List size="sm">
            {d.supplementRequest.items.map((i) => (
              <List.Item key={i}>{i}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
