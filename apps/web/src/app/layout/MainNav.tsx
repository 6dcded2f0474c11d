import { NavLink, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { useAccess } from '../../features/identity/access';
import { paths } from '../paths';
import { ACCOUNT_SECTIONS, ADMIN_SECTIONS, OFFICER_SECTIONS, allowedSections } from './sections';

interface NavItemProps {
  to: string;
  label: string;
  onNavigate: () => void;
}

function NavItem({ to, label, onNavigate }: NavItemProps) {
  const match = useMatch({ path: to, end: true });
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={match !== null}
      aria-current={match !== null ? 'page' : undefined}
      onClick={onNavigate}
    />
  );
}

function NavGroup({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <Text id={id} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="sm" pb={4}>
        {title}
      </Text>
      {children}
    </div>
  );
}

/**
 * Navigation for the three areas: public portal, back office, administration. Only what the
 * signed-in account may use is listed (a link that answers "Bạn không có quyền…" is a dead end).
 */
export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  const account = allowedSections(ACCOUNT_SECTIONS, access);
  const officer = allowedSections(OFFICER_SECTIONS, access);
  const admin = allowedSections(ADMIN_SECTIONS, access);
  return (
    <Stack gap="xs">
      <NavGroup title={t('nav.portal')}>
        <NavItem to={paths.home} label={t('nav.home')} onNavigate={onNavigate} />
        <NavItem to={paths.procedures} label={t('nav.procedures')} onNavigate={onNavigate} />
        <NavItem to={paths.tracking} label={t('nav.tracking')} onNavigate={onNavigate} />
        {account.map((s) => (
          <NavItem key={s.to} to={s.to} label={t(s.label)} onNavigate={onNavigate} />
        ))}
        <NavItem to={paths.listing} label={t('nav.listing')} onNavigate={onNavigate} />
        <NavItem to={paths.communes} label={t('nav.communes')} onNavigate={onNavigate} />
      </NavGroup>
      {officer.length > 0 && (
        <NavGroup title={t('nav.officer')}>
          {officer.map((s) => (
            <NavItem key={s.to} to={s.to} label={t(s.label)} onNavigate={onNavigate} />
          ))}
        </NavGroup>
      )}
      {admin.length > 0 && (
        <NavGroup title={t('nav.admin')}>
          <NavItem to={paths.admin} label={t('nav.adminOverview')} onNavigate={onNavigate} />
          {admin.map((s) => (
            <NavItem key={s.to} to={s.to} label={t(s.label)} onNavigate={onNavigate} />
          ))}
        </NavGroup>
      )}
    </Stack>
  );
}
