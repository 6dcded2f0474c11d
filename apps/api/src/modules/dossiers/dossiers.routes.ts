import {
  AfterCutoverReport,
  BulkAssignRequest,
  BulkAssignResult,
  CounterIntakeRequest,
  DossierQueue,
  DossierQueueQuery,
  DossierActionRequest,
  DossierLookup,
  DossierLookupQuery,
  DossierView,
  FileOnlineRequest,
} from '@motcua/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sendTable, withErrors } from '../../platform/http/responses.js';
import {
  reachOf,
  resource,
  type Action as Permission,
  type Guards,
  type Principal,
} from '../identity/index.js';
import { STEP_BOUND_ACTIONS, type Action, type Actor } from './dossier.js';
import type { DossierRow } from './dossiers.repository.js';
import type { DossiersService } from './dossiers.service.js';
import { FORM_KINDS } from './forms/legal-forms.js';
import { IdempotencyHeaders } from '../../platform/http/idempotency.js';

const tags = ['Hồ sơ (dossiers)'];

const DossierBookQuery = z
  .object({
    from: z.iso.date({ message: 'Ngày bắt đầu (from) phải có dạng YYYY-MM-DD' }),
    to: z.iso.date({ message: 'Ngày kết thúc (to) phải có dạng YYYY-MM-DD' }),
    field: z.string().trim().min(1).max(300).optional(),
    format: z.enum(['xlsx', 'pdf'], { message: 'Định dạng phải là xlsx hoặc pdf' }).default('xlsx'),
  })
  .refine((q) => q.from <= q.to, {
    message: 'Ngày bắt đầu phải trước ngày kết thúc',
    path: ['from'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'Mỗi lần xuất sổ tối đa một năm',
    path: ['to'],
  });

const CodeParams = z.object({
  code: DossierLookupQuery.shape.code,
});

/**
 * Which permissions an officer's action needs, any one of them (the role × scope matrix lives in
 * identity). The one-stop counter hands a received dossier to the processing unit and may ask for
 * a supplement when it checks the dossier (NĐ 118/2025 Art. 17–18 as the catalogue's "trình tự
 * thực hiện" describes it: "chuyển hồ sơ", "thông báo … bổ sung"); the unit asks later in appraisal.
 */
const PERMISSION_OF: Record<Action['kind'], readonly Permission[]> = {
  submit: ['create'],
  receive: ['receive'],
  refuse: ['receive'],
  supplement: ['receive'],
  record_payment: ['receive'],
  return_result: ['receive'],
  forward: ['receive', 'process'],
  request_supplement: ['receive', 'process'],
  // Assigning work inside the agency is the leaders' (trưởng phòng, lãnh đạo).
  assign: ['approve'],
  consult: ['process'],
  consult_reply: ['process'],
  transfer: ['process'],
  transfer_back: ['process'],
  request_payment: ['process'],
  stop: ['process'],
  complete: ['process'],
  withdraw: ['process'],
  // The apology and extension are signed by the head of the agency (domain.md §1.4).
  extend: ['approve'],
  // Only the system records a deadline moved by a calendar change.
  recompute_deadline: [],
};

/** The permissions of those who work on dossiers (the counter, the specialists, the leaders). */
const WORKING: readonly Permission[] = ['receive', 'process', 'approve'];

/** What the applicant may do on their own dossier. */
const APPLICANT_ACTIONS: ReadonlySet<Action['kind']> = new Set(['supplement', 'withdraw']);

/**
 * Where a dossier lives for permissions: the agencies that received, decide and (during a
 * transfer) have it; the unit it is assigned to and the units consulted; its applicant.
 */
export const scopeOf = (row: DossierRow) =>
  resource('Dossier', {
    agencyIds: [row.receivingAgencyId, row.competentAgencyId, row.currentAgencyId].filter(
      (id): id is string => id !== null,
    ),
    unitIds: [row.assignedUnitId, ...row.openConsultations.map((c) => c.unitId)].filter(
      (id): id is string => id !== null,
    ),
    ownerId: row.applicantAccountId ?? undefined,
  });

/** Whether this caller may read this dossier (officers in scope, its applicant). */
export const readableBy = (who: Principal) => (row: DossierRow) =>
  who.ability.can('read', scopeOf(row));

/**
 * On a dossier that follows a process, a step-bound action belongs to whoever holds the step the
 * dossier is at (the step rule, dossier.ts `stepRefusal`, judges it in the use case): here the
 * officer only needs to work on dossiers where this one lives. Without a process the roles'
 * permissions decide.
 */
const mayDo = (who: Principal) => (row: DossierRow, kind: Action['kind']) => {
  if (who.kind === 'citizen' || who.kind === 'business') {
    return APPLICANT_ACTIONS.has(kind) && row.applicantAccountId === who.accountId;
  }
  if (row.processId !== null && STEP_BOUND_ACTIONS.has(kind)) {
    // Among those who work dossiers here: a read-only role (inspection) never acts.
    return WORKING.some((p) => who.ability.can(p, scopeOf(row)));
  }
  return PERMISSION_OF[kind].some((p) => who.ability.can(p, scopeOf(row)));
};

const viewerOf = (who: Principal) => ({
  actor: actorOf(who),
  may: mayDo(who),
  roles: who.kind === 'citizen' || who.kind === 'business' ? [] : who.grants,
});

const accessFor = (who: Principal, kind: Action['kind']) => ({
  canRead: (row: DossierRow) => who.ability.can('read', scopeOf(row)),
  canAct: (row: DossierRow) => mayDo(who)(row, kind),
  viewer: viewerOf(who),
});

export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'citizen' || principal.kind === 'business') {
    return { kind: 'applicant', id: principal.accountId };
  }
  const grant = principal.grants[0];
  return {
    kind: 'officer',
    id: principal.accountId,
    ...(grant ? { role: grant.role } : {}),
    ...(grant?.unitId ? { unitId: grant.unitId } : {}),
  };
}

