import { Alert, Button, Image, Modal, Stack, Text, TextInput } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTotpConfirm, useTotpSetup } from '../api';

/** User menu entry: enrol an authenticator app (TOTP) for the officer's own account. */
export function TotpEnrolment() {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [opened, setOpened] = useState(false);
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
  const open = () => {
    setOpened(true);
    setCode('');
    setQr(null);
    confirm.reset();
    setup.mutate();
  };
  return (
    <>
      <Button size="compact-sm" variant="subtle" onClick={open}>
        {t('accountsAdmin.totpButton')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('accountsAdmin.totpTitle')}>
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
