import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { MoneyInput } from '../../../lib/ui/MoneyInput';
import { ResponsiveTable } from '../../../lib/ui/ResponsiveTable';
import {
  receiptUrl,
  useCounterPayment,
  useDossierPayments,
  useReceiptAction,
  type PaymentStatusName,
  type PaymentView,
} from '../api';
import { formatVnDateTime, formatVnd, receiptLabel } from '../format';
import { FeeItems } from './FeeItems';

// Filled, in shades whose white text reaches 4.5:1 (WCAG 2.2 AA): Mantine's light badges and
// its yellow/orange fills do not.
const STATUS_COLOR: Record<PaymentStatusName, string> = {
  initiated: 'gray.7',
  pending: 'cyan.9',
  paid: 'teal.9',
  failed: 'red.9',
  abandoned: 'gray.7',
  refunded: 'violet.9',
};
const COUNTER_METHODS = ['cash', 'card', 'qr'] as const;

/** Cancel or reissue one receipt: the reason is required and kept (a receipt is never deleted). */
function ReceiptActions({ code, payment }: { code: string; payment: PaymentView }) {
  const { t } = useTranslation();
  const act = useReceiptAction(code);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const receipt = payment.receipt;
  if (!receipt || receipt.status !== 'issued') return null;
  if (!open) {
    return (
      <Button size="xs" variant="subtle" onClick={() => setOpen(true)}>
        {t('payments.officer.receiptActions')}
      </Button>
    );
  }
  const send = (action: 'cancel' | 'reissue') =>
    act.mutate(
      { id: receipt.id, action, reason: reason.trim() },
      { onSuccess: () => setOpen(false) },
    );
  return (
    <Stack gap={4}>
      <TextInput
        size="xs"
        label={t('payments.officer.receiptReason', { number: receiptLabel(receipt) })}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group gap={4} wrap="wrap">
        <Button
          size="xs"
          color="red"
          variant="light"
          disabled={reason.trim().length < 5}
          loading={act.isPending && act.variables.action === 'cancel'}
          onClick={() => send('cancel')}
        >
          {t('payments.officer.cancelReceipt')}
        </Button>
        <Button
          size="xs"
          variant="light"
          disabled={reason.trim().length < 5}
          loading={act.isPending && act.variables.action === 'reissue'}
          onClick={() => send('reissue')}
        >
          {t('payments.officer.reissueReceipt')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          {t('filing.back')}
        </Button>
      </Group>
      {act.isError && <ErrorAlert error={act.error} />}
    </Stack>
  );
}

/** Cash, card or QR transfer taken at the counter; the amount starts at what is due. */
function CounterPaymentForm({
  code,
  due,
  onRecorded,
}: {
  code: string;
  due: number | null;
  onRecorded: (payment: PaymentView) => void;
}) {
  const { t } = useTranslation();
  const pay = useCounterPayment(code);
  const [method, setMethod] = useState<(typeof COUNTER_METHODS)[number]>('cash');
  const [amount, setAmount] = useState<number | string>(due ?? '');
  // One key per click-session, as the citizen's button: a double click records one payment.
  const key = useRef<string | null>(null);
  useEffect(() => {
    if (due !== null) setAmount(due);
  }, [due]);
  const valid = typeof amount === 'number' && Number.isInteger(amount) && amount > 0;
  return (
    <Stack gap="xs" component="form" onSubmit={(e) => e.preventDefault()}>
      <Text size="sm" fw={600}>
        {t('payments.officer.counterTitle')}
      </Text>
      <SegmentedControl
        value={method}
        onChange={(v) => setMethod(v as typeof method)}
        data={COUNTER_METHODS.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }))}
        aria-label={t('payments.officer.method')}
        fullWidth
        maw={480}
      />
      <Group gap="xs" align="flex-end" wrap="wrap">
        <MoneyInput
          label={t('payments.officer.amount')}
          value={amount}
          onChange={setAmount}
          w={{ base: '100%', sm: 200 }}
        />
        <Button
          color="teal"
          disabled={!valid}
          loading={pay.isPending}
          onClick={() => {
            key.current ??= crypto.randomUUID();
            pay.mutate(
              { method, amount: Number(amount), key: key.current },
              {
                onSuccess: onRecorded,
                onSettled: () => {
                  key.current = null;
                },
              },
            );
          }}
        >
          {t('payments.officer.record')}
        </Button>
      </Group>
      {pay.isError && <ErrorAlert error={pay.error} />}
    </Stack>
  );
}

