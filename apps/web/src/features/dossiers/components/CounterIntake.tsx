import type { DossierView } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Text,
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
  return (
    <Alert color="green" title={t('intake.doneTitle')} role="status">
      <Stack gap="xs">
        <Text>
          {t('filing.code')}: <strong>{dossier.code}</strong>
        </Text>
        {dossier.warnings.map((w) => (
          <Text key={w} size="sm" c="orange">
            {w}
          </Text>
        ))}
        <Anchor href={formUrl(dossier.code, 'receipt')} target="_blank" rel="noopener">
          {t('intake.printReceipt')}
        </Anchor>
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
  const [checked, setChecked] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const places = [...(province.data?.items ?? []), ...(centres.data?.items ?? [])].map((a) => ({
    value: a.id,
    label: a.name,
  }));
  const checklist = useMemo(
    () => (procedure.data ? checklistOf(procedure.data) : []),
    [procedure.data],
  );
  const missing = checklist.filter((c) => c.required && (picked[c.name]?.length ?? 0) === 0);

  const reset = () => {
    intake.reset();
    setPicked({});
    setChecked(false);
    setName('');
    setIdNumber('');
    setPhone('');
    setAddress('');
    setPostalRef('');
    setKey(crypto.randomUUID());
  };

  if (intake.data) return <Done dossier={intake.data} onNext={reset} />;

  const pick = (component: string, file: File) =>
    setPicked((p) => ({ ...p, [component]: [...(p[component] ?? []), { file, digitised: true }] }));
  const setDigitised = (component: string, index: number, digitised: boolean) =>
    setPicked((p) => ({
      ...p,
      [component]: (p[component] ?? []).map((f, i) => (i === index ? { ...f, digitised } : f)),
    }));
  const unpick = (component: string, index: number) =>
    setPicked((p) => ({ ...p, [component]: (p[component] ?? []).filter((_, i) => i !== index) }));

  return (
    <Stack gap="md">
      {procedure.isPending && <LoadingState />}
      {procedure.isError && <ErrorAlert error={procedure.error} />}
      {procedure.data && (
        <Card withBorder>
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
            <Group grow wrap="wrap">
              <TextInput
                label={t('intake.applicantName')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('intake.idNumber')}
                value={idNumber}
                inputMode="numeric"
                onChange={(e) => setIdNumber(e.currentTarget.value)}
              />
            </Group>
            <Group grow wrap="wrap">
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
            </Group>

            <Title order={3} size="h5">
              {t('files.componentsTitle')}
            </Title>
            {checklist.length === 0 && <Text size="sm">{t('files.noChecklist')}</Text>}
            {checklist.map((item) => (
              <ComponentRow
                key={item.name}
                item={item}
                files={[]}
                missing={checked && missing.includes(item)}
                onPick={(f) => pick(item.name, f)}
                extra={(picked[item.name] ?? []).map((p, i) => (
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
              />
            ))}
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
            {intake.isError && <ErrorAlert error={intake.error} />}
            <Group>
              <Button variant="default" onClick={() => setChecked(true)}>
                {t('intake.checkCompleteness')}
              </Button>
              <Button
                loading={intake.isPending}
                onClick={() => {
                  setChecked(true);
                  if (missing.length > 0 || agency === null) return;
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
                      received: [],
                      setCount: 1,
                      returnMethod: 'counter',
                      representative: null,
                      refusal: null,
                    },
                    files: Object.entries(picked).flatMap(([component, list]) =>
                      list.map((p) => ({ component, file: p.file, digitised: p.digitised })),
                    ),
                  });
                }}
              >
                {t('intake.submit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
