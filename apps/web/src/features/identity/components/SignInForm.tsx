import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { useLogin } from '../api';

/** Officers: username + password (+ TOTP when asked). Citizens: the VNeID button. */
export function SignInForm() {
  const { t } = useTranslation();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const needsTotp =
    isApiError(login.error) && login.error.issues.some((issue) => issue.path === 'totp');
  const ssoError = params.get('loi');

  return (
    <Stack maw={420} gap="md">
      {ssoError && (
        <Alert color="red" role="alert">
          {ssoError}
        </Alert>
      )}
      <Button
        component="a"
        href="/api/auth/vneid/start?returnTo=/"
        color="red"
        size="md"
        data-testid="vneid-sign-in"
      >
        {t('identity.vneidButton')}
      </Button>
      <Divider label={t('identity.officerDivider')} labelPosition="center" />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate(
            { username, password, ...(totp ? { totp } : {}) },
            { onSuccess: () => void navigate('/') },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('identity.username')}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            required
          />
          <PasswordInput
            label={t('identity.password')}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          {needsTotp && (
            <TextInput
              label={t('identity.totp')}
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={totp}
              onChange={(e) => setTotp(e.currentTarget.value)}
            />
          )}
          {login.error && !needsTotp && (
            <Alert color="red" role="alert">
              {login.error.message}
            </Alert>
          )}
          <Button type="submit" loading={login.isPending}>
            {t('identity.signIn')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
