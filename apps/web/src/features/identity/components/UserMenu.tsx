import { Avatar, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout, useSession } from '../api';
import classes from './UserMenu.module.css';

// Only officers enrol a second factor, and rarely: its dialog and QR code library load on demand.
const TotpEnrolmentDialog = lazy(async () => ({
  default: (await import('./TotpEnrolment')).TotpEnrolmentDialog,
}));

/** Two letters for the avatar: the first of the family name and of the given name. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!.charAt(0);
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}

/**
 * Header corner: a sign-in button, or the signed-in account as one compact button (avatar, and
 * the name cut with an ellipsis on a phone) opening a menu with the account's actions.
 */
export function UserMenu({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const [totpOpen, setTotpOpen] = useState(false);
  if (session.isPending) return null;
  if (!session.data) {
    return (
      <Button component={Link} to={signInPath} size="compact-sm" variant="light">
        {t('identity.signIn')}
      </Button>
    );
  }
  const { account, method, roles } = session.data;
  const roleNames = [...new Set(roles.map((r) => t(`identity.role.${r.role}`)))].join(', ');
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={260}>
        <Menu.Target>
          {/* Named by its visible text (the user's name; WCAG 2.5.3), the avatar is decoration. */}
          <UnstyledButton className={classes.target}>
            <Group gap={6} wrap="nowrap" miw={0}>
              <Avatar size={28} radius="xl" color="blue" aria-hidden="true">
                {initials(account.displayName)}
              </Avatar>
              <Text
                size="sm"
                fw={600}
                truncate
                maw={{ base: 110, sm: 240 }}
                data-testid="signed-in-name"
              >
                {account.displayName}
              </Text>
              <span aria-hidden="true" className={classes.chevron}>
                ▾
              </span>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)">
              {account.displayName}
            </Text>
            {roleNames !== '' && <Text size="xs">{roleNames}</Text>}
          </Menu.Label>
          {account.kind === 'officer' && method === 'password' && (
            <Menu.Item onClick={() => setTotpOpen(true)}>{t('accountsAdmin.totpButton')}</Menu.Item>
          )}
          <Menu.Item onClick={() => logout.mutate()}>{t('identity.signOut')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {totpOpen && (
        <Suspense fallback={null}>
          <TotpEnrolmentDialog onClose={() => setTotpOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
