import type { PaymentMismatch, SettlementRow } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { ResponsiveTable } from '../../../lib/ui/ResponsiveTable';
import { useAgencies } from '../../organisation/api';
import {
  settlementUrl,
  usePaymentMismatches,
  useRefunds,
  useResolveMismatch,
  useRunPaymentReconciliation,
  useSettlement,
  type SettlementFilter,
} from '../admin-api';
import { formatVnDateTime, formatVnd } from '../format';

/** Today in Vietnam (UTC+7), YYYY-MM-DD. */
const vietnamDay = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const dmy = (d: string) => d.split('-').reverse().join('/');

function ResolveForm({ m }: { m: PaymentMismatch }) {
  const { t } = useTranslation();
  const resolve = useResolveMismatch();
  const [reason, setReason] = useState('');
  const label = m.reference ?? m.dossierCode ?? m.id.slice(0, 8);
  return (
    <Stack gap={4}>
      <TextInput
        size="xs"
        label={t('payments.admin.reasonFor', { reference: label })}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={reason.trim().length < 5}
          loading={resolve.isPending}
          onClick={() => resolve.mutate({ id: m.id, reason: reason.trim() })}
        >
          {t('payments.admin.resolve')}
        </Button>
      </Group>
      {resolve.isError && <ErrorAlert error={resolve.error} />}
    </Stack>
  );
}

function ReconcileTab() {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(vietnamDay(-1));
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const run = useRunPaymentReconciliation();
  const mismatches = usePaymentMismatches(status);
  const r = run.data;
  const found = r ? Object.values(r.found).reduce((a, b) => a + (b ?? 0), 0) : 0;
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('payments.admin.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        <Button onClick={() => run.mutate(date)} loading={run.isPending} disabled={date === ''}>
          {t('payments.admin.run')}
        </Button>
      </Group>
      {run.isError && <ErrorAlert error={run.error} />}
      {r && (
        <Alert color={found > 0 ? 'red' : 'teal'} role="status" data-testid="recon-result">
          <Text size="sm">
            {t('payments.admin.runResult', {
              date: dmy(r.date),
              payments: r.counts.payments,
              lines: r.counts.platformLines,
              receipts: r.counts.receipts,
              refunds: r.counts.refunds,
              found,
              closed: r.closed,
            })}
          </Text>
          {r.platformError && (
            <Text size="sm" c="red.9">
              {t('payments.admin.platformError', { error: r.platformError })}
            </Text>
          )}
        </Alert>
      )}
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v === 'resolved' ? 'resolved' : 'open')}
        data={[
          { value: 'open', label: t('payments.admin.showOpen') },
          { value: 'resolved', label: t('payments.admin.showResolved') },
        ]}
        maw={360}
      />
      {mismatches.isPending ? (
        <LoadingState />
      ) : mismatches.isError ? (
        <ErrorAlert error={mismatches.error} onRetry={() => void mismatches.refetch()} />
      ) : mismatches.data.items.length === 0 ? (
        <Text size="sm">{t('payments.admin.noMismatch')}</Text>
      ) : (
        <ResponsiveTable
          label={t('payments.admin.mismatchLabel')}
          rows={mismatches.data.items}
          rowKey={(m) => m.id}
          rowAttributes={(m) => ({ 'data-kind': m.kind })}
          minWidth={860}
          columns={[
            {
              key: 'kind',
              header: t('payments.admin.kind'),
              cell: (m) => (i18n.language === 'vi' ? m.label : m.kind),
              primary: true,
            },
            { key: 'ref', header: t('payments.admin.reference'), cell: (m) => m.reference ?? '—' },
            {
              key: 'dossier',
              header: t('payments.admin.dossier'),
              cell: (m) => m.dossierCode ?? '—',
            },
            { key: 'detail', header: t('payments.admin.detail'), cell: (m) => m.detail },
            {
              key: 'found',
              header: t('payments.admin.foundAt'),
              cell: (m) => `${dmy(m.date)} · ${formatVnDateTime(m.foundAt)}`,
            },
            {
              key: 'act',
              header: status === 'open' ? '' : t('payments.admin.resolution'),
              cardLabel: status !== 'open',
              cell: (m) =>
                m.status === 'open' ? (
                  <ResolveForm m={m} />
                ) : (
                  <Text size="sm">
                    {m.resolution} ({m.resolvedBy ?? '—'}, {formatVnDateTime(m.resolvedAt)})
                  </Text>
                ),
            },
          ]}
        />
      )}
    </Stack>
  );
}

