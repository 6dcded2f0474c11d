import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SyncColumn<T> {
  /** Already translated; empty for the action column. */
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * The striped, horizontally scrolling table every sync panel shows its dossiers in (problems,
 * mismatches, error dossiers): one row per item, the code first, an action last.
 */
export function SyncTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  minWidth,
}: {
  rows: readonly T[];
  columns: readonly SyncColumn<T>[];
  rowKey: (row: T) => string;
  rowTestId: (row: T) => string;
  minWidth: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c.header || undefined}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={rowTestId(row)}>
              {columns.map((c, i) => (
                <Table.Td key={i}>{c.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
