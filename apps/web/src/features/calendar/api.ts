import {
  CalendarWriteResponse,
  CalendarYearResponse,
  ErrorBody,
  type CalendarDayBody,
} from '@motcua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet } from '../../lib/api';

const TOKEN_KEY = 'motcua.adminToken';

/** The admin token stays in this browser tab only (identity, issue 5, replaces it). */
export function readAdminToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function storeAdminToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** GET /api/calendar/:year — days off and make-up working days of a year. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: ({ signal }) => apiGet(`/api/calendar/${year}`, CalendarYearResponse, { signal }),
  });
}

async function send(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        'x-admin-token': readAdminToken(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Network request failed');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) {
      throw new ApiError(parsed.data.error.code, parsed.data.error.message, {
        status: response.status,
        requestId: parsed.data.requestId,
        issues: parsed.data.error.issues ?? [],
      });
    }
    throw new ApiError('INTERNAL', `HTTP ${response.status}`, { status: response.status });
  }
  const parsed = CalendarWriteResponse.safeParse(json);
  if (!parsed.success) throw new ApiError('INVALID_RESPONSE', `Unexpected response from ${path}`);
  return parsed.data;
}

export type CalendarEdit =
  | { type: 'put'; date: string; body: CalendarDayBody }
  | { type: 'delete'; date: string }
  | { type: 'confirm'; year: number; dates?: string[] };

/** Administration writes; the answer carries the year after the change. */
export function useCalendarEdit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: CalendarEdit) => {
      switch (edit.type) {
        case 'put':
          return send('PUT', `/api/admin/calendar/days/${edit.date}`, edit.body);
        case 'delete':
          return send('DELETE', `/api/admin/calendar/days/${edit.date}`);
        case 'confirm':
          return send(
            'POST',
            `/api/admin/calendar/${edit.year}/confirm`,
            edit.dates ? { dates: edit.dates } : {},
          );
      }
    },
    onSuccess: (result) => {
      client.setQueryData(['calendar', 'year', result.year.year], result.year);
    },
  });
}
