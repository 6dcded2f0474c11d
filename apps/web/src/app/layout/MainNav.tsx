import { NavLink, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { paths } from '../paths';

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

/** Navigation for the three areas: public portal, back office, administration. */
export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <NavGroup title={t('nav.portal')}>
        <NavItem to={paths.home} label={t('nav.home')} onNavigate={onNavigate} />
        <NavItem to={paths.procedures} label={t('nav.procedures')} onNavigate={onNavigate} />
        <NavItem to={paths.tracking} label={t('nav.tracking')} onNavigate={onNavigate} />
        <NavItem to={paths.myDossiers} label={t('myDossiers.title')} onNavigate={onNavigate} />
        <NavItem to={paths.listing} label={t('nav.listing')} onNavigate={onNavigate} />
        <NavItem to={paths.communes} label={t('nav.communes')} onNavigate={onNavigate} />
      </NavGroup>
      <NavGroup title={t('nav.officer')}>
        <NavItem to={paths.officer} label={t('nav.officerWorkspace')} onNavigate={onNavigate} />
      </NavGroup>
      <NavGroup title={t('nav.admin')}>
        <NavItem to={paths.admin} label={t('nav.adminOverview')} onNavigate={onNavigate} />
        <NavItem to={paths.agencies} label={t('nav.agencies')} onNavigate={onNavigate} />
        <NavItem
          to={paths.proceduresAdmin}
          label={t('nav.proceduresAdmin')}
          onNavigate={onNavigate}
        />
        <NavItem to={paths.review} label={t('nav.review')} onNavigate={onNavigate} />
        <NavItem to={paths.calendar} label={t('nav.calendar')} onNavigate={onNavigate} />
        <NavItem to={paths.processes} label={t('nav.processes')} onNavigate={onNavigate} />
        <NavItem to={paths.accounts} label={t('identity.accountsTitle')} onNavigate={onNavigate} />
        <NavItem
          to={paths.permissionAudit}
          label={t('nav.permissionAudit')}
          onNavigate={onNavigate}
        />
        <NavItem to={paths.securityLog} label={t('nav.securityLog')} onNavigate={onNavigate} />
        <NavItem to={paths.sync} label={t('nav.sync')} onNavigate={onNavigate} />
        <NavItem to={paths.system} label={t('nav.system')} onNavigate={onNavigate} />
      </NavGroup>
    </Stack>
  );
}
