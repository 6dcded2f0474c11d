import { DEFAULT_PAYMENT_RULE, type PaymentRule } from '@motcua/contracts';
import { Card, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const DUE = ['none', 'on_filing', 'at_step'] as const;
const CLOCK = ['pause', 'run'] as const;

/**
 * When the procedure's fees are asked for and what the legal clock does meanwhile (issue 17).
 * The amounts are the fee schedule's (Quản trị › Phí, lệ phí); this is only the rule.
 */
export function PaymentRuleFields({
  value,
  onChange,
}: {
  value: PaymentRule | undefined;
  onChange: (value: PaymentRule) => void;
}) {
  const { t } = useTranslation();
  const rule = value ?? DEFAULT_PAYMENT_RULE;
  const set = <K extends keyof PaymentRule>(key: K, v: PaymentRule[K]) =>
    onChange({ ...rule, [key]: v });
  return (
    <Card withBorder component="section" aria-labelledby="payment-rule-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="payment-rule-title">
          {t('catalogAdmin.payment.title')}
        </Title>
        <Text size="sm" fw={500} id="payment-rule-due">
          {t('catalogAdmin.payment.due')}
        </Text>
        <SegmentedControl
          aria-labelledby="payment-rule-due"
          orientation="vertical"
          fullWidth
          maw={520}
          value={rule.due}
          onChange={(v) => set('due', DUE.find((d) => d === v) ?? 'none')}
          data={DUE.map((d) => ({ value: d, label: t(`catalogAdmin.payment.dueOptions.${d}`) }))}
        />
        {rule.due === 'at_step' && (
          <Text size="xs" c="dimmed">
            {t('catalogAdmin.payment.atStepHint')}
          </Text>
        )}
        <Text size="sm" fw={500} id="payment-rule-clock">
          {t('catalogAdmin.payment.clock')}
        </Text>
        <SegmentedControl
          aria-labelledby="payment-rule-clock"
          fullWidth
          maw={520}
          value={rule.clock}
          onChange={(v) => set('clock', v === 'run' ? 'run' : 'pause')}
          data={CLOCK.map((c) => ({
            value: c,
            label: t(`catalogAdmin.payment.clockOptions.${c}`),
          }))}
        />
        <Switch
          label={t('catalogAdmin.payment.filingDate')}
          description={t('catalogAdmin.payment.filingDateHint')}
          checked={rule.filingDateFromPayment}
          onChange={(e) => set('filingDateFromPayment', e.currentTarget.checked)}
        />
      </Stack>
    </Card>
  );
}
