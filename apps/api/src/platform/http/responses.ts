import { ErrorBody } from '@motcua/contracts';
import type { z } from 'zod';

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
