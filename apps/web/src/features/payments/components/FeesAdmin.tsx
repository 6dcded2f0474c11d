import {
  NewFeeSchedule,
  type AmountRule,
  type FeeSchedule,
  type NewFeeSchedule as NewFeeScheduleInput,
} from '@motcua/contracts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { ErrorSummary } from '../../../lib/ui/ErrorSummary';
import { errorsFromRequest, fieldId, useFieldErrors } from '../../../lib/ui/field-errors';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { ResponsiveTable } from '../../../lib/ui/ResponsiveTable';
import { useCreateFeeSchedule, useFeeReview, useFeeSchedules } from '../fees-api';
import { formatVnd } from '../format';

/** An amount rule in words: "50.000 đ", "10.000 đ / bản", per page tiers, per case. */
function ruleText(rule: AmountRule, lang: string, t: (k: 'payments.fees.perCopy') => string) {
  const vnd = (n: number) => formatVnd(n, lang);
  switch (rule.type) {
    case 'fixed':
      return vnd(rule.amount);
    case 'per_copy':
      return `${vnd(rule.amount)} / ${t('payments.fees.perCopy')}`;
    case 'per_page':
      return rule.tiers.map((x) => `${x.fromPage}+: ${vnd(x.amount)}`).join('; ');
    case 'by_case':
      return rule.cases.map((c) => `${c.label}: ${vnd(c.amount)}`).join('; ');
  }
}

