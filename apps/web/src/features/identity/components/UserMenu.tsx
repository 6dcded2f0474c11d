import { Anchor, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout, useSession } from '../api';
import { TotpEnrolment } from './TotpEnrolment';

/** Header corner: the signed-in user's name and sign-out, or a sign-in link. */
export function UserMenu({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  if (session.isPending) return null;
  if (!session.data) {
    return (
      <Anchor component={Link} to={signInPath} size="sm">
        {t('identity.signIn')}
      </Anchor>
    );
  }
  return (
    // On a 360 px phone a long name is cut with an ellipsis instead of running under the logo.
    <Group gap="xs" wrap="nowrap" miw={0}>
      <Text size="sm" fw={600} truncate maw={{ base: 96, sm: 260 }} data-testid="signed-in-name">
        {session.data.account.displayName}
      </Text>
      {session.data.account.kind === 'officer' && session.data.method === 'password' && (
        <TotpEnrolment />
      )}
      <Button size="compact-sm" variant="subtle" onClick={() => logout.mutate()}>
        {t('identity.signOut')}
      </Button>
    </Group>
  );
}
