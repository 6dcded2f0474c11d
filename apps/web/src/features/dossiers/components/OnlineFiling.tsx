import type { AttachmentView, DossierView, DraftView, ProcedureDetail } from '@motcua/contracts';
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
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '../../organisation/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useFileOnline } from '../api';
import { formUrl, useDraft, useDraftFileDelete, useDraftUpload, useSaveDraft } from '../files-api';
import { AttachmentList, checklistOf, ComponentRow } from './Attachments';
import { when } from './DossierTimeline';

const EformForm = lazy(() =>
  import('../../../lib/eform/EformForm').then((m) => ({ default: m.EformForm })),
);

type Step = 'fill' | 'files' | 'check' | 'done';

function Confirmation({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={t('filing.doneTitle')} role="status">
      <Stack gap="xs">
        <Text>
          {t('filing.code')}: <strong>{dossier.code}</strong>
        </Text>
        {dossier.dueAt && (
          <Text size="sm">
            {t('files.appointment')}: <strong>{when(dossier.dueAt)}</strong>
          </Text>
        )}
        <Text size="sm">{t('filing.next')}</Text>
        <Text size="sm">{t('files.nextOnline')}</Text>
        {dossier.warnings.map((w) => (
          <Text key={w} size="sm" c="orange">
            {w}
          </Text>
        ))}
        {/* An online dossier has its receipt (form 01) only once the counter receives it. */}
        {dossier.forms.includes('receipt') ? (
          <Anchor href={formUrl(dossier.code, 'receipt')} target="_blank" rel="noopener">
            {t('files.receiptPdf')}
          </Anchor>
        ) : (
          <Text size="sm">{t('files.receiptLater')}</Text>
        )}
        <Anchor component={Link} to={`/ho-so-cua-toi/${encodeURIComponent(dossier.code)}`}>
          {t('files.openMine')}
        </Anchor>
        <Anchor component={Link} to={`/tra-cuu?code=${encodeURIComponent(dossier.code)}`}>
          {t('filing.track')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/**
 * Online filing: place and contact, the e-form, the components of the checklist, check the
 * answers, submit. Everything is kept as a server-side draft (saved a moment after each change),
 * so a citizen on a flaky phone connection or a new sign-in continues where they left off. One
 * idempotency key per attempt: a double tap or a network retry files one dossier.
 */
export function OnlineFiling({
  detail,
  applicantName,
}: {
  detail: ProcedureDetail;
  applicantName: string;
}) {
  const draft = useDraft(detail.content.code);
  if (draft.isPending) return <LoadingState />;
  if (draft.isError) return <ErrorAlert error={draft.error} />;
  return (
    <Filing
      detail={detail}
      applicantName={applicantName}
      restored={draft.data}
      files={draft.data?.attachments ?? []}
    />
  );
}

function Filing({
  detail,
  applicantName,
  restored,
  files,
}: {
  detail: ProcedureDetail;
  applicantName: string;
  restored: DraftView | null;
  files: AttachmentView[];
}) {
  const { t } = useTranslation();
  const procedureCode = detail.content.code;
  const centres = useAgencies({ kind: 'commune_service_centre' });
  const province = useAgencies({ kind: 'service_centre' });
  const file = useFileOnline();
  const client = useQueryClient();
  const save = useSaveDraft(procedureCode);
  const upload = useDraftUpload(procedureCode);
  const remove = useDraftFileDelete(procedureCode);
  const [step, setStep] = useState<Step>('fill');
  const contactOf = (k: string) => (restored?.contact[k] as string | undefined) ?? '';
  const [agency, setAgency] = useState<string | null>(restored?.receivingAgencyId ?? null);
  const [phone, setPhone] = useState(contactOf('phone'));
  const [email, setEmail] = useState(contactOf('email'));
  const [address, setAddress] = useState(contactOf('address'));
  // Prefilled from the sign-in: the name VNeID vouches for is not typed again.
  const [formData, setFormData] = useState<Record<string, unknown>>(() =>
    restored && Object.keys(restored.formData).length > 0
      ? restored.formData
      : (detail.local.eform?.['properties'] as Record<string, unknown> | undefined)?.['hoTen']
        ? { hoTen: applicantName }
        : {},
  );
  const [missingShown, setMissingShown] = useState(false);
  const key = useMemo(() => crypto.randomUUID(), []);
  const checklist = useMemo(() => checklistOf(detail), [detail]);
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const placeName = places.find((p) => p.value === agency)?.label ?? '';
  const schema = detail.local.eform;

  // Debounced auto-save: one PUT a moment after the citizen stops typing.
  const first = useRef(true);
  const { mutate: saveDraft } = save;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (step === 'done') return;
    const timer = setTimeout(() => {
      saveDraft({
        receivingAgencyId: agency,
        contact: {
          phone: phone.trim() || null,
          email: email.trim() || null,
          address: address.trim() || null,
        },
        formData,
      });
    }, 800);
    return () => clearTimeout(timer);
  }, [agency, phone, email, address, formData, step, saveDraft]);

  const filesOf = (name: string) => files.filter((f) => f.component === name);
  const missing = checklist.filter((c) => c.required && filesOf(c.name).length === 0);

  if (step === 'done' && file.data) return <Confirmation dossier={file.data} />;

  const savedNote = save.isSuccess ? (
    <Text size="xs" c="dimmed" role="status">
      {t('files.draftSaved')}
    </Text>
  ) : null;

  if (step === 'files') {
    return (
      <Card withBorder>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('files.componentsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('files.componentsHelp')}
          </Text>
          {checklist.length === 0 && <Text size="sm">{t('files.noChecklist')}</Text>}
          {checklist.map((item) => (
            <ComponentRow
              key={item.name}
              item={item}
              files={filesOf(item.name)}
              busy={upload.isPending}
              missing={missingShown && item.required && filesOf(item.name).length === 0}
              onPick={(f) => upload.mutate({ file: f, component: item.name })}
              onRemove={(f) => remove.mutate(f.id)}
            />
          ))}
          <ComponentRow
            item={{ name: t('files.other'), required: false }}
            files={filesOf(t('files.other'))}
            busy={upload.isPending}
            onPick={(f) => upload.mutate({ file: f, component: t('files.other') })}
            onRemove={(f) => remove.mutate(f.id)}
          />
          {upload.isPending && <LoadingState />}
          {upload.isError && <ErrorAlert error={upload.error} />}
          {remove.isError && <ErrorAlert error={remove.error} />}
          {missingShown && missing.length > 0 && (
            <Alert color="red" role="alert">
              {t('files.missingList', { names: missing.map((m) => m.name).join('; ') })}
            </Alert>
          )}
          <Group>
            <Button variant="default" onClick={() => setStep('fill')}>
              {t('filing.back')}
            </Button>
            <Button
              onClick={() => {
                setMissingShown(true);
                if (missing.length === 0) setStep('check');
              }}
            >
              {t('filing.continue')}
            </Button>
          </Group>
          {savedNote}
        </Stack>
      </Card>
    );
  }

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
                <Table.Th w={140}>{t('filing.applicant')}</Table.Th>
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
          <Title order={3} size="h5">
            {t('files.componentsTitle')}
          </Title>
          {files.length === 0 ? (
            <Text size="sm">{t('files.none')}</Text>
          ) : (
            <Stack gap="xs" aria-label={t('files.componentsTitle')}>
              {[...new Set(files.map((f) => f.component))].map((component) => (
                <Stack key={component} gap={2}>
                  <Text size="sm" fw={600}>
                    {component}
                  </Text>
                  <AttachmentList files={filesOf(component)} />
                </Stack>
              ))}
            </Stack>
          )}
          {file.isError && <ErrorAlert error={file.error} />}
          <Group>
            <Button variant="default" onClick={() => setStep('files')}>
              {t('filing.back')}
            </Button>
            <Button
              loading={file.isPending}
              onClick={() =>
                file.mutate(
                  {
                    request: {
                      procedureCode,
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
                  {
                    onSuccess: () => {
                      // The server deleted the draft with the submission.
                      client.removeQueries({ queryKey: ['dossiers', 'draft', procedureCode] });
                      setStep('done');
                    },
                  },
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
      {restored && (
        <Alert color="blue" variant="light" role="status">
          {t('files.draftRestored')}
        </Alert>
      )}
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
            inputMode="tel"
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <TextInput
            label={t('filing.email')}
            value={email}
            type="email"
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={t('filing.address')}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
      </Stack>
      {schema === null ? (
        <>
          <Text size="sm" c="dimmed">
            {t('filing.noEform')}
          </Text>
          <Group>
            <Button disabled={agency === null} onClick={() => setStep('files')}>
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
                if (agency !== null) setStep('files');
              }}
            />
          </Suspense>
        </Card>
      )}
      {savedNote}
    </Stack>
  );
}
