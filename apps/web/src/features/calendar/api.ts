import {
  CalendarChangeListResponse,
  CalendarWriteResponse,
  CalendarYearResponse,
  type CalendarDayBody,
} from '@motcua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';

/** GET /api/calendar/:year — days off and make-up working days of a year. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: ({ signal }) => apiGet(`/api/calendar/${year}`, CalendarYearResponse, { signal }),
  });
}

const send = (method: 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) =>
  apiSend(method, path, CalendarWriteResponse, body);

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
      // The new change (and its pending recompute) shows in the log at once.
      void client.invalidateQueries({ queryKey: ['calendar', 'changes', result.year.year] });
    },
  });
}

/**
 * GET /api/admin/calendar/changes — the change log with what each change's recompute did to
 * open dossiers' deadlines; polled while one is still waiting for the job worker.
 */
export function useCalendarChanges(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', 'changes', year],
    queryFn: ({ signal }) =>
      apiGet(`/api/admin/calendar/changes?year=${year}`, CalendarChangeListResponse, { signal }),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.items.some((c) => c.recomputeStatus === 'pending') ? 3_000 : false,
  });
}
