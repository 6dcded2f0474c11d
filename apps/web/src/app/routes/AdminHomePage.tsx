import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

/** Administration overview: links to the administration pages. */
export function AdminHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  const sections = [
    { to: paths.agencies, title: t('nav.agencies'), body: t('admin.agencies.body') },
    { to: paths.proceduresAdmin, title: t('nav.proceduresAdmin'), body: t('catalogAdmin.intro') },
    { to: paths.review, title: t('nav.review'), body: t('review.intro') },
    { to: paths.accounts, title: t('identity.accountsTitle'), body: t('admin.accountsBody') },
    { to: paths.permissionAudit, title: t('nav.permissionAudit'), body: t('admin.auditBody') },
    { to: paths.securityLog, title: t('nav.securityLog'), body: t('admin.securityLogBody') },
    { to: paths.sync, title: t('nav.sync'), body: t('sync.adminBody') },
    { to: paths.system, title: t('nav.system'), body: t('admin.system.body') },
  ];
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('admin.title')}</Title>
        <Text>{t('admin.intro')}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {sections.map((s) => (
          <Card key={s.to} withBorder component="article">
            <Stack gap="xs">
              <Title order={2} size="h4">
                <Anchor component={Link} to={s.to}>
                  {s.title}
                </Anchor>
              </Title>
              <Text size="sm">{s.body}</Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
