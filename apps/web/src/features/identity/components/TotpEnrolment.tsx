import { Alert, Button, Image, Modal, Stack, Text, TextInput } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTotpConfirm, useTotpSetup } from '../api';

/**
 * Enrol an authenticator app (TOTP) for the officer's own account: opened from the user menu,
 * mounted only while open (it asks the server for a new secret when it appears), and loaded on
 * demand with its QR code library.
 */
export function TotpEnrolmentDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  const uri = setup.data?.otpauthUri;
  useEffect(() => {
    if (!uri) return;
    let live = true;
    void QRCode.toDataURL(uri, { margin: 1, width: 200 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [uri]);
  const { mutate: start } = setup;
  useEffect(() => start(), [start]);
  return (
    <>
      <Modal opened onClose={onClose} title={t('accountsAdmin.totpTitle')}>
        <Stack gap="sm">
          {setup.error && <Alert color="red">{setup.error.message}</Alert>}
          {confirm.isSuccess ? (
            <Alert color="green" role="status">
              {t('accountsAdmin.totpEnabled')}
            </Alert>
          ) : (
            setup.data && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  confirm.mutate({ secret: setup.data.secret, code });
                }}
              >
                <Stack gap="sm">
                  <Text size="sm">{t('accountsAdmin.totpIntro')}</Text>
                  {qr && <Image src={qr} alt="QR" w={200} h={200} />}
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {t('accountsAdmin.totpSecret', { secret: setup.data.secret })}
                  </Text>
                  <TextInput
                    label={t('accountsAdmin.totpCode')}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value.trim())}
                    required
                  />
                  {confirm.error && (
                    <Alert color="red" role="alert">
                      {confirm.error.message}
                    </Alert>
                  )}
                  <Button type="submit" loading={confirm.isPending}>
                    {t('accountsAdmin.totpConfirm')}
                  </Button>
                </Stack>
              </form>
            )
          )}
        </Stack>
      </Modal>
    </>
  );
}
