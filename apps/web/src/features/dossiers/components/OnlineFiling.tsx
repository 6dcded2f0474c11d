import {
  answeredByEform,
  Applicant,
  describeEform,
  validateEform,
  type AttachmentView,
  type DossierView,
  type DraftView,
  type PrefillClaim,
  type ProcedureDetail,
} from '@motcua/contracts';
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
import type { ErrorSchema } from '@rjsf/utils';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies } from '../../organisation/api';
import { PaymentDue } from '../../payments/components/PaymentDue';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { ErrorSummary } from '../../../lib/ui/ErrorSummary';
import {
  errorsFromRequest,
  fieldId,
  focusField,
  useFieldErrors,
  type FieldError,
} from '../../../lib/ui/field-errors';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useFileOnline } from '../api';
import {
  formUrl,
  megabytes,
  useDraft,
  useDraftFileDelete,
  useDraftUpload,
  useSaveDraft,
  useUploadLimit,
} from '../files-api';
import {
  AttachmentList,
  checklistOf,
  ComponentRow,
  conditionText,
  type ChecklistSlot,
} from './Attachments';
import { when } from './DossierTimeline';

const EformForm = lazy(() =>
  import('../../../lib/eform/EformForm').then((m) => ({ default: m.EformForm })),
);

type Step = 'fill' | 'files' | 'check' | 'done';

/**
 * What the signed-in citizen's sign-in vouches for, by the e-forms' `x-prefill` names (the
 * session's `claims`; null where VNeID gave nothing).
 */
export type Claims = Partial<Record<PrefillClaim, string | null>>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The answers to start from: the schema's defaults ("Kinh", "Việt Nam") and the claims the
 * sign-in vouches for, under what the citizen already entered (a restored draft wins). Filled
 * fields stay editable: a claim is a starting point, not a lock.
 */
