import { Anchor, AppShell, Box, Burger, Container, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { UserMenu } from '../../features/identity/components/UserMenu';
import { VnConnectLanding } from '../../features/ministry/components/VnConnectLanding';
import { useHealth } from '../../features/system/api';
import { LoadingState } from '../../lib/ui/LoadingState';
import { usePhone } from '../../lib/ui/ResponsiveTable';
import { paths } from '../paths';
import classes from './AppLayout.module.css';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';

const NAV_ID = 'main-navigation';
const MAIN_ID = 'main-content';

/**
 * Shared shell: header (product, province, account, language), navigation, main content, footer.
 * On phones the navigation is a drawer behind the burger and the language switch moves into it:
 * a 360 px header holds only the burger, the product name and the account button.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const isPhone = usePhone();
  const health = useHealth();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // After client-side navigation, close the drawer and move focus to the new page content.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    closeNav();
    mainRef.current?.focus();
  }, [pathname, closeNav]);

  const navHidden = isPhone && !navOpened;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: { sm: 240, lg: 280 }, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <Anchor
        href={`#${MAIN_ID}`}
        className={classes.skipLink}
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView();
        }}
      >
        {t('a11y.skipLink')}
      </Anchor>

      <AppShell.Header>
        <Group
          h="100%"
          px={{ base: 'xs', sm: 'md' }}
          justify="space-between"
          wrap="nowrap"
          gap="xs"
        >
          <Group gap="xs" wrap="nowrap" miw={0} className={classes.brand}>
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('a11y.toggleNavigation')}
              aria-expanded={navOpened}
              aria-controls={NAV_ID}
            />
            <Anchor
              component={Link}
              to={paths.home}
              underline="never"
              c="inherit"
              aria-label={t('layout.homeLink')}
              data-testid="header-logo"
            >
              <Text component="span" fw={800} size="xl">
                {t('app.productName')}
              </Text>
            </Anchor>
            {health.data !== undefined && (
              <Text size="sm" c="dimmed" truncate visibleFrom="md" data-testid="header-province">
                {health.data.province.name}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <UserMenu signInPath={paths.signIn} />
            {!isPhone && <LanguageSwitch />}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id={NAV_ID}
        aria-label={t('a11y.mainNavigation')}
        p="xs"
        inert={navHidden}
        aria-hidden={navHidden || undefined}
      >
        {/* Taller than a laptop screen: the list scrolls inside the fixed navbar. */}
        <AppShell.Section grow component={ScrollArea}>
          <MainNav onNavigate={closeNav} />
        </AppShell.Section>
        {isPhone && (
          <AppShell.Section pt="sm" px="sm" className={classes.navFooter}>
            <LanguageSwitch withLabel />
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className={classes.main}>
        <Container size="lg" px={0}>
          <VnConnectLanding />
          {/* Officer and administration pages are separate chunks (router.tsx). */}
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>

      <Box component="footer" className={classes.footer}>
        <Group gap="md" justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('footer.licence')}
            {health.data !== undefined &&
              ` · ${t('footer.version', { version: health.data.version })}`}
          </Text>
          <Anchor href="/api/docs" size="sm">
            {t('footer.apiDocs')}
          </Anchor>
        </Group>
      </Box>

      <ScrollRestoration />
    </AppShell>
  );
}