function ScheduleCard({ s }: { s: FeeSchedule }) {
  const { t, i18n } = useTranslation();
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const inForce = s.effectiveFrom <= today && (s.effectiveTo === null || s.effectiveTo >= today);
  return (
    <Card withBorder component="li" padding="sm" data-testid={`fee-schedule-${s.version}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>
            {t('payments.fees.version', { version: s.version })} ·{' '}
            {s.agency ?? t('payments.fees.provinceDefault')}
          </Text>
          <Group gap={4}>
            {inForce && <Badge color="teal.9">{t('payments.fees.inForce')}</Badge>}
            <Badge variant="light">{t(`payments.fees.sources.${s.source}`)}</Badge>
          </Group>
        </Group>
        <Text size="sm">
          {t('payments.fees.effective', {
            from: s.effectiveFrom.split('-').reverse().join('/'),
            to: s.effectiveTo ? s.effectiveTo.split('-').reverse().join('/') : '…',
          })}
        </Text>
        {s.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('payments.fees.noItems')}
          </Text>
        ) : (
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {s.items.map((item) => (
              <li key={item.code}>
                <Text size="sm">
                  <strong>{t(`payments.kinds.${item.kind}`)}</strong> {item.name} ({item.code}):{' '}
                  {ruleText(item.rule, i18n.language, t)}
                </Text>
                {item.basis && (
                  <Text size="xs" c="dimmed">
                    {t('payments.basis', { basis: item.basis })}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
        )}
        <Text size="xs">
          {t('payments.fees.legalBasis')}: {s.legalBasis.map((b) => b.number).join('; ')}
        </Text>
        <Text size="xs">
          {t('payments.fees.beneficiary')}:{' '}
          {s.beneficiary
            ? `${s.beneficiary.accountNo} · ${s.beneficiary.bankCode} · ${s.beneficiary.accountName}`
            : '—'}
          {' · '}
          {t('payments.fees.treasury')}:{' '}
          {s.treasury ? `${s.treasury.accountNo} · ${s.treasury.name}` : '—'}
          {' · '}
          {t('payments.fees.series')}: {s.receiptSeries ?? '—'}
        </Text>
      </Stack>
    </Card>
  );
}

interface ItemForm {
  kind: 'phi' | 'le-phi';
  code: string;
  name: string;
  type: 'fixed' | 'per_copy';
  amount: number | string;
  basis: string;
}

interface ScheduleForm {
  agency: string;
  effectiveFrom: string;
  basisNumber: string;
  basisName: string;
  items: ItemForm[];
  accountNo: string;
  bankCode: string;
  accountName: string;
  treasuryNo: string;
  treasuryName: string;
  receiptSeries: string;
}

const emptyItem = (n: number): ItemForm => ({
  kind: 'le-phi',
  code: `LP${String(n).padStart(2, '0')}`,
  name: '',
  type: 'fixed',
  amount: '',
  basis: '',
});

const emptyForm = (): ScheduleForm => ({
  agency: '',
  effectiveFrom: '',
  basisNumber: '',
  basisName: '',
  items: [emptyItem(1)],
  accountNo: '',
  bankCode: '',
  accountName: '',
  treasuryNo: '',
  treasuryName: '',
  receiptSeries: '',
});

/** A stored version as the starting point of the next (amounts, accounts and series kept). */
function formFrom(s: FeeSchedule): ScheduleForm {
  return {
    ...emptyForm(),
    agency: s.agency ?? '',
    basisNumber: s.legalBasis[0]?.number ?? '',
    basisName: s.legalBasis[0]?.name ?? '',
    items: s.items
      .filter((i) => i.rule.type === 'fixed' || i.rule.type === 'per_copy')
      .map((i) => ({
        kind: i.kind,
        code: i.code,
        name: i.name,
        type: i.rule.type === 'per_copy' ? 'per_copy' : 'fixed',
        amount: 'amount' in i.rule ? i.rule.amount : '',
        basis: i.basis,
      })),
    accountNo: s.beneficiary?.accountNo ?? '',
    bankCode: s.beneficiary?.bankCode ?? '',
    accountName: s.beneficiary?.accountName ?? '',
    treasuryNo: s.treasury?.accountNo ?? '',
    treasuryName: s.treasury?.name ?? '',
    receiptSeries: s.receiptSeries ?? '',
  };
}

function toBody(procedureCode: string, f: ScheduleForm): NewFeeScheduleInput {
  const blank = (...v: string[]) => v.every((x) => x.trim() === '');
  return {
    procedureCode,
    agency: f.agency.trim() || null,
    effectiveFrom: f.effectiveFrom,
    legalBasis: [{ number: f.basisNumber, name: f.basisName }],
    items: f.items.map((i) => ({
      kind: i.kind,
      code: i.code,
      name: i.name,
      basis: i.basis,
      rule:
        i.type === 'per_copy'
          ? { type: 'per_copy', amount: Number(i.amount === '' ? Number.NaN : i.amount) }
          : { type: 'fixed', amount: Number(i.amount === '' ? Number.NaN : i.amount) },
    })),
    beneficiary: blank(f.accountNo, f.bankCode, f.accountName)
      ? null
      : { accountNo: f.accountNo, bankCode: f.bankCode, accountName: f.accountName },
    treasury: blank(f.treasuryNo, f.treasuryName)
      ? null
      : { accountNo: f.treasuryNo, name: f.treasuryName },
    receiptSeries: f.receiptSeries.trim() || null,
  };
}

/** A new version of one procedure's schedule: items, amounts, basis, date, accounts, series. */
function NewScheduleForm({
  procedureCode,
  start,
  onDone,
}: {
  procedureCode: string;
  start: ScheduleForm;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<ScheduleForm>(start);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const errors = useFieldErrors();
  const create = useCreateFeeSchedule();
  const set = <K extends keyof ScheduleForm>(k: K, v: ScheduleForm[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const setItem = (n: number, patch: Partial<ItemForm>) =>
    set(
      'items',
      form.items.map((x, i) => (i === n ? { ...x, ...patch } : x)),
    );
  const err = (path: string) => errors.errorOf(path) ?? undefined;

  const submit = () => {
    const body = toBody(procedureCode, form);
    const checked = NewFeeSchedule.safeParse(body);
    if (!checked.success) {
      errors.show(
        checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
      return;
    }
    errors.clear();
    create.mutate(
      { body, key },
      {
        onSuccess: () => {
          setKey(crypto.randomUUID());
          onDone();
        },
        onError: (e) =>
          errors.show(errorsFromRequest(e, (c) => t(`errors.codes.${c}`), i18n.language)),
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="new-fee-schedule">
      <Stack gap="sm">
        <Title order={2} size="h4" id="new-fee-schedule">
          {t('payments.fees.newTitle', { code: procedureCode })}
        </Title>
        <Text size="sm">{t('payments.fees.newHint')}</Text>
        <ErrorSummary errors={errors.errors} attempt={errors.attempt} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id={fieldId('effectiveFrom')}
            type="date"
            label={t('payments.fees.effectiveFrom')}
            value={form.effectiveFrom}
            onChange={(e) => set('effectiveFrom', e.currentTarget.value)}
            error={err('effectiveFrom')}
            required
          />
          <TextInput
            id={fieldId('agency')}
            label={t('payments.fees.agency')}
            description={t('payments.fees.agencyHint')}
            value={form.agency}
            onChange={(e) => set('agency', e.currentTarget.value)}
            error={err('agency')}
          />
          <TextInput
            id={fieldId('legalBasis.0.number')}
            label={t('payments.fees.basisNumber')}
            placeholder="Thông tư số 85/2019/TT-BTC"
            value={form.basisNumber}
            onChange={(e) => set('basisNumber', e.currentTarget.value)}
            error={err('legalBasis.0.number')}
            required
          />
          <TextInput
            id={fieldId('legalBasis.0.name')}
            label={t('payments.fees.basisName')}
            value={form.basisName}
            onChange={(e) => set('basisName', e.currentTarget.value)}
            error={err('legalBasis.0.name')}
          />
        </SimpleGrid>

        <Text fw={600} size="sm">
          {t('payments.fees.items')}
        </Text>
        {form.items.map((item, n) => (
          <Card key={n} withBorder padding="xs" data-testid={`fee-item-${n}`}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('payments.fees.kind')}
                data={(['phi', 'le-phi'] as const).map((k) => ({
                  value: k,
                  label: t(`payments.kinds.${k}`),
                }))}
                value={item.kind}
                onChange={(v) => setItem(n, { kind: v === 'phi' ? 'phi' : 'le-phi' })}
                allowDeselect={false}
              />
              <TextInput
                id={fieldId(`items.${n}.code`)}
                label={t('payments.fees.code')}
                value={item.code}
                onChange={(e) => setItem(n, { code: e.currentTarget.value })}
                error={err(`items.${n}.code`)}
                required
              />
              <TextInput
                id={fieldId(`items.${n}.name`)}
                label={t('payments.fees.itemName')}
                value={item.name}
                onChange={(e) => setItem(n, { name: e.currentTarget.value })}
                error={err(`items.${n}.name`)}
                required
              />
              <Select
                label={t('payments.fees.ruleType')}
                data={(['fixed', 'per_copy'] as const).map((k) => ({
                  value: k,
                  label: t(`payments.fees.ruleTypes.${k}`),
                }))}
                value={item.type}
                onChange={(v) => setItem(n, { type: v === 'per_copy' ? 'per_copy' : 'fixed' })}
                allowDeselect={false}
              />
              <NumberInput
                id={fieldId(`items.${n}.rule.amount`)}
                label={t('payments.fees.amount')}
                value={item.amount}
                onChange={(v) => setItem(n, { amount: v })}
                error={err(`items.${n}.rule.amount`)}
                min={0}
                allowDecimal={false}
                thousandSeparator="."
                decimalSeparator=","
                required
              />
              <TextInput
                id={fieldId(`items.${n}.basis`)}
                label={t('payments.fees.itemBasis')}
                value={item.basis}
                onChange={(e) => setItem(n, { basis: e.currentTarget.value })}
                error={err(`items.${n}.basis`)}
              />
            </SimpleGrid>
            {form.items.length > 1 && (
              <Group mt="xs">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    set(
                      'items',
                      form.items.filter((_, i) => i !== n),
                    )
                  }
                >
                  {t('payments.fees.removeItem')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => set('items', [...form.items, emptyItem(form.items.length + 1)])}
          >
            {t('payments.fees.addItem')}
          </Button>
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            id={fieldId('beneficiary.accountNo')}
            label={t('payments.fees.accountNo')}
            value={form.accountNo}
            onChange={(e) => set('accountNo', e.currentTarget.value)}
            error={err('beneficiary.accountNo')}
          />
          <TextInput
            id={fieldId('beneficiary.bankCode')}
            label={t('payments.fees.bankCode')}
            value={form.bankCode}
            onChange={(e) => set('bankCode', e.currentTarget.value)}
            error={err('beneficiary.bankCode')}
          />
          <TextInput
            id={fieldId('beneficiary.accountName')}
            label={t('payments.fees.accountName')}
            value={form.accountName}
            onChange={(e) => set('accountName', e.currentTarget.value)}
            error={err('beneficiary.accountName')}
          />
          <TextInput
            id={fieldId('treasury.accountNo')}
            label={t('payments.fees.treasuryNo')}
            value={form.treasuryNo}
            onChange={(e) => set('treasuryNo', e.currentTarget.value)}
            error={err('treasury.accountNo')}
          />
          <TextInput
            id={fieldId('treasury.name')}
            label={t('payments.fees.treasuryName')}
            value={form.treasuryName}
            onChange={(e) => set('treasuryName', e.currentTarget.value)}
            error={err('treasury.name')}
          />
          <TextInput
            id={fieldId('receiptSeries')}
            label={t('payments.fees.series')}
            value={form.receiptSeries}
            onChange={(e) => set('receiptSeries', e.currentTarget.value)}
            error={err('receiptSeries')}
          />
        </SimpleGrid>
        <Group>
          <Button onClick={submit} loading={create.isPending}>
            {t('payments.fees.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SchedulesTab({ initialCode }: { initialCode: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(initialCode);
  const [code, setCode] = useState(initialCode);
  const [editing, setEditing] = useState<ScheduleForm | null>(null);
  const [saved, setSaved] = useState(false);
  const schedules = useFeeSchedules(code);
  const items = schedules.data?.items ?? [];
  const latest = items.reduce<FeeSchedule | null>(
    (a, s) => (a === null || s.version > a.version ? s : a),
    null,
  );
  return (
    <Stack gap="md">
      <Group
        align="flex-end"
        wrap="wrap"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          setCode(typed.trim());
          setEditing(null);
          setSaved(false);
        }}
      >
        <TextInput
          label={t('payments.fees.procedureCode')}
          placeholder="1.001612"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          w={{ base: '100%', xs: 220 }}
        />
        <Button type="submit" disabled={typed.trim() === ''}>
          {t('payments.fees.show')}
        </Button>
      </Group>
      {code !== '' &&
        (schedules.isPending ? (
          <LoadingState />
        ) : schedules.isError ? (
          <ErrorAlert error={schedules.error} />
        ) : (
          <Stack gap="sm">
            {saved && (
              <Alert color="green" role="status">
                {t('payments.fees.saved')}
              </Alert>
            )}
            {items.length === 0 ? (
              <Text size="sm">{t('payments.fees.none')}</Text>
            ) : (
              <Stack
                component="ul"
                gap="sm"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label={t('payments.fees.listLabel', { code })}
              >
                {[...items]
                  .sort((a, b) => b.version - a.version)
                  .map((s) => (
                    <ScheduleCard key={s.id} s={s} />
                  ))}
              </Stack>
            )}
            {editing === null ? (
              <Group>
                <Button
                  variant="light"
                  onClick={() => {
                    setSaved(false);
                    setEditing(latest ? formFrom(latest) : emptyForm());
                  }}
                >
                  {t('payments.fees.addVersion')}
                </Button>
              </Group>
            ) : (
              <NewScheduleForm
                procedureCode={code}
                start={editing}
                onDone={() => {
                  setEditing(null);
                  setSaved(true);
                }}
              />
            )}
          </Stack>
        ))}
    </Stack>
  );
}

function ReviewTab({ onPick }: { onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const review = useFeeReview(page);
  if (review.isPending) return <LoadingState />;
  if (review.isError) return <ErrorAlert error={review.error} />;
  const r = review.data;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('payments.fees.reviewCounts', {
          withSchedule: r.counts.withSchedule,
          curated: r.counts.curated,
          missing: r.counts.missing,
        })}
      </Text>
      <ResponsiveTable
        label={t('payments.fees.reviewLabel')}
        rows={r.items}
        rowKey={(x) => x.procedureCode}
        minWidth={720}
        columns={[
          {
            key: 'code',
            header: t('payments.fees.procedureCode'),
            cell: (x) => x.procedureCode,
            primary: true,
          },
          { key: 'name', header: t('payments.fees.procedureName'), cell: (x) => x.name },
          { key: 'reason', header: t('payments.fees.reason'), cell: (x) => x.reason },
          {
            key: 'raw',
            header: t('payments.fees.raw'),
            cell: (x) => (
              <Text size="xs" lineClamp={3}>
                {x.raw || '—'}
              </Text>
            ),
          },
          {
            key: 'act',
            header: '',
            cardLabel: false,
            cell: (x) => (
              <Button
                size="xs"
                variant="light"
                onClick={() => onPick(x.procedureCode)}
                aria-label={t('payments.fees.enterFor', { code: x.procedureCode })}
              >
                {t('payments.fees.enter')}
              </Button>
            ),
          },
        ]}
      />
      {r.total > r.pageSize && (
        <Pagination
          total={Math.ceil(r.total / r.pageSize)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({
            'aria-label': t(
              control === 'next' ? 'payments.fees.nextPage' : 'payments.fees.previousPage',
            ),
          })}
          aria-label={t('payments.fees.reviewPages')}
          siblings={1}
          boundaries={1}
        />
      )}
    </Stack>
  );
}

/** Quản trị › Phí, lệ phí: schedules per procedure, the review list, new versions. */
export function FeesAdmin() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('schedules');
  const [code, setCode] = useState('');
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="schedules">{t('payments.fees.tabSchedules')}</Tabs.Tab>
        <Tabs.Tab value="review">{t('payments.fees.tabReview')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="schedules" pt="md">
        <SchedulesTab key={code} initialCode={code} />
      </Tabs.Panel>
      <Tabs.Panel value="review" pt="md">
        <ReviewTab
          onPick={(c) => {
            setCode(c);
            setTab('schedules');
          }}
        />
      </Tabs.Panel>
    </Tabs>
  );
}