function startingAnswers(schema: Json, data: Json, claims: Claims): Json {
  const props = isObject(schema['properties']) ? schema['properties'] : {};
  const out: Json = { ...data };
  for (const [key, child] of Object.entries(props)) {
    if (!isObject(child)) continue;
    if (child['type'] === 'object') {
      const inner = startingAnswers(child, isObject(out[key]) ? out[key] : {}, claims);
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    if (out[key] !== undefined && out[key] !== '') continue;
    const claim = child['x-prefill'] as PrefillClaim | undefined;
    const fromClaim = claim !== undefined ? claims[claim] : undefined;
    if (fromClaim) out[key] = fromClaim;
    else if (child['default'] !== undefined) out[key] = child['default'];
  }
  return out;
}

/** Errors of the e-form's fields in the shape its form shows beside each field. */
function extraErrorsOf(errors: readonly FieldError[]): Json {
  const root: Json = {};
  for (const e of errors) {
    if (!e.path.startsWith('formData.')) continue;
    let node = root;
    for (const key of e.path.slice('formData.'.length).split('.')) {
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as Json;
    }
    node['__errors'] = [...((node['__errors'] as string[] | undefined) ?? []), e.message];
  }
  return root;
}

/** Which step shows the field a path names. */
const stepOf = (path: string): Step => (path.startsWith('components.') ? 'files' : 'fill');

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
        {/* A procedure whose fee is paid at filing: the amount and "Thanh toán" right here. */}
        <PaymentDue code={dossier.code} headingLevel={3} />
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
export function OnlineFiling({ detail, claims }: { detail: ProcedureDetail; claims: Claims }) {
  const draft = useDraft(detail.content.code);
  if (draft.isPending) return <LoadingState />;
  if (draft.isError) return <ErrorAlert error={draft.error} />;
  return (
    <Filing
      detail={detail}
      claims={claims}
      restored={draft.data}
      files={draft.data?.attachments ?? []}
    />
  );
}

function Filing({
  detail,
  claims,
  restored,
  files,
}: {
  detail: ProcedureDetail;
  claims: Claims;
  restored: DraftView | null;
  files: AttachmentView[];
}) {
  const { t, i18n } = useTranslation();
  const procedureCode = detail.content.code;
  const centres = useAgencies({ kind: 'commune_service_centre' });
  const province = useAgencies({ kind: 'service_centre' });
  const file = useFileOnline();
  const client = useQueryClient();
  const save = useSaveDraft(procedureCode);
  const upload = useDraftUpload(procedureCode);
  const remove = useDraftFileDelete(procedureCode);
  const errors = useFieldErrors();
  const maxBytes = useUploadLimit();
  const [step, setStep] = useState<Step>('fill');
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const contactOf = (k: string) => (restored?.contact[k] as string | undefined) ?? '';
  const schema = detail.local.eform;
  // `?coQuan=` preselects the place, as a deep link from DVCQG names it (features/ministry).
  const [agency, setAgency] = useState<string | null>(
    restored?.receivingAgencyId ?? new URLSearchParams(window.location.search).get('coQuan'),
  );
  const [phone, setPhone] = useState(() => contactOf('phone') || (claims.phone ?? ''));
  const [email, setEmail] = useState(() => contactOf('email') || (claims.email ?? ''));
  const [address, setAddress] = useState(() => contactOf('address') || (claims.address ?? ''));
  const [formData, setFormData] = useState<Json>(() =>
    schema ? startingAnswers(schema, restored?.formData ?? {}, claims) : {},
  );
  // A server refusal of one upload (413/415) is shown beside its slot.
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [uploadingTo, setUploadingTo] = useState<string | null>(null);
  const key = useMemo(() => crypto.randomUUID(), []);
  const checklist = useMemo(() => checklistOf(detail), [detail]);
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const placeName = places.find((p) => p.value === agency)?.label ?? '';
  const extraErrors = useMemo(() => extraErrorsOf(errors.errors), [errors.errors]);

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
      // A draft keeps only what the server accepts; an invalid phone is saved once corrected.
      const ok = (v: string, s: typeof Applicant.shape.phone | typeof Applicant.shape.email) =>
        s.safeParse(v.trim() || null).success ? v.trim() || null : null;
      saveDraft({
        receivingAgencyId: agency,
        contact: {
          phone: ok(phone, Applicant.shape.phone),
          email: ok(email, Applicant.shape.email),
          address: address.trim() || null,
        },
        formData,
      });
    }, 800);
    return () => clearTimeout(timer);
  }, [agency, phone, email, address, formData, step, saveDraft]);

  // A link of the summary to a field on another step shows that step, then focuses the field.
  useEffect(() => {
    if (pendingFocus !== null && stepOf(pendingFocus) === step) {
      // The e-form is lazy: give it a moment to be there.
      const timer = setTimeout(() => {
        focusField(pendingFocus);
        setPendingFocus(null);
      }, 50);
      return () => clearTimeout(timer);
    }
  }, [pendingFocus, step]);
  // A new step starts at its top: "Tiếp tục" sits at the bottom of a long phone page, and the
  // next step would otherwise open in its middle.
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    if (pendingFocus === null) window.scrollTo({ top: 0 });
  }, [step, pendingFocus]);
  const goToField = (path: string) => {
    if (stepOf(path) === step) focusField(path);
    else {
      setStep(stepOf(path));
      setPendingFocus(path);
    }
  };

  const filesOf = (name: string) => files.filter((f) => f.component === name);
  // Filed online, the declaration is the e-form's answers (QĐ 163/QĐ-BTP): no scan of it.
  const byEform = (item: ChecklistSlot) => schema !== null && answeredByEform(item);
  const requiredSlots = checklist
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.required && !byEform(item));

  const fillErrors = (): FieldError[] => {
    const list: FieldError[] = [];
    if (agency === null)
      list.push({ path: 'receivingAgencyId', message: t('filing.errors.place') });
    // The server's own rules (contracts' Applicant), said in the reader's language.
    if (!Applicant.shape.phone.safeParse(phone.trim() || null).success) {
      list.push({ path: 'contact.phone', message: t('filing.errors.phone') });
    }
    if (!Applicant.shape.email.safeParse(email.trim() || null).success) {
      list.push({ path: 'contact.email', message: t('filing.errors.email') });
    }
    if (schema) {
      for (const issue of validateEform(schema, formData)) {
        list.push({ path: `formData.${issue.path}`, message: issue.message });
      }
    }
    return list;
  };
  const filesErrors = (): FieldError[] =>
    requiredSlots
      .filter(({ item }) => filesOf(item.name).length === 0)
      .map(({ item, index }) => ({
        path: `components.${index}`,
        message: t('files.missingOne', { name: item.name }),
      }));

  const pick = (component: string, f: File) => {
    setUploadErrors(({ [component]: _gone, ...rest }) => rest);
    setUploadingTo(component);
    upload.mutate(
      { file: f, component },
      {
        onSuccess: () => {
          const index = checklist.findIndex((c) => c.name === component);
          if (index >= 0) errors.clearField(`components.${index}`);
        },
        onError: (error) =>
          setUploadErrors((u) => ({
            ...u,
            [component]:
              errorsFromRequest(error, (c) => t(`errors.codes.${c}`), i18n.language)[0]?.message ??
              '',
          })),
        onSettled: () => setUploadingTo(null),
      },
    );
  };

  if (step === 'done' && file.data) return <Confirmation dossier={file.data} />;

  const summary = (
    <ErrorSummary errors={errors.errors} attempt={errors.attempt} onSelect={goToField} />
  );
  const savedNote = save.isSuccess ? (
    <Text size="xs" c="dimmed" role="status">
      {t('files.draftSaved')}
    </Text>
  ) : null;

  if (step === 'files') {
    const slot = (item: ChecklistSlot, index: number) => (
      <ComponentRow
        key={`${index}-${item.name}`}
        id={fieldId(`components.${index}`)}
        item={byEform(item) ? { ...item, required: false } : item}
        files={filesOf(item.name)}
        busy={uploadingTo !== null}
        error={uploadErrors[item.name] ?? errors.errorOf(`components.${index}`)}
        onPick={(f) => pick(item.name, f)}
        onRemove={(f) => remove.mutate(f.id)}
      />
    );
    // Papers needed only in some cases wait, folded, under their case in words.
    const conditions = [
      ...new Set(checklist.filter((c) => c.condition !== null).map((c) => c.condition!)),
    ];
    return (
      <Card withBorder>
        <Stack gap="md">
          {summary}
          <Title order={2} size="h4">
            {t('files.componentsTitle')}
          </Title>
          {maxBytes !== null && (
            <Text size="sm" c="dimmed">
              {t('files.componentsHelp', { limit: megabytes(maxBytes, i18n.language) })}
            </Text>
          )}
          {checklist.length === 0 && <Text size="sm">{t('files.noChecklist')}</Text>}
          {checklist.map((item, index) => (item.condition === null ? slot(item, index) : null))}
          {conditions.map((condition) => (
            <details key={condition}>
              <summary style={{ cursor: 'pointer' }}>
                <Text component="span" size="sm" fw={600}>
                  {t('files.conditional', { condition: conditionText(condition) })}
                </Text>
              </summary>
              <Stack gap="md" mt="xs" pl="sm">
                <Text size="xs" c="dimmed">
                  {t('files.conditionalHint')}
                </Text>
                {checklist.map((item, index) =>
                  item.condition === condition ? slot(item, index) : null,
                )}
              </Stack>
            </details>
          ))}
          <ComponentRow
            item={{ name: t('files.other'), required: false }}
            files={filesOf(t('files.other'))}
            busy={uploadingTo !== null}
            error={uploadErrors[t('files.other')] ?? null}
            onPick={(f) => pick(t('files.other'), f)}
            onRemove={(f) => remove.mutate(f.id)}
          />
          {remove.isError && <ErrorAlert error={remove.error} title={t('errorSummary.title')} />}
          <Group>
            <Button variant="default" onClick={() => setStep('fill')}>
              {t('filing.back')}
            </Button>
            <Button
              onClick={() => {
                const list = filesErrors();
                errors.show(list);
                if (list.length === 0) setStep('check');
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
    const answers = schema ? describeEform(schema, formData) : [];
    return (
      <Card withBorder>
        <Stack gap="sm">
          {summary}
          <Title order={2} size="h4">
            {t('filing.checkTitle')}
          </Title>
          <Table variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>{t('filing.applicant')}</Table.Th>
                <Table.Td>{claims.name ?? ''}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('filing.place')}</Table.Th>
                <Table.Td>{placeName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('filing.phone')}</Table.Th>
                <Table.Td>{phone || '—'}</Table.Td>
              </Table.Tr>
              {email !== '' && (
                <Table.Tr>
                  <Table.Th>{t('filing.email')}</Table.Th>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{email}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {answers.map((section) => (
            <Stack key={section.heading ?? ''} gap={4}>
              {section.heading && (
                <Title order={3} size="h5">
                  {section.heading}
                </Title>
              )}
              <Table variant="vertical" layout="fixed">
                <Table.Tbody>
                  {section.rows.map((row) => (
                    <Table.Tr key={row.title}>
                      <Table.Th w={140}>{row.title}</Table.Th>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{row.value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ))}
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
                      errors.clear();
                      // The server deleted the draft with the submission.
                      client.removeQueries({ queryKey: ['dossiers', 'draft', procedureCode] });
                      setStep('done');
                    },
                    onError: (error) =>
                      errors.show(
                        errorsFromRequest(error, (c) => t(`errors.codes.${c}`), i18n.language),
                      ),
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

  const next = () => {
    const list = fillErrors();
    errors.show(list);
    if (list.length === 0) setStep('files');
  };

  return (
    <Stack gap="md">
      {summary}
      {restored && (
        <Alert color="blue" variant="light" role="status">
          {t('files.draftRestored')}
        </Alert>
      )}
      <Stack gap="sm">
        <Select
          id={fieldId('receivingAgencyId')}
          label={t('filing.place')}
          data={places}
          value={agency}
          onChange={(v) => {
            setAgency(v);
            if (v) errors.clearField('receivingAgencyId');
          }}
          searchable
          required
          error={errors.errorOf('receivingAgencyId')}
        />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            id={fieldId('contact.phone')}
            label={t('filing.phone')}
            value={phone}
            inputMode="tel"
            autoComplete="tel"
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.errorOf('contact.phone')}
          />
          <TextInput
            id={fieldId('contact.email')}
            label={t('filing.email')}
            value={email}
            type="email"
            autoComplete="email"
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.errorOf('contact.email')}
          />
        </Group>
        <TextInput
          id={fieldId('contact.address')}
          label={t('filing.address')}
          value={address}
          autoComplete="street-address"
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={errors.errorOf('contact.address')}
        />
      </Stack>
      {schema === null ? (
        <Text size="sm" c="dimmed">
          {t('filing.noEform')}
        </Text>
      ) : (
        <Card withBorder>
          <Suspense fallback={<LoadingState />}>
            <EformForm
              schema={schema}
              formData={formData}
              submitText={t('filing.continue')}
              formProps={{
                // Ids are the server's issue paths, so the summary's links reach the fields.
                idPrefix: fieldId('formData'),
                idSeparator: '.',
                extraErrors: extraErrors as ErrorSchema,
                showErrorList: false,
                // rjsf takes a choice's first `const` as its default: every child would be
                // "Nam" and every declarant "Mẹ" without the citizen choosing. A choice left
                // open stays open, and the summary asks for it.
                experimental_defaultFormStateBehavior: { constAsDefaults: 'skipOneOf' },
                onChange: (e) => setFormData((e.formData ?? {}) as Json),
                // One "Tiếp tục" for the whole step, below.
                children: <></>,
              }}
            />
          </Suspense>
        </Card>
      )}
      <Group>
        <Button onClick={next}>{t('filing.continue')}</Button>
      </Group>
      {savedNote}
    </Stack>
  );
}