function SettlementTab() {
  const { t, i18n } = useTranslation();
  const agencies = useAgencies({});
  const [filter, setFilter] = useState<SettlementFilter>({
    from: `${vietnamDay().slice(0, 8)}01`,
    to: vietnamDay(),
    agencyId: null,
  });
  const [shown, setShown] = useState<SettlementFilter | null>(null);
  const report = useSettlement(shown);
  const backwards = filter.from !== '' && filter.to !== '' && filter.from > filter.to;
  const vnd = (n: number) => formatVnd(n, i18n.language);
  const moneyColumns = [
    { key: 'count', header: t('payments.admin.count'), cell: (r: Row) => r.payments },
    {
      key: 'phi',
      header: t('payments.admin.collectedPhi'),
      cell: (r: Row) => vnd(r.collected.phi),
    },
    {
      key: 'lephi',
      header: t('payments.admin.collectedLePhi'),
      cell: (r: Row) => vnd(r.collected.lePhi),
    },
    {
      key: 'refunded',
      header: t('payments.admin.refunded'),
      cell: (r: Row) => vnd(r.refunded.total),
    },
    {
      key: 'pending',
      header: t('payments.admin.refundsPending'),
      cell: (r: Row) => vnd(r.refundsPending),
    },
    { key: 'remit', header: t('payments.admin.toRemit'), cell: (r: Row) => vnd(r.toRemit.total) },
  ];
  type Row = Pick<
    SettlementRow,
    'payments' | 'collected' | 'refunded' | 'refundsPending' | 'toRemit'
  > &
    Partial<Pick<SettlementRow, 'agencyName' | 'account' | 'treasury'>> & { key: string };
  const rows: Row[] = report.data
    ? [
        ...report.data.rows.map((r, i) => ({
          ...r,
          key: `${r.agencyId ?? ''}-${r.account ?? ''}-${i}`,
        })),
        { ...report.data.totals, agencyName: t('payments.admin.totals'), key: 'totals' },
      ]
    : [];
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          type="date"
          label={t('payments.admin.from')}
          value={filter.from}
          onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value })}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          type="date"
          label={t('payments.admin.to')}
          value={filter.to}
          onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value })}
          error={backwards ? t('payments.admin.fromAfterTo') : undefined}
          w={{ base: '100%', xs: 170 }}
        />
        <Select
          label={t('payments.admin.unit')}
          placeholder={t('payments.admin.allUnits')}
          data={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={filter.agencyId}
          onChange={(agencyId) => setFilter({ ...filter, agencyId })}
          searchable
          clearable
          w={{ base: '100%', sm: 340 }}
        />
        <Button
          onClick={() => setShown({ ...filter })}
          disabled={backwards || !filter.from || !filter.to}
          loading={report.isFetching}
        >
          {t('payments.admin.show')}
        </Button>
      </Group>
      {shown && (
        <Group gap="md">
          <Anchor href={settlementUrl(shown, 'xlsx')} download>
            {t('payments.admin.xlsx')}
          </Anchor>
          <Anchor href={settlementUrl(shown, 'pdf')} download>
            {t('payments.admin.pdf')}
          </Anchor>
        </Group>
      )}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.data && report.data.rows.length === 0 && (
        <Text size="sm">{t('payments.admin.noRows')}</Text>
      )}
      {report.data && report.data.rows.length > 0 && (
        <ResponsiveTable
          label={t('payments.admin.settlementLabel')}
          rows={rows}
          rowKey={(r) => r.key}
          minWidth={960}
          columns={[
            {
              key: 'agency',
              header: t('payments.admin.unit'),
              cell: (r) => r.agencyName ?? '—',
              primary: true,
            },
            { key: 'account', header: t('payments.admin.account'), cell: (r) => r.account ?? '—' },
            {
              key: 'treasury',
              header: t('payments.admin.treasury'),
              cell: (r) => r.treasury ?? '—',
            },
            ...moneyColumns,
          ]}
        />
      )}
      {report.data?.notes.map((n) => (
        <Text key={n} size="xs" c="dimmed">
          {n}
        </Text>
      ))}
    </Stack>
  );
}

function RefundsTab() {
  const { t, i18n } = useTranslation();
  const refunds = useRefunds(true);
  if (refunds.isPending) return <LoadingState />;
  if (refunds.isError) return <ErrorAlert error={refunds.error} />;
  if (refunds.data.items.length === 0)
    return <Text size="sm">{t('payments.admin.noRefunds')}</Text>;
  return (
    <ResponsiveTable
      label={t('payments.admin.refundsLabel')}
      rows={refunds.data.items}
      rowKey={(r) => r.id}
      minWidth={860}
      columns={[
        {
          key: 'dossier',
          header: t('payments.admin.dossier'),
          cell: (r) => r.dossierCode,
          primary: true,
        },
        { key: 'ref', header: t('payments.admin.reference'), cell: (r) => r.reference },
        {
          key: 'amount',
          header: t('payments.admin.amount'),
          cell: (r) => formatVnd(r.amount, i18n.language),
        },
        { key: 'reason', header: t('payments.admin.reason'), cell: (r) => r.reason },
        { key: 'rule', header: t('payments.admin.rule'), cell: (r) => r.rule },
        {
          key: 'at',
          header: t('payments.admin.requestedAt'),
          cell: (r) => formatVnDateTime(r.requestedAt),
        },
        {
          key: 'status',
          header: t('payments.admin.status'),
          cell: (r) => (
            <Badge color={r.status === 'done' ? 'teal.9' : 'cyan.9'}>
              {t(`payments.admin.refundStatus.${r.status}`)}
            </Badge>
          ),
        },
      ]}
    />
  );
}

/**
 * Quản trị › Thanh toán. Reconciliation and refunds are the province's (the API's guard); the
 * settlement report is also an agency administrator's, for their agencies.
 */
export function PaymentsAdmin({ province }: { province: boolean }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>(province ? 'reconcile' : 'settlement');
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List>
        {province && <Tabs.Tab value="reconcile">{t('payments.admin.tabReconcile')}</Tabs.Tab>}
        <Tabs.Tab value="settlement">{t('payments.admin.tabSettlement')}</Tabs.Tab>
        {province && <Tabs.Tab value="refunds">{t('payments.admin.tabRefunds')}</Tabs.Tab>}
      </Tabs.List>
      {province && (
        <Tabs.Panel value="reconcile" pt="md">
          <ReconcileTab />
        </Tabs.Panel>
      )}
      <Tabs.Panel value="settlement" pt="md">
        <SettlementTab />
      </Tabs.Panel>
      {province && (
        <Tabs.Panel value="refunds" pt="md">
          <RefundsTab />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}