/** Officers' reads of personal data are logged (attachments.ts, NĐ 13/2023/NĐ-CP). */
export type ReadLogger = (
  request: FastifyRequest,
  who: Principal,
  dossierId: string,
  what: 'dossier' | 'attachment' | 'form',
  detail?: string,
) => Promise<void>;

/** Anonymous lookups per client IP and minute, unless the module is told otherwise. */
export const LOOKUP_PER_MINUTE = 30;

export function dossiersRoutes(
  dossiers: DossiersService,
  guards: Pick<Guards, 'signedIn'>,
  logRead: ReadLogger = async () => {},
  options: { lookupPerMinute?: number } = {},
): FastifyPluginAsyncZod {
  const principal = (request: FastifyRequest) => guards.signedIn(request);

  return async (app) => {
    app.get(
      '/api/dossiers/lookup',
      {
        // Codes are sequential: far below the global limit per IP, so that listing a ward's
        // dossiers by trying codes takes days, not minutes. The counter is each process's own
        // (@fastify/rate-limit's memory store); the wrong second factors are counted in the
        // database (lookup.ts), where every process sees them.
        config: {
          rateLimit: { max: options.lookupPerMinute ?? LOOKUP_PER_MINUTE, timeWindow: '1 minute' },
        },
        schema: {
          tags,
          summary:
            'Tra cứu công khai tình trạng hồ sơ theo mã; tên người nộp (che) chỉ khi có 4 số cuối CCCD hoặc số điện thoại',
          querystring: DossierLookupQuery,
          response: withErrors({ 200: DossierLookup }, [400, 404]),
        },
      },
      async (request) => dossiers.lookup(request.query.code, request.query.verify),
    );

    app.post(
      '/api/dossiers',
      {
        schema: {
          tags,
          summary: 'Nộp hồ sơ trực tuyến (công dân, doanh nghiệp đã đăng nhập)',
          headers: IdempotencyHeaders,
          body: FileOnlineRequest,
          response: withErrors({ 201: DossierView }, [400, 401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        const who = await principal(request);
        if (who.kind !== 'citizen' && who.kind !== 'business') {
          throw new AppError(
            'FORBIDDEN',
            'Nộp hồ sơ trực tuyến dành cho công dân, doanh nghiệp đăng nhập bằng VNeID; cán bộ tiếp nhận dùng chức năng tiếp nhận tại quầy.',
          );
        }
        const view = await dossiers.fileOnline(
          request.body,
          { accountId: who.accountId, name: who.displayName, idNumber: who.idNumber },
          request.headers['idempotency-key'],
        );
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/api/officer/dossiers',
      {
        schema: {
          tags,
          summary: 'Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính (cán bộ một cửa)',
          headers: IdempotencyHeaders,
          body: CounterIntakeRequest,
          response: withErrors({ 201: DossierView }, [400, 401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        const who = await principal(request);
        const here = resource('Dossier', { agencyIds: [request.body.receivingAgencyId] });
        if (!who.ability.can('receive', here)) {
          throw new AppError('FORBIDDEN', 'Bạn không có quyền tiếp nhận hồ sơ tại nơi này.');
        }
        const view = await dossiers.fileAtCounter(
          request.body,
          actorOf(who),
          request.headers['idempotency-key'],
        );
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/api/officer/dossiers',
      {
        schema: {
          tags,
          summary: 'Hàng đợi hồ sơ của cán bộ (trong phạm vi vai trò), khẩn cấp nhất trước',
          querystring: DossierQueueQuery,
          response: withErrors({ 200: DossierQueue }, [400, 401]),
        },
      },
      async (request) => {
        const who = await principal(request);
        const reach = reachOf(who.ability, 'read', 'Dossier');
        // A citizen's own dossiers are not a work queue.
        const scope = reach.all
          ? ('all' as const)
          : { agencyIds: [...reach.agencyIds], unitIds: [...reach.unitIds] };
        const unitIds = who.grants.flatMap((g) => (g.unitId ? [g.unitId] : []));
        return dossiers.queue(scope, { accountId: who.accountId, unitIds }, request.query);
      },
    );

    app.get(
      '/api/my/dossiers',
      {
        schema: {
          tags,
          summary: 'Hồ sơ của tôi (công dân, doanh nghiệp đã đăng nhập)',
          response: withErrors({ 200: DossierQueue }, [401]),
        },
      },
      async (request) => dossiers.mine((await principal(request)).accountId),
    );

    app.get(
      '/api/officer/dossier-book',
      {
        schema: {
          tags,
          summary: 'Sổ theo dõi hồ sơ điện tử (mẫu 07, TT 03/2025) theo lĩnh vực, XLSX hoặc PDF',
          querystring: DossierBookQuery,
          response: withErrors({ 200: z.any() }, [400, 401]),
        },
      },
      async (request, reply) => {
        const reach = reachOf((await principal(request)).ability, 'read', 'Dossier');
        const { from, to, field, format } = request.query;
        const table = await dossiers.bookTable(reach.all ? 'all' : [...reach.agencyIds], {
          from: new Date(`${from}T00:00:00+07:00`),
          to: new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000),
          field,
        });
        return sendTable(reply, format, `so-theo-doi-ho-so-${from}-${to}`, table);
      },
    );

    app.get(
      '/api/officer/reports/after-cutover',
      {
        schema: {
          tags,
          summary:
            'Kiểm soát hồ sơ còn phát sinh trên hệ thống tỉnh sau khi thủ tục chuyển sang hệ thống của bộ',
          response: withErrors({ 200: AfterCutoverReport }, [401]),
        },
      },
      async (request) => {
        const reach = reachOf((await principal(request)).ability, 'read', 'Dossier');
        return dossiers.afterCutoverReport(reach.all ? 'all' : [...reach.agencyIds]);
      },
    );

    app.get(
      '/api/dossiers/:code',
      {
        schema: {
          tags,
          summary: 'Hồ sơ đầy đủ: người nộp (của mình) hoặc cán bộ trong phạm vi',
          params: CodeParams,
          response: withErrors({ 200: DossierView }, [400, 401, 404]),
        },
      },
      async (request) => {
        const who = await principal(request);
        const view = await dossiers.getDossier(
          request.params.code,
          (row) => who.ability.can('read', scopeOf(row)),
          viewerOf(who),
        );
        await logRead(request, who, view.id, 'dossier');
        return view;
      },
    );

    app.get(
      '/api/dossiers/:code/forms/:kind',
      {
        schema: {
          tags,
          summary:
            'Biểu mẫu theo TT 03/2025 (PDF): giấy tiếp nhận, phiếu bổ sung, từ chối, xin lỗi, dừng, kiểm soát',
          params: CodeParams.extend({
            kind: z.enum(FORM_KINDS, {
              message: `Loại biểu mẫu phải là một trong: ${FORM_KINDS.join(', ')}`,
            }),
          }),
          response: withErrors({ 200: z.any() }, [400, 401, 404]),
        },
      },
      async (request, reply) => {
        const who = await principal(request);
        let dossierId = '';
        const pdf = await dossiers.formPdf(request.params.code, request.params.kind, (row) => {
          dossierId = row.id;
          return who.ability.can('read', scopeOf(row));
        });
        await logRead(request, who, dossierId, 'form', request.params.kind);
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="${request.params.code}-${request.params.kind}.pdf"`,
          )
          .send(pdf);
      },
    );

    app.post(
      '/api/dossiers/:code/actions',
      {
        schema: {
          tags,
          summary: 'Thao tác trên hồ sơ (tiếp nhận, yêu cầu bổ sung, gia hạn, trả kết quả…)',
          params: CodeParams,
          headers: IdempotencyHeaders,
          body: DossierActionRequest,
          response: withErrors({ 200: DossierView }, [400, 401, 403, 404, 409]),
        },
      },
      async (request) => {
        const who = await principal(request);
        return dossiers.act(
          request.params.code,
          request.body,
          actorOf(who),
          request.headers['idempotency-key'],
          accessFor(who, request.body.kind),
        );
      },
    );

    app.post(
      '/api/officer/dossiers/assign',
      {
        schema: {
          tags,
          summary: 'Phân công nhiều hồ sơ cùng lúc cho một phòng hoặc cán bộ',
          headers: IdempotencyHeaders,
          body: BulkAssignRequest,
          response: withErrors({ 200: BulkAssignResult }, [400, 401]),
        },
      },
      async (request) => {
        const who = await principal(request);
        return dossiers.assignMany(
          request.body,
          actorOf(who),
          request.headers['idempotency-key'],
          accessFor(who, 'assign'),
        );
      },
    );
  };
}
