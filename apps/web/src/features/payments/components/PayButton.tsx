import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { useStartPayment } from '../api';

/**
 * "Thanh toán": disabled while the INIT is on its way (and while the browser leaves for the
 * platform's page), so a second tap cannot start a second payment.
 */
export function PayButton({ code, label }: { code: string; label?: string }) {
  const { t } = useTranslation();
  const start = useStartPayment(code);
  const leaving = start.isSuccess;
  return (
    <Stack gap="xs">
      {start.isError && <ErrorAlert error={start.error} title={t('payments.startFailed')} />}
      <Button
        loading={start.isPending || leaving}
        disabled={start.isPending || leaving}
        onClick={() => start.mutate()}
        fullWidth
        maw={360}
      >
        {label ?? t('payments.pay')}
      </Button>
    </Stack>
  );
}
