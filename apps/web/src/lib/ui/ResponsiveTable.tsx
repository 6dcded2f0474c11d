import { Card, Stack, Table, Text, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import classes from './ResponsiveTable.module.css';

/**
 * Phones: below Mantine's "sm" breakpoint (48em). Read synchronously, so the first paint already
 * has the right layout (no table flashing before the cards).
 */
export const PHONE_QUERY = '(max-width: 47.99em)';

export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
}

export interface Column<Row> {
  key: string;
  /** The column heading; on a card, the label before the value. */
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The card's title on phones (the first such column); its label is not repeated. */
  primary?: boolean;
  /** On a card: false to show the value without its label (a checkbox, a button row). */
  cardLabel?: boolean;
}

interface ResponsiveTableProps<Row> {
  rows: readonly Row[];
  columns: ReadonlyArray<Column<Row> | false | null | undefined>;
  rowKey: (row: Row) => string;
  /** Names the table (and the list of cards) for screen readers. */
  label: string;
  /** Extra attributes of each row or card (e.g. data-testid). */
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  /** On phones, above the cards: what the table's header row offered (e.g. "select all"). */
  phoneHeader?: ReactNode;
  /** On wider screens, below this width (px) the table scrolls inside its box, not the page. */
  minWidth?: number;
  tableProps?: Omit<TableProps, 'children'>;
}

/**
 * A table on wide screens, a list of cards on phones (label: value lines), so nothing is wider
 * than a 360 px screen and no column (status, due time) is cut off to the right.
 */
export function ResponsiveTable<Row>({
  rows,
  columns: given,
  rowKey,
  label,
  rowAttributes,
  phoneHeader,
  minWidth,
  tableProps,
}: ResponsiveTableProps<Row>) {
  const isPhone = usePhone();
  const columns = given.filter((c): c is Column<Row> => Boolean(c));

  if (isPhone) {
    const primary = columns.find((c) => c.primary);
    const rest = columns.filter((c) => c !== primary);
    return (
      <Stack gap="xs">
        {phoneHeader}
        <Stack component="ul" aria-label={label} gap="sm" className={classes.list}>
          {rows.map((row) => (
            <Card
              key={rowKey(row)}
              component="li"
              withBorder
              padding="sm"
              className={classes.card}
              {...rowAttributes?.(row)}
            >
              {primary && (
                <Text fw={700} className={classes.title}>
                  {primary.cell(row)}
                </Text>
              )}
              <dl className={classes.fields}>
                {rest
                  .filter((c) => c.cardLabel !== false)
                  .map((c) => (
                    <div key={c.key} className={classes.field}>
                      <dt>{c.header}</dt>
                      <dd>{c.cell(row)}</dd>
                    </div>
                  ))}
              </dl>
              {/* Unlabelled values (a checkbox, the row's buttons) follow the list: a <dl> holds only pairs. */}
              {rest
                .filter((c) => c.cardLabel === false)
                .map((c) => (
                  <div key={c.key} className={classes.wide}>
                    {c.cell(row)}
                  </div>
                ))}
            </Card>
          ))}
        </Stack>
      </Stack>
    );
  }

  const table = (
    <Table aria-label={label} {...tableProps}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.key}>{c.header}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)} {...rowAttributes?.(row)}>
            {columns.map((c) => (
              <Table.Td key={c.key}>{c.cell(row)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? (
    table
  ) : (
    <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>
  );
}
