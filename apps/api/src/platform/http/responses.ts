import { ErrorBody } from '@motcua/contracts';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { tableToPdf, tableToXlsx, type ExportTable } from '../exports/table-export.js';

type ErrorResponses<S extends number> = { [K in S | 429 | 500]: typeof ErrorBody };

/** Declares the error bodies a route may answer with, so OpenAPI lists them. */
export function withErrors<T extends Record<number, z.ZodType>, S extends number = 400>(
  ok: T,
  errorStatuses: S[] = [400 as S],
): T & ErrorResponses<S> {
  const errors = Object.fromEntries(
    [...errorStatuses, 429, 500].map((status) => [status, ErrorBody]),
  );
  return { ...errors, ...ok } as T & ErrorResponses<S>;
}

/** A table as a download: an Excel workbook or a PDF named after the report. */
export async function sendTable(
  reply: FastifyReply,
  format: 'xlsx' | 'pdf',
  name: string,
  table: ExportTable,
): Promise<FastifyReply> {
  const body = format === 'xlsx' ? await tableToXlsx(table) : await tableToPdf(table);
  const type =
    format === 'xlsx'
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/pdf';
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}
