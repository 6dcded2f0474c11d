import type { DossierView, ProcedureDetail } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '../../organisation/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useFileOnline } from '../api';

const EformForm = lazy(() =>
  import('../../../lib/eform/EformForm').then((m) => ({ default: m.EformForm })),
);

type Step = 'fill' | 'check' | 'done';

function Confirmation({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('filing.doneTitle')} role="status">
      <Stack gap="xs">
        <Text>
          {t('filing.code')}: <strong>{dossier.code}</strong>
        </Text>
        <Text size="sm">{t('filing.next')}</Text>
        {dossier.warnings.map((w) => (
          <Text key={w} size="sm" c="orange">
            {w}
          </Text>
        ))}
        <Anchor component={Link} to={`/tra-cuu?code=${encodeURIComponent(dossier.code)}`}>
          {t('filing.track')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/**
 * Online filing: fill the e-form and contact, check the answers, submit. One idempotency key per
 * attempt: a double tap or a network retry files one dossier.
 */
export function OnlineFiling({
  detail,
  applicantName,
}: {
  detail: ProcedureDetail;
  applicantName: string;
}) {
  const { t } = useTranslation();
  const centres = useAgencies({ kind: 'commune_service_centre' });
  const province = useAgencies({ kind: 'service_centre' });
  const file = useFileOnline();
  const [step, setStep] = useState<Step>('fill');
  const [agency, setAgency] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  // Prefilled from the sign-in: the name VNeID vouches for is not typed again.
  const [formData, setFormData] = useState<Record<string, unknown>>(() =>
    (detail.local.eform?.['properties'] as Record<string, unknown> | undefined)?.['hoTen']
      ? { hoTen: applicantName }
      : {},
  );
  const key = useMemo(() => crypto.randomUUID(), []);
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const placeName = places.find((p) => p.value === agency)?.label ?? '';
  const schema = detail.local.eform;

  if (step === 'done' && file.data) return <Confirmation dossier={file.data} />;

  const contact = (
    <Stack gap="sm">
      <Select
        label={t('filing.place')}
        data={places}
        value={agency}
        onChange={setAgency}
        searchable
        required
      />
      <Group grow wrap="wrap">
        <TextInput
          label={t('filing.phone')}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
        />
        <TextInput
          label={t('filing.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
      </Group>
      <TextInput
        label={t('filing.address')}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
      />
    </Stack>
  );

  if (step === 'check') {
    return (
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('filing.checkTitle')}
          </Title>
          <Table variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('filing.applicant')}</Table.Th>
                <Table.Td>{applicantName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('filing.place')}</Table.Th>
                <Table.Td>{placeName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('filing.phone')}</Table.Th>
                <Table.Td>{phone || '—'}</Table.Td>
              </Table.Tr>
              {Object.entries(formData).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th>{k}</Table.Th>
                  <Table.Td>{String(v)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {file.isError && <ErrorAlert error={file.error} />}
          <Group>
            <Button variant="default" onClick={() => setStep('fill')}>
              {t('filing.back')}
            </Button>
            <Button
              loading={file.isPending}
              onClick={() =>
                file.mutate(
                  {
                    request: {
                      procedureCode: detail.content.code,
                      receivingAgencyId: agency ?? '',
                      contact: {
                        phone: phone.trim() || null,
                        email: email.trim() || null,
                        address: address.trim() || null,
                      },
                      formData,
                    },
                    key,
                  },
                  { onSuccess: () => setStep('done') },
                )
              }
            >
              {t('filing.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    );
  }

  return (
    <Stack gap="md">
      {contact}
      {schema === null ? (
        <>
          <Text size="sm" c="dimmed">
            {t('filing.noEform')}
          </Text>
          <Group>
            <Button disabled={agency === null} onClick={() => setStep('check')}>
              {t('filing.continue')}
            </Button>
          </Group>
        </>
      ) : (
        <Card withBorder>
          <Suspense fallback={<LoadingState />}>
            <EformForm
              schema={schema}
              formData={formData}
              submitText={t('filing.continue')}
              onSubmit={(data) => {
                setFormData(data);
                if (agency !== null) setStep('check');
              }}
            />
          </Suspense>
        </Card>
      )}
    </Stack>
  );
}
