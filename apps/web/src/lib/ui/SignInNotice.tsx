import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * In place of what a signed-out visitor may not use: which account is needed, and the way to
 * the sign-in page. The caller passes the path so lib/ stays free of the app's routes.
 */
export function SignInNotice({ signInPath, message }: { signInPath: string; message: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" role="status">
      <Stack gap="xs" align="start">
        <Text size="sm">{message}</Text>
        <Anchor component={Link} to={signInPath} size="sm">
          {t('common.signIn')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
