import type { DossierView, ReturnMethod } from '@motcua/contracts';
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
import { useProcedure } from '../../catalog/api';
import { useAgencies } from '../../organisation/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { formUrl, useCounterIntake } from '../files-api';
import { checklistOf, ComponentRow } from './Attachments';

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

/**
 * Intake at the counter or by post (NĐ 118 Art. 17.1): the officer picks the procedure, takes
 * the applicant's details, scans each paper of the checklist (marked digitised, TT 03/2025
 * Art. 5), checks completeness and issues the receipt.
 */
export function CounterIntake() {
  const { t } = useTranslation();
  const [codeInput, setCodeInput] = useState('');
  const [code, setCode] = useState('');
  return (
    <Stack gap="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setCode(codeInput.trim());
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('intake.procedureCode')}
            placeholder="1.004837"
            value={codeInput}
            onChange={(e) => setCodeInput(e.currentTarget.value)}
          />
          <Button type="submit" variant="default">
            {t('intake.findProcedure')}
          </Button>
          <Anchor component={Link} to="/thu-tuc" size="sm" target="_blank">
            {t('intake.searchProcedures')}
          </Anchor>
        </Group>
      </form>
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
  const { t } = useTranslation();
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
  // Whether a submit was tried: from then on the missing fields say so next to themselves.
  const [tried, setTried] = useState<'receive' | 'refuse' | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const checklist = useMemo(
    () => (procedure.data ? checklistOf(procedure.data) : []),
    [procedure.data],
  );
  // A required paper counts as handed in when ticked (scanning one ticks it).
  const missing = checklist.filter((c) => c.required && handedIn[c.name] === undefined);

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
    setTried(null);
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

  const agencyError = tried !== null && agency === null ? t('intake.agencyMissing') : null;
  const nameError = tried !== null && name.trim() === '' ? t('intake.nameMissing') : null;
  const repNameError =
    tried !== null && withRepresentative && repName.trim() === ''
      ? t('intake.repNameMissing')
      : null;
  const reasonError =
    tried === 'refuse' && refusalReason.trim() === '' ? t('intake.refuseReasonMissing') : null;
  const emptyCounts = Object.entries(handedIn)
    .filter(([, h]) => h.originals + h.copies === 0)
    .map(([component]) => component);

  const submit = (mode: 'receive' | 'refuse') => {
    setTried(mode);
    if (mode === 'receive') setChecked(true);
    const incomplete =
      agency === null ||
      name.trim() === '' ||
      (withRepresentative && repName.trim() === '') ||
      emptyCounts.length > 0;
    if (incomplete || !procedure.data) return;
    // Refusing does not need a complete dossier: an incomplete one is often why it is refused.
    if (mode === 'receive' && missing.length > 0) return;
    if (mode === 'refuse' && refusalReason.trim() === '') return;
    intake.mutate({
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
        received: checklist
          .filter((c) => handedIn[c.name] !== undefined)
          .map((c) => ({ name: c.name, ...handedIn[c.name]! })),
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
    });
  };

  return (
    <Stack gap="md">
      {procedure.isPending && <LoadingState />}
      {procedure.isError && <ErrorAlert error={procedure.error} />}
      {procedure.data && (
        <Card withBorder padding="sm">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {procedure.data.content.name}
            </Title>
            <Select
              label={t('filing.place')}
              data={places}
              value={agency}
              onChange={setAgency}
              searchable
              required
              error={agencyError}
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
                label={t('intake.applicantName')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
                error={nameError}
              />
              <TextInput
                label={t('intake.idNumber')}
                value={idNumber}
                inputMode="numeric"
                onChange={(e) => setIdNumber(e.currentTarget.value)}
              />
              <TextInput
                label={t('filing.phone')}
                value={phone}
                inputMode="tel"
                onChange={(e) => setPhone(e.currentTarget.value)}
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
                    label={t('intake.repName')}
                    value={repName}
                    onChange={(e) => setRepName(e.currentTarget.value)}
                    required
                    error={repNameError}
                  />
                  <Autocomplete
                    label={t('intake.repCapacity')}
                    data={CAPACITIES.map((c) => t(`intake.${c}`))}
                    value={repCapacity}
                    onChange={setRepCapacity}
                  />
                  <TextInput
                    label={t('intake.repId')}
                    value={repId}
                    inputMode="numeric"
                    onChange={(e) => setRepId(e.currentTarget.value)}
                  />
                  <TextInput
                    label={t('intake.repPhone')}
                    value={repPhone}
                    inputMode="tel"
                    onChange={(e) => setRepPhone(e.currentTarget.value)}
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
            {checklist.map((item) => {
              const got = handedIn[item.name];
              return (
                <ComponentRow
                  key={item.name}
                  item={item}
                  files={[]}
                  missing={checked && missing.includes(item)}
                  onPick={(f) => pick(item.name, f)}
                  extra={
                    <Stack gap={4}>
                      <Checkbox
                        label={t('intake.handedIn')}
                        aria-label={t('intake.handedInFor', { name: item.name })}
                        checked={got !== undefined}
                        onChange={(e) => tick(item.name, e.currentTarget.checked)}
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
                              tried !== null && emptyCounts.includes(item.name)
                                ? t('intake.countMissing')
                                : null
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
              (missing.length > 0 ? (
                <Alert color="red" role="alert">
                  {t('files.missingList', { names: missing.map((m) => m.name).join('; ') })}
                </Alert>
              ) : (
                <Alert color="green" role="status">
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

            {intake.isError && <ErrorAlert error={intake.error} />}
            {refusing ? (
              <Alert color="orange" title={t('intake.refuse')}>
                <Stack gap="xs">
                  <Textarea
                    label={t('intake.refuseReason')}
                    description={t('intake.refuseHint')}
                    value={refusalReason}
                    onChange={(e) => setRefusalReason(e.currentTarget.value)}
                    autosize
                    minRows={2}
                    required
                    error={reasonError}
                  />
                  <Group gap="sm" wrap="wrap">
                    <Button color="red" loading={intake.isPending} onClick={() => submit('refuse')}>
                      {t('intake.refuseConfirm')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => {
                        setRefusing(false);
                        setTried(null);
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
