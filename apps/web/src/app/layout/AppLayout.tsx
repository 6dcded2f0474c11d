import { Anchor, AppShell, Box, Burger, Container, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { UserMenu } from '../../features/identity/components/UserMenu';
import { useHealth } from '../../features/system/api';
import { paths } from '../paths';
import classes from './AppLayout.module.css';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';

const NAV_ID = 'main-navigation';
const MAIN_ID = 'main-content';

/** Shared shell: header (product, province, language), navigation, main content, footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // Below Mantine's "sm" breakpoint (48em) the navbar is a drawer behind the burger.
  const isMobile = useMediaQuery('(max-width: 47.99em)') ?? false;
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

  const navHidden = isMobile && !navOpened;

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
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('a11y.toggleNavigation')}
              aria-expanded={navOpened}
              aria-controls={NAV_ID}
            />
            <Anchor component={Link} to={paths.home} underline="never" c="inherit">
              <Text component="span" fw={800} size="xl">
                {t('app.productName')}
              </Text>
            </Anchor>
            {health.data !== undefined && (
              <Text size="sm" c="dimmed" truncate>
                {health.data.province.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UserMenu signInPath={paths.signIn} />
            <LanguageSwitch />
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
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className={classes.main}>
        <Container size="lg" px={0}>
          <Outlet />
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
