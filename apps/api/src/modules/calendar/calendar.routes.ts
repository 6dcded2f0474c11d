import {
  CalendarChangeListQuery,
  CalendarChangeListResponse,
  CalendarDayBody,
  CalendarDayParams,
  CalendarWriteResponse,
  CalendarYearParams,
  CalendarYearResponse,
  ConfirmDraftsBody,
  DeadlineQuery,
  DeadlineResponse,
} from '@motcua/contracts';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withErrors } from '../../platform/http/responses.js';
import type { CalendarService } from './calendar.service.js';

/** Checks the caller may edit the calendar (admin token now, roles with identity, issue 5). */
export type AdminGuard = onRequestHookHandler;

const tags = ['Lịch làm việc, thời hạn (calendar)'];

export function calendarRoutes(
  calendar: CalendarService,
  guards: {
    requireAdmin: AdminGuard;
    /** Who is recorded in the change log: the signed-in account, or the x-admin-token. */
    actorOf: (request: FastifyRequest) => Promise<string>;
  },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/calendar/deadline',
      {
        schema: {
          tags,
          summary: 'Tính hạn giải quyết theo ngày/giờ làm việc hoặc ngày',
          description:
            'from: thời điểm tiếp nhận (ISO 8601 có múi giờ). cutoffAfter: tiếp nhận từ giờ này ' +
            'trở đi tính từ ngày làm việc tiếp theo (ví dụ 15:00). cutoffBeforeCloseMinutes: tiếp ' +
            'nhận trong số phút này trước giờ đóng cửa tính từ ngày làm việc tiếp theo (ví dụ 60).',
          querystring: DeadlineQuery,
          response: withErrors({ 200: DeadlineResponse }),
        },
      },
      async (request) => calendar.computeDeadline(request.query),
    );

    app.get(
      '/api/calendar/:year',
      {
        schema: {
          tags,
          summary: 'Ngày nghỉ và ngày làm bù của một năm',
          params: CalendarYearParams,
          response: withErrors({ 200: CalendarYearResponse }),
        },
      },
      async (request) => calendar.getYear(request.params.year),
    );

    app.put(
      '/api/admin/calendar/days/:date',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Thêm hoặc sửa một ngày nghỉ / ngày làm bù (tính lại hạn chạy nền)',
          params: CalendarDayParams,
          body: CalendarDayBody,
          response: withErrors({ 200: CalendarWriteResponse }, [400, 401, 403]),
        },
      },
      async (request) =>
        calendar.putDay(request.params.date, request.body, await guards.actorOf(request)),
    );

    app.delete(
      '/api/admin/calendar/days/:date',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Xóa một ngày nghỉ / ngày làm bù (tính lại hạn chạy nền)',
          params: CalendarDayParams,
          response: withErrors({ 200: CalendarWriteResponse }, [400, 401, 403, 404]),
        },
      },
      async (request) => calendar.deleteDay(request.params.date, await guards.actorOf(request)),
    );

    app.post(
      '/api/admin/calendar/:year/confirm',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Xác nhận các ngày dự kiến của một năm (tất cả hoặc các ngày chỉ định)',
          params: CalendarYearParams,
          body: ConfirmDraftsBody,
          response: withErrors({ 200: CalendarWriteResponse }, [400, 401, 403, 409]),
        },
      },
      async (request) =>
        calendar.confirmDrafts(
          request.params.year,
          request.body?.dates,
          await guards.actorOf(request),
        ),
    );

    app.get(
      '/api/admin/calendar/changes',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Nhật ký thay đổi lịch (ai, khi nào, thay đổi gì, số hạn đã tính lại)',
          querystring: CalendarChangeListQuery,
          response: withErrors({ 200: CalendarChangeListResponse }, [400, 401, 403]),
        },
      },
      async (request) => calendar.listChanges(request.query.year),
    );
  };
}
