import { Applicant, ProcedureCode, type DossierView, type ReturnMethod } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProcedure, useProcedureSearch } from '../../catalog/api';
import { useAgencies } from '../../organisation/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { ErrorSummary } from '../../../lib/ui/ErrorSummary';
import {
  errorsFromRequest,
  fieldId,
  useFieldErrors,
  type FieldError,
} from '../../../lib/ui/field-errors';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { formUrl, useCounterIntake } from '../files-api';
import { checklistOf, ComponentRow, conditionText, officerNotesOf } from './Attachments';

interface Picked {
  file: File;
  digitised: boolean;
}

function Done({ dossier, onNext }: { dossier: DossierView; onNext: () => void }) {
  const { t } = useTranslation();
  // Refused on the spot, the applicant leaves with the refusal slip (form 03), not a receipt.
  const refused = dossier.forms.includes('refusal');
  return (
    <Alert
      color={refused ? 'orange' : 'green'}
      title={refused ? t('intake.refusedTitle') : t('intake.doneTitle')}
      role="status"
    >
      <Stack gap="xs">
        <Text>
          {t('filing.code')}: <strong>{dossier.code}</strong>
        </Text>
        {refused && <Text size="sm">{dossier.statusLabel}</Text>}
        {dossier.warnings.map((w) => (
          <Text key={w} size="sm" c="orange">
            {w}
          </Text>
        ))}
        {refused ? (
          <Anchor href={formUrl(dossier.code, 'refusal')} target="_blank" rel="noopener">
            {t('intake.printRefusal')}
          </Anchor>
        ) : (
          dossier.forms.includes('receipt') && (
            <Anchor href={formUrl(dossier.code, 'receipt')} target="_blank" rel="noopener">
              {t('intake.printReceipt')}
            </Anchor>
          )
        )}
        <Anchor component={Link} to={`/can-bo/ho-so/${encodeURIComponent(dossier.code)}`}>
          {t('intake.openDossier')}
        </Anchor>
        <Group>
          <Button variant="default" onClick={onNext}>
            {t('intake.next')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The catalogue's matches for what the officer typed, to pick one. */
function ProcedureMatches({ q, onPick }: { q: string; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const search = useProcedureSearch({ q, page: 1, pageSize: 10 });
  if (search.isPending) return <LoadingState />;
  if (search.isError) return <ErrorAlert error={search.error} />;
  const items = search.data.items;
  if (items.length === 0) {
    return (
      <Text size="sm" role="status">
        {t('intake.noMatches', { q })}
      </Text>
    );
  }
  return (
    <Stack gap={4} component="section" aria-label={t('intake.matchesTitle')}>
      <Text size="sm" fw={600}>
        {t('intake.matchesTitle')}
      </Text>
      {items.map((p) => (
        <Button
          key={p.code}
          variant="light"
          justify="flex-start"
          h="auto"
          py={6}
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          aria-label={t('intake.pickProcedure', { name: p.name })}
          onClick={() => onPick(p.code)}
        >
          {p.name} · {p.code}
        </Button>
      ))}
    </Stack>
  );
}

/**
 * Intake at the counter or by post (NĐ 118 Art. 17.1): the officer finds the procedure by name
 * or code, takes the applicant's details, ticks each paper handed in (scanned ones marked
 * digitised, TT 03/2025 Art. 5), checks completeness and issues the receipt.
 */
export function CounterIntake() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const [finderError, setFinderError] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const typed = text.trim();
          if (typed === '') {
            setFinderError(t('intake.procedureQueryMissing'));
            return;
          }
          setFinderError(null);
          // A code goes straight to its procedure; words are looked up in the catalogue
          // (accent-insensitive: "khai sinh" finds "Đăng ký khai sinh").
          if (ProcedureCode.safeParse(typed).success) {
            setQuery('');
            setCode(typed);
          } else {
            setCode('');
            setQuery(typed);
          }
        }}
      >
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('intake.procedureQuery')}
            description={t('intake.procedureQueryHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={finderError}
            style={{ flex: '1 1 240px' }}
          />
          <Button type="submit" variant="default" mt={{ base: 0, xs: 46 }}>
            {t('intake.findProcedure')}
          </Button>
        </Group>
        <Anchor component={Link} to="/thu-tuc" size="sm" target="_blank">
          {t('intake.searchProcedures')}
        </Anchor>
      </form>
      {query !== '' && code === '' && (
        <ProcedureMatches
          q={query}
          onPick={(picked) => {
            setCode(picked);
            setQuery('');
          }}
        />
      )}
      {code !== '' && <IntakeForm key={code} code={code} />}
    </Stack>
  );
}

/** What the officer noted of one component handed in: how many originals and copies. */
interface HandedIn {
  originals: number;
  copies: number;
}

const CAPACITIES = ['capacityAuthorised', 'capacityLegal', 'capacityGuardian'] as const;

function IntakeForm({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const procedure = useProcedure(code);
  const centres = useAgencies({ kind: 'commune_service_centre' });
  const province = useAgencies({ kind: 'service_centre' });
  const intake = useCounterIntake();
  const [agency, setAgency] = useState<string | null>(null);
  const [channel, setChannel] = useState<'direct' | 'postal'>('direct');
  const [postalRef, setPostalRef] = useState('');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [picked, setPicked] = useState<Record<string, Picked[]>>({});
  const [handedIn, setHandedIn] = useState<Record<string, HandedIn>>({});
  const [setCount, setSetCount] = useState<number>(1);
  const [returnMethod, setReturnMethod] = useState<ReturnMethod>('counter');
  const [withRepresentative, setWithRepresentative] = useState(false);
  const [repName, setRepName] = useState('');
  const [repId, setRepId] = useState('');
  const [repPhone, setRepPhone] = useState('');
  const [repCapacity, setRepCapacity] = useState(() => t('intake.capacityAuthorised'));
  const [refusing, setRefusing] = useState(false);
  const [refusalReason, setRefusalReason] = useState('');
  const [checked, setChecked] = useState(false);
  const errors = useFieldErrors();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const checklist = useMemo(
    () => (procedure.data ? checklistOf(procedure.data) : []),
    [procedure.data],
  );
  const notes = useMemo(
    () => (procedure.data ? officerNotesOf(procedure.data) : []),
    [procedure.data],
  );
  // A required paper counts as handed in only when ticked (scanning one ticks it): the check
  // counts what the officer holds, not what the procedure lists.
  const required = checklist.map((item, index) => ({ item, index })).filter((c) => c.item.required);
  const missing = required.filter((c) => handedIn[c.item.name] === undefined);

  const reset = () => {
    intake.reset();
    setPicked({});
    setHandedIn({});
    setSetCount(1);
    setReturnMethod('counter');
    setWithRepresentative(false);
    setRepName('');
    setRepId('');
    setRepPhone('');
    setRepCapacity(t('intake.capacityAuthorised'));
    setRefusing(false);
    setRefusalReason('');
    setChecked(false);
    errors.clear();
    setName('');
    setIdNumber('');
    setPhone('');
    setAddress('');
    setPostalRef('');
    setKey(crypto.randomUUID());
  };

  if (intake.data) return <Done dossier={intake.data} onNext={reset} />;

  const tick = (component: string, on: boolean) =>
    setHandedIn((h) =>
      on
        ? { ...h, [component]: h[component] ?? { originals: 1, copies: 0 } }
        : Object.fromEntries(Object.entries(h).filter(([name]) => name !== component)),
    );
  const count = (component: string, field: keyof HandedIn, value: number | string) =>
    setHandedIn((h) => ({
      ...h,
      [component]: {
        ...(h[component] ?? { originals: 1, copies: 0 }),
        [field]: typeof value === 'number' ? value : 0,
      },
    }));
  const pick = (component: string, file: File) => {
    setPicked((p) => ({ ...p, [component]: [...(p[component] ?? []), { file, digitised: true }] }));
    tick(component, true);
  };
  const setDigitised = (component: string, index: number, digitised: boolean) =>
    setPicked((p) => ({
      ...p,
      [component]: (p[component] ?? []).map((f, i) => (i === index ? { ...f, digitised } : f)),
    }));
  const unpick = (component: string, index: number) =>
    setPicked((p) => ({ ...p, [component]: (p[component] ?? []).filter((_, i) => i !== index) }));

  const emptyCounts = Object.entries(handedIn)
    .filter(([, h]) => h.originals + h.copies === 0)
    .map(([component]) => component);
  const slotPath = (name: string) => `components.${checklist.findIndex((c) => c.name === name)}`;

  /** Every problem of this attempt, in the form's order, each with its field's path. */
  const problems = (mode: 'receive' | 'refuse'): FieldError[] => {
    const list: FieldError[] = [];
    const invalid = (schema: typeof Applicant.shape.phone, value: string) =>
      !schema.safeParse(value.trim() || null).success;
    if (agency === null)
      list.push({ path: 'receivingAgencyId', message: t('intake.agencyMissing') });
    if (name.trim() === '') list.push({ path: 'applicant.name', message: t('intake.nameMissing') });
    if (invalid(Applicant.shape.idNumber, idNumber)) {
      list.push({ path: 'applicant.idNumber', message: t('intake.idNumberInvalid') });
    }
    if (invalid(Applicant.shape.phone, phone)) {
      list.push({ path: 'applicant.phone', message: t('filing.errors.phone') });
    }
    if (withRepresentative) {
      if (repName.trim() === '') {
        list.push({ path: 'representative.name', message: t('intake.repNameMissing') });
      }
      if (invalid(Applicant.shape.idNumber, repId)) {
        list.push({ path: 'representative.idNumber', message: t('intake.idNumberInvalid') });
      }
      if (invalid(Applicant.shape.phone, repPhone)) {
        list.push({ path: 'representative.phone', message: t('filing.errors.phone') });
      }
    }
    checklist.forEach((item, index) => {
      if (emptyCounts.includes(item.name)) {
        list.push({ path: `components.${index}`, message: t('intake.countMissing') });
      }
    });
    // Refusing does not need a complete dossier: an incomplete one is often why it is refused.
    if (mode === 'receive') {
      for (const { item, index } of missing) {
        list.push({
          path: `components.${index}`,
          message: t('intake.missingOne', { name: item.name }),
        });
      }
    }
    if (mode === 'refuse' && refusalReason.trim() === '') {
      list.push({ path: 'refusal.reason', message: t('intake.refuseReasonMissing') });
    }
    return list;
  };

  /** The server's paths as this form's: a received paper is named by its place in the checklist. */
  const fromServer = (error: unknown, sent: { name: string }[]): FieldError[] =>
    errorsFromRequest(error, (c) => t(`errors.codes.${c}`), i18n.language).map((e) => {
      const received = /^received\.(\d+)/.exec(e.path);
      const paper = received ? sent[Number(received[1])] : undefined;
      return paper ? { ...e, path: slotPath(paper.name) } : e;
    });

  const submit = (mode: 'receive' | 'refuse') => {
    if (mode === 'receive') setChecked(true);
    const list = problems(mode);
    errors.show(list);
    if (list.length > 0 || !procedure.data || agency === null) return;
    const received = checklist
      .filter((c) => handedIn[c.name] !== undefined)
      .map((c) => ({ name: c.name, ...handedIn[c.name]! }));
    intake.mutate(
      {
        key,
        request: {
          procedureCode: procedure.data.content.code,
          channel,
          postalRef: channel === 'postal' ? postalRef.trim() || null : null,
          receivingAgencyId: agency,
          applicant: {
            name: name.trim(),
            idNumber: idNumber.trim() || null,
            phone: phone.trim() || null,
            email: null,
            address: address.trim() || null,
          },
          formData: {},
          received,
          setCount,
          returnMethod,
          representative: withRepresentative
            ? {
                name: repName.trim(),
                idNumber: repId.trim() || null,
                phone: repPhone.trim() || null,
                capacity: repCapacity.trim() || t('intake.capacityAuthorised'),
              }
            : null,
          refusal: mode === 'refuse' ? { reason: refusalReason.trim() } : null,
        },
        // A refused dossier keeps no papers: they go back to the applicant with the slip.
        files:
          mode === 'refuse'
            ? []
            : Object.entries(picked).flatMap(([component, list]) =>
                list.map((p) => ({ component, file: p.file, digitised: p.digitised })),
              ),
      },
      { onError: (error) => errors.show(fromServer(error, received)) },
    );
  };

  return (
    <Stack gap="md">
      {procedure.isPending && <LoadingState />}
      {procedure.isError && <ErrorAlert error={procedure.error} />}
      {procedure.data && (
        <Card withBorder padding="sm">
          <Stack gap="sm">
            <ErrorSummary errors={errors.errors} attempt={errors.attempt} />
            <Title order={2} size="h4">
              {procedure.data.content.name}
            </Title>
            <Select
              id={fieldId('receivingAgencyId')}
              label={t('filing.place')}
              data={places}
              value={agency}
              onChange={setAgency}
              searchable
              required
              error={errors.errorOf('receivingAgencyId')}
            />
            <Radio.Group
              label={t('intake.channel')}
              value={channel}
              onChange={(v) => setChannel(v as 'direct' | 'postal')}
            >
              <Group mt={4}>
                <Radio value="direct" label={t('intake.direct')} />
                <Radio value="postal" label={t('intake.postal')} />
              </Group>
            </Radio.Group>
            {channel === 'postal' && (
              <TextInput
                label={t('intake.postalRef')}
                value={postalRef}
                onChange={(e) => setPostalRef(e.currentTarget.value)}
                required
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                id={fieldId('applicant.name')}
                label={t('intake.applicantName')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
                error={errors.errorOf('applicant.name')}
              />
              <TextInput
                id={fieldId('applicant.idNumber')}
                label={t('intake.idNumber')}
                value={idNumber}
                inputMode="numeric"
                onChange={(e) => setIdNumber(e.currentTarget.value)}
                error={errors.errorOf('applicant.idNumber')}
              />
              <TextInput
                id={fieldId('applicant.phone')}
                label={t('filing.phone')}
                value={phone}
                inputMode="tel"
                onChange={(e) => setPhone(e.currentTarget.value)}
                error={errors.errorOf('applicant.phone')}
              />
              <TextInput
                label={t('filing.address')}
                value={address}
                onChange={(e) => setAddress(e.currentTarget.value)}
              />
            </SimpleGrid>

            <Checkbox
              label={t('intake.withRepresentative')}
              checked={withRepresentative}
              onChange={(e) => setWithRepresentative(e.currentTarget.checked)}
            />
            {withRepresentative && (
              <Card withBorder padding="sm" component="fieldset" m={0}>
                <Text component="legend" size="sm" fw={600} px={4}>
                  {t('intake.representative')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    id={fieldId('representative.name')}
                    label={t('intake.repName')}
                    value={repName}
                    onChange={(e) => setRepName(e.currentTarget.value)}
                    required
                    error={errors.errorOf('representative.name')}
                  />
                  <Autocomplete
                    label={t('intake.repCapacity')}
                    data={CAPACITIES.map((c) => t(`intake.${c}`))}
                    value={repCapacity}
                    onChange={setRepCapacity}
                  />
                  <TextInput
                    id={fieldId('representative.idNumber')}
                    label={t('intake.repId')}
                    value={repId}
                    inputMode="numeric"
                    onChange={(e) => setRepId(e.currentTarget.value)}
                    error={errors.errorOf('representative.idNumber')}
                  />
                  <TextInput
                    id={fieldId('representative.phone')}
                    label={t('intake.repPhone')}
                    value={repPhone}
                    inputMode="tel"
                    onChange={(e) => setRepPhone(e.currentTarget.value)}
                    error={errors.errorOf('representative.phone')}
                  />
                </SimpleGrid>
              </Card>
            )}

            <Title order={3} size="h5">
              {t('files.componentsTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('intake.handedInHint')}
            </Text>
            {checklist.length === 0 && <Text size="sm">{t('files.noChecklist')}</Text>}
            {notes.length > 0 && (
              <details>
                <summary style={{ cursor: 'pointer' }}>
                  <Text component="span" size="sm" fw={600}>
                    {t('intake.officerNotes')}
                  </Text>
                </summary>
                <Stack gap={4} mt={4}>
                  {notes.map((note) => (
                    <Text key={note} size="xs">
                      {note}
                    </Text>
                  ))}
                </Stack>
              </details>
            )}
            {checklist.map((item, index) => {
              const got = handedIn[item.name];
              return (
                <ComponentRow
                  key={`${index}-${item.name}`}
                  item={item}
                  files={[]}
                  error={errors.errorOf(`components.${index}`)}
                  onPick={(f) => pick(item.name, f)}
                  extra={
                    <Stack gap={4}>
                      {item.condition !== null && (
                        <Text size="xs" fs="italic">
                          {t('files.conditional', { condition: conditionText(item.condition) })}
                        </Text>
                      )}
                      <Checkbox
                        id={fieldId(`components.${index}`)}
                        label={t('intake.handedIn')}
                        aria-label={t('intake.handedInFor', { name: item.name })}
                        checked={got !== undefined}
                        onChange={(e) => {
                          tick(item.name, e.currentTarget.checked);
                          if (e.currentTarget.checked) errors.clearField(`components.${index}`);
                        }}
                      />
                      {got !== undefined && (
                        <Group gap="sm" wrap="wrap" align="flex-start">
                          <NumberInput
                            label={t('intake.originals')}
                            aria-label={t('intake.originalsFor', { name: item.name })}
                            value={got.originals}
                            onChange={(v) => count(item.name, 'originals', v)}
                            min={0}
                            max={100}
                            allowDecimal={false}
                            w={130}
                            error={
                              emptyCounts.includes(item.name) &&
                              errors.errorOf(`components.${index}`) !== null
                            }
                          />
                          <NumberInput
                            label={t('intake.copies')}
                            aria-label={t('intake.copiesFor', { name: item.name })}
                            value={got.copies}
                            onChange={(v) => count(item.name, 'copies', v)}
                            min={0}
                            max={100}
                            allowDecimal={false}
                            w={130}
                          />
                        </Group>
                      )}
                      {(picked[item.name] ?? []).map((p, i) => (
                        <Group key={`${p.file.name}-${i}`} gap="xs" wrap="wrap">
                          <Text size="sm" style={{ wordBreak: 'break-all' }}>
                            {p.file.name}
                          </Text>
                          <Checkbox
                            label={t('files.digitisedCheck')}
                            aria-label={t('intake.digitisedFor', { name: p.file.name })}
                            checked={p.digitised}
                            onChange={(e) => setDigitised(item.name, i, e.currentTarget.checked)}
                          />
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => unpick(item.name, i)}
                          >
                            {t('files.removeShort')}
                          </Button>
                        </Group>
                      ))}
                    </Stack>
                  }
                />
              );
            })}
            {checked &&
              (required.length === 0 ? (
                <Alert color="blue" role="status">
                  {t('intake.noRequired')}
                </Alert>
              ) : missing.length > 0 ? (
                <Alert color="red" role="status">
                  <Stack gap={4}>
                    <Text size="sm">
                      {t('intake.handedInCount', {
                        got: required.length - missing.length,
                        total: required.length,
                      })}
                    </Text>
                    <Text size="sm">
                      {t('files.missingList', {
                        names: missing.map((m) => m.item.name).join('; '),
                      })}
                    </Text>
                  </Stack>
                </Alert>
              ) : (
                <Alert color="green" role="status">
                  {t('intake.handedInCount', { got: required.length, total: required.length })}{' '}
                  {t('intake.complete')}
                </Alert>
              ))}

            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NumberInput
                label={t('intake.setCount')}
                value={setCount}
                onChange={(v) => setSetCount(typeof v === 'number' && v >= 1 ? v : 1)}
                min={1}
                max={50}
                allowDecimal={false}
              />
              <Radio.Group
                label={t('intake.returnMethod')}
                value={returnMethod}
                onChange={(v) => setReturnMethod(v as ReturnMethod)}
              >
                <Stack gap={6} mt={6}>
                  {(['counter', 'post', 'online'] as const).map((m) => (
                    <Radio key={m} value={m} label={t(`intake.returnMethods.${m}`)} />
                  ))}
                </Stack>
              </Radio.Group>
            </SimpleGrid>

            {refusing ? (
              <Alert color="orange" title={t('intake.refuse')}>
                <Stack gap="xs">
                  <Textarea
                    id={fieldId('refusal.reason')}
                    label={t('intake.refuseReason')}
                    description={t('intake.refuseHint')}
                    value={refusalReason}
                    onChange={(e) => setRefusalReason(e.currentTarget.value)}
                    autosize
                    minRows={2}
                    required
                    error={errors.errorOf('refusal.reason')}
                  />
                  <Group gap="sm" wrap="wrap">
                    <Button color="red" loading={intake.isPending} onClick={() => submit('refuse')}>
                      {t('intake.refuseConfirm')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => {
                        setRefusing(false);
                        errors.clear();
                      }}
                    >
                      {t('intake.cancelRefusal')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : (
              <Group gap="sm" wrap="wrap">
                <Button variant="default" onClick={() => setChecked(true)}>
                  {t('intake.checkCompleteness')}
                </Button>
                <Button loading={intake.isPending} onClick={() => submit('receive')}>
                  {t('intake.submit')}
                </Button>
                <Button variant="outline" color="red" onClick={() => setRefusing(true)}>
                  {t('intake.refuse')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
