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
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useDossierLookup } from '../api';

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
        <Table variant="vertical" layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={170}>{t('tracking.procedure')}</Table.Th>
              <Table.Td>{dossier.procedureName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('tracking.applicant')}</Table.Th>
              <Table.Td>{dossier.applicantMasked}</Table.Td>
            </Table.Tr>
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

/** Public tracking by dossier code; the QR code on every form opens this with ?code=. */
export function DossierTracker() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = (params.get('code') ?? '').trim().toUpperCase();
  const [text, setText] = useState(code);
  const lookup = useDossierLookup(code);

  return (
    <Stack gap="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ code: text.trim().toUpperCase() });
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('tracking.codeLabel')}
            placeholder="000.01.145.H75-261124-0001"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={{ base: '100%', sm: 360 }}
            autoCapitalize="characters"
            spellCheck={false}
          />
          <Button type="submit">{t('tracking.submit')}</Button>
        </Group>
      </form>
      {code !== '' && lookup.isPending && <LoadingState />}
      {lookup.isError && <ErrorAlert error={lookup.error} />}
      {lookup.data && <Result dossier={lookup.data} />}
    </Stack>
  );
}