/**
 * The officer's "Phí, lệ phí" panel: what is due, every payment (online or at the counter) with
 * its receipt, the counter form while the dossier waits for payment, and receipt corrections.
 */
export function OfficerPayments({ code, canCollect }: { code: string; canCollect: boolean }) {
  const { t, i18n } = useTranslation();
  const payments = useDossierPayments(code);
  // Said by the panel: once paid, nothing is due and the counter form is gone.
  const [recorded, setRecorded] = useState<PaymentView | null>(null);
  if (payments.isPending) return null;
  if (payments.isError) return <ErrorAlert error={payments.error} />;
  const { due, items } = payments.data;
  if (!due && items.length === 0 && !canCollect) return null;
  return (
    <Card withBorder component="section" aria-labelledby="payments-heading" data-testid="payments">
      <Stack gap="sm">
        <Title order={2} size="h4" id="payments-heading">
          {t('payments.officer.title')}
        </Title>
        {due ? (
          <Stack gap={4}>
            <Text size="sm">
              {t('payments.officer.due')}: <strong>{formatVnd(due.amount, i18n.language)}</strong>
            </Text>
            <FeeItems items={due.items} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('payments.officer.nothingDue')}
          </Text>
        )}
        {items.length > 0 && (
          <ResponsiveTable
            label={t('payments.officer.listLabel')}
            rows={items}
            rowKey={(p) => p.reference}
            rowAttributes={(p) => ({ 'data-testid': `payment-${p.reference}` })}
            columns={[
              {
                key: 'method',
                header: t('payments.officer.method'),
                cell: (p) => t(`payments.methods.${p.method}`),
                primary: true,
              },
              {
                key: 'amount',
                header: t('payments.amount'),
                cell: (p) => formatVnd(p.amount, i18n.language),
              },
              {
                key: 'status',
                header: t('payments.officer.status'),
                cell: (p) => (
                  <Group gap={4} wrap="wrap">
                    <Badge color={STATUS_COLOR[p.status]}>{t(`payments.status.${p.status}`)}</Badge>
                    {p.paidTwice && <Badge color="red.9">{t('payments.officer.paidTwice')}</Badge>}
                  </Group>
                ),
              },
              {
                key: 'time',
                header: t('payments.officer.time'),
                cell: (p) => formatVnDateTime(p.paidAt ?? p.createdAt),
              },
              {
                key: 'receipt',
                header: t('payments.officer.receipt'),
                cell: (p) =>
                  p.receipt ? (
                    <Stack gap="xs" align="flex-start">
                      {/* Padded to a 24 px target (WCAG 2.2, 2.5.8) above the buttons. */}
                      <Anchor
                        href={p.receipt.url || receiptUrl(p.reference)}
                        target="_blank"
                        size="sm"
                        style={{ display: 'inline-block', paddingBlock: 4 }}
                      >
                        {receiptLabel(p.receipt)}
                      </Anchor>
                      {p.receipt.status === 'cancelled' && (
                        <Text size="xs" c="red">
                          {t('payments.officer.cancelled')}
                        </Text>
                      )}
                      <ReceiptActions code={code} payment={p} />
                    </Stack>
                  ) : (
                    '—'
                  ),
              },
            ]}
            minWidth={640}
          />
        )}
        {recorded && (
          <Alert color="green" role="status">
            {t('payments.officer.recorded', {
              number: recorded.receipt ? receiptLabel(recorded.receipt) : '—',
            })}
          </Alert>
        )}
        {canCollect && due && (
          <CounterPaymentForm code={code} due={due.amount} onRecorded={setRecorded} />
        )}
      </Stack>
    </Card>
  );
}
