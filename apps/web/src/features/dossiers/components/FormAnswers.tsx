import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { DossierView } from '@motcua/contracts';
import { useTranslation } from 'react-i18next';

/**
 * The e-form answers of a dossier, as the receipt states them: each field by its title, a group
 * (child, mother, …) under its own heading. Nothing is shown for a dossier without answers (its
 * declaration was handed in on paper).
 */
export function FormAnswers({ dossier }: { dossier: Pick<DossierView, 'formAnswers'> }) {
  const { t } = useTranslation();
  if (dossier.formAnswers.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="form-answers-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="form-answers-title">
          {t('formAnswers.title')}
        </Title>
        {dossier.formAnswers.map((section, i) => (
          <Stack key={`${section.heading ?? ''}-${i}`} gap={4}>
            {section.heading && (
              <Title order={3} size="h6">
                {section.heading}
              </Title>
            )}
            <Table variant="vertical" layout="fixed" withRowBorders={false}>
              <Table.Tbody>
                {section.rows.map((row) => (
                  <Table.Tr key={row.title}>
                    <Table.Th w="45%" scope="row">
                      <Text size="sm" fw={500}>
                        {row.title}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {row.value}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
