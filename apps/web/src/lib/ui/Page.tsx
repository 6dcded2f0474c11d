import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from './use-page-title';

interface PageProps {
  title: string;
  intro?: ReactNode;
  /** Under the intro, e.g. related links. */
  extra?: ReactNode;
  /** Hide the heading when printing (the printed document has its own). */
  printHeading?: boolean;
  children: ReactNode;
}

/** A page: one h1 (also the document title), an optional intro, then the content. */
export function Page({ title, intro, extra, printHeading = true, children }: PageProps) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Stack gap="xs" className={printHeading ? undefined : 'no-print'}>
        <Title order={1}>{title}</Title>
        {intro !== undefined && <Text>{intro}</Text>}
        {extra}
      </Stack>
      {children}
    </Stack>
  );
}
