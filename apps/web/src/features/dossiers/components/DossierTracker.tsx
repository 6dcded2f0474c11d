import type { DossierLookup } from '@motcua/contracts';
import {
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useDossierLookup } from '../api';

const CODE_FORMAT = /^[0-9A-Z.]+-\d{6}-\d{4,}$/;
const FOUR_DIGITS = /^\d{4}$/;

const STATUS_COLORS: Record<number, string> = {
  1: 'gray',
  2: 'blue',
  3: 'red',
  4: 'blue',
  5: 'orange',
  6: 'orange',
  7: 'gray',
  8: 'red',
  9: 'teal',
  10: 'green',
};

function when(iso: string | null, locale: string): string {
  if (iso === null) return '—';
  return new Date(iso).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

function Result({ dossier }: { dossier: DossierLookup }) {
  const { t, i18n } = useTranslation();
  const remaining = dossier.remaining;
  return (
    <Card withBorder component="section" aria-labelledby="tracked-code">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="tracked-code">
            {dossier.code}
          </Title>
          <Badge size="lg" color={STATUS_COLORS[dossier.statusCode] ?? 'gray'}>
            {dossier.statusLabel}
          </Badge>
        </Group>
        {dossier.ministrySource && (
          <Text size="sm" c="dimmed" data-testid="ministry-source">
            {t('ministry.handledOn', {
              ministry: t(`ministry.ministries.${dossier.ministrySource}`, {
                defaultValue: dossier.ministrySource,
              }),
            })}
          </Text>
        )}
        <Table variant="vertical" layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={170}>{t('tracking.procedure')}</Table.Th>
              <Table.Td>{dossier.procedureName}</Table.Td>
            </Table.Tr>
            {dossier.applicantMasked !== null && (
              <Table.Tr>
                <Table.Th>{t('tracking.applicant')}</Table.Th>
                <Table.Td>{dossier.applicantMasked}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('tracking.received')}</Table.Th>
              <Table.Td>{when(dossier.receivedAt ?? dossier.filedAt, i18n.language)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('tracking.due')}</Table.Th>
              <Table.Td>{when(dossier.dueAt, i18n.language)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {remaining !== null && (
          <Text fw={600} c={remaining.workingMinutes < 0 ? 'red' : 'teal'} role="status">
            {i18n.language === 'vi' ? remaining.vi : remaining.en}
          </Text>
        )}
        <Title order={3} size="h5">
          {t('tracking.steps')}
        </Title>
        <Timeline active={dossier.steps.length - 1} bulletSize={14} lineWidth={2}>
          {dossier.steps.map((step, i) => (
            <Timeline.Item key={i} title={step.label}>
              <Text size="xs" c="dimmed">
                {when(step.at, i18n.language)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}

/**
 * Public tracking by dossier code; the QR code on every form opens this with ?code=. The optional
 * last 4 digits of the ID number or phone add the applicant's masked name; they stay in this
 * page's state, out of the address bar and the browser history.
 */
export function DossierTracker() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = (params.get('code') ?? '').trim().toUpperCase();
  const [text, setText] = useState(code);
  const [digits, setDigits] = useState('');
  const [verify, setVerify] = useState('');
  const [formErrors, setFormErrors] = useState<{ code?: string; verify?: string }>({});
  // A code in the address (a QR scan, a pasted link) is checked like a typed one: a malformed
  // one is told in words beside the field, never sent to be refused in jargon.
  const wellFormed = CODE_FORMAT.test(code);
  const lookup = useDossierLookup(wellFormed ? code : '', verify);

  const notFound = isApiError(lookup.error) && lookup.error.code === 'NOT_FOUND';
  const refusedCode = isApiError(lookup.error) && lookup.error.code === 'VALIDATION_FAILED';
  const codeError =
    formErrors.code ??
    (notFound
      ? t('tracking.errors.notFound')
      : (code !== '' && !wellFormed) || refusedCode
        ? t('tracking.errors.codeFormat')
        : undefined);
  const refused = lookup.data?.verifyRefused;
  const verifyError =
    formErrors.verify ?? (refused ? t(`tracking.errors.verify.${refused}`) : undefined);

  return (
    <Stack gap="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const nextCode = text.trim().toUpperCase();
          const nextDigits = digits.trim();
          const errors = {
            ...(nextCode === ''
              ? { code: t('tracking.errors.codeMissing') }
              : !CODE_FORMAT.test(nextCode)
                ? { code: t('tracking.errors.codeFormat') }
                : {}),
            ...(nextDigits !== '' && !FOUR_DIGITS.test(nextDigits)
              ? { verify: t('tracking.errors.verifyFormat') }
              : {}),
          };
          setFormErrors(errors);
          if (errors.code || errors.verify) return;
          setVerify(nextDigits);
          setParams({ code: nextCode });
        }}
      >
        <Stack gap="sm" maw={420}>
          <TextInput
            label={t('tracking.codeLabel')}
            placeholder="000.01.145.H75-261124-0001"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={codeError}
            autoCapitalize="characters"
            spellCheck={false}
          />
          <TextInput
            label={t('tracking.verifyLabel')}
            description={t('tracking.verifyHint')}
            value={digits}
            onChange={(e) => setDigits(e.currentTarget.value)}
            error={verifyError}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            w={{ base: '100%', xs: 160 }}
          />
          <Group>
            <Button type="submit">{t('tracking.submit')}</Button>
          </Group>
        </Stack>
      </form>
      {wellFormed && lookup.isPending && <LoadingState />}
      {lookup.isError && !notFound && !refusedCode && <ErrorAlert error={lookup.error} />}
      {lookup.data && <Result dossier={lookup.data} />}
    </Stack>
  );
}
