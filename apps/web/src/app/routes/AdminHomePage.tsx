import { Alert, Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../features/identity/access';
import { LoadingState } from '../../lib/ui/LoadingState';
import { SignInNotice } from '../../lib/ui/SignInNotice';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { ADMIN_SECTIONS, allowedSections } from '../layout/sections';
import { paths } from '../paths';

/** Administration overview: the administration pages the signed-in account may open. */
export function AdminHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  const access = useAccess();
  const sections = allowedSections(ADMIN_SECTIONS, access);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('admin.title')}</Title>
        <Text>{t('admin.intro')}</Text>
      </Stack>
      {access.pending ? (
        <LoadingState />
      ) : !access.session ? (
        <SignInNotice signInPath={paths.signIn} message={t('admin.signInNeeded')} />
      ) : sections.length === 0 ? (
        <Alert color="yellow" variant="light" role="status">
          {t('admin.noSections')}
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {sections.map((s) => (
            <Card key={s.to} withBorder component="article">
              <Stack gap="xs">
                <Title order={2} size="h4">
                  <Anchor component={Link} to={s.to}>
                    {t(s.label)}
                  </Anchor>
                </Title>
                {s.body !== undefined && <Text size="sm">{t(s.body)}</Text>}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
