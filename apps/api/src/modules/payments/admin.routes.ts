import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CompleteRefundRequest,
  DossierLookupQuery,
  PaymentMismatch,
  PaymentMismatchList,
  PaymentMismatchQuery,
  PaymentReconcileRequest,
  PaymentReconciliation,
  PaymentReconciliationList,
  RefundList,
  RefundListQuery,
  RefundRequest,
  RefundView,
  ResolveMismatchRequest,
  Settlement,
  SettlementQuery,
} from '@motcua/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sendTable, withErrors } from '../../platform/http/responses.js';
import { readableBy } from '../dossiers/index.js';
import { reachOf, type Guards, type IdentityService } from '../identity/index.js';
import type { PaymentReconciliationService } from './reconciliation.js';
import type { RefundActor } from './refunds.js';
import type { SettlementReach } from './settlement.js';
import { IdempotencyHeaders } from '../../platform/http/idempotency.js';

type Principal = NonNullable<Awaited<ReturnType<IdentityService['authenticate']>>>;
type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

const tags = ['Thanh toán: đối soát, quyết toán, hoàn trả (payments)'];

const RunId = z.object({ id: z.uuid({ message: 'Mã lần đối soát không hợp lệ' }) });
const MismatchId = z.object({ id: z.uuid({ message: 'Mã sai lệch không hợp lệ' }) });
const DossierCode = z.object({ code: DossierLookupQuery.shape.code });
const RefundId = DossierCode.extend({
  id: z.uuid({ message: 'Mã yêu cầu hoàn trả không hợp lệ' }),
});
export interface PaymentAdminRouteDeps {
  admin: PaymentReconciliationService;
  guards: Pick<Guards, 'adminToken' | 'adminTokenOr' | 'signedIn' | 'actorLabelOf'>;
}

/** The provincial office runs the payments' reconciliation (the province administrator). */
const PROVINCE: [action: 'manage', subject: 'Organisation'] = ['manage', 'Organisation'];

/**
 * The routes of the payments' administration (issue 17 items 6–7). Reconciliation and the mismatch
 * queue: province administrators (or the x-admin-token). The settlement report: also an agency's
 * administrators, for their agencies (those who manage its accounts: `manage Account` in scope).
 * Refunds: whoever may approve on the dossier (its leaders in scope) and province administrators.
 */
export function registerPaymentAdminRoutes(app: ZodApp, deps: PaymentAdminRouteDeps): void {
  const { admin, guards } = deps;
  const requireProvince = guards.adminTokenOr(...PROVINCE);

  const isProvinceAdmin = (who: Principal) => reachOf(who.ability, ...PROVINCE).all;

  async function settlementReach(request: FastifyRequest): Promise<SettlementReach> {
    if (await guards.adminToken(request)) return { all: true };
    const who = await guards.signedIn(request);
    const reach = reachOf(who.ability, 'manage', 'Account');
    if (reach.all || isProvinceAdmin(who)) return { all: true };
    if (reach.agencyIds.size === 0) {
      throw new AppError(
        'FORBIDDEN',
        'Báo cáo quyết toán dành cho quản trị cấp tỉnh và quản trị của đơn vị.',
      );
    }
    return { all: false, agencyIds: reach.agencyIds };
  }

  async function refundActor(request: FastifyRequest): Promise<RefundActor> {
    const label = await guards.actorLabelOf(request);
    if (await guards.adminToken(request)) {
      return { label, canRead: () => true, canApprove: () => true, scope: 'admin-token' };
    }
    const who = await guards.signedIn(request);
    if (isProvinceAdmin(who)) {
      return { label, canRead: () => true, canApprove: () => true, scope: who.accountId };
    }
    // The dossiers module's own scope of a dossier (agencies, units, applicant) judges approval
    // as it judges reading: the same check with 'approve' in place of 'read'.
    const approving = {
      ...who,
      ability: { can: (_: string, where: unknown) => who.ability.can('approve', where as never) },
    } as unknown as Principal;
    return {
      label,
      canRead: readableBy(who),
      canApprove: readableBy(approving),
      scope: who.accountId,
    };
  }

  app.post(
    '/api/admin/payments/reconciliations',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary:
          'Đối soát ngay một ngày: khoản thanh toán của ta, giao dịch của nền tảng thanh toán, biên lai',
        body: PaymentReconcileRequest,
        response: withErrors({ 200: PaymentReconciliation }, [400, 401, 403]),
      },
    },
    async (request) => admin.run(request.body.date, 'manual'),
  );

  app.get(
    '/api/admin/payments/reconciliations',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary: 'Các lần đối soát thanh toán gần đây (hằng đêm và theo yêu cầu)',
        response: withErrors({ 200: PaymentReconciliationList }, [401, 403]),
      },
    },
    async () => ({ items: await admin.list() }),
  );

  app.get(
    '/api/admin/payments/reconciliations/:id',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary: 'Kết quả một lần đối soát thanh toán: số đã so và các sai lệch tìm thấy',
        params: RunId,
        response: withErrors({ 200: PaymentReconciliation }, [400, 401, 403, 404]),
      },
    },
    async (request) => admin.get(request.params.id),
  );

  app.get(
    '/api/admin/payments/mismatches',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary: 'Hàng đợi sai lệch thanh toán (đang mở hoặc đã xử lý)',
        querystring: PaymentMismatchQuery,
        response: withErrors({ 200: PaymentMismatchList }, [400, 401, 403]),
      },
    },
    async (request) => ({ items: await admin.mismatches(request.query) }),
  );

  app.post(
    '/api/admin/payments/mismatches/:id/resolve',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary: 'Xử lý một sai lệch thanh toán, ghi rõ lý do (không xóa)',
        params: MismatchId,
        body: ResolveMismatchRequest,
        response: withErrors({ 200: PaymentMismatch }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) =>
      admin.resolve(request.params.id, request.body.reason, await guards.actorLabelOf(request)),
  );

  app.get(
    '/api/admin/payments/settlement',
    {
      onRequest: async (request) => {
        await settlementReach(request);
      },
      schema: {
        tags,
        summary:
          'Báo cáo quyết toán phí, lệ phí theo đơn vị và tài khoản: đã thu, đã hoàn, phải nộp ngân sách (JSON, Excel, PDF)',
        querystring: SettlementQuery,
        response: withErrors({ 200: z.union([Settlement, z.any()]) }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await admin.settlement.report(query, await settlementReach(request));
      if (format === 'json') return report;
      return sendTable(
        reply as FastifyReply,
        format,
        `quyet-toan-${query.from}-${query.to}`,
        await admin.settlement.table(report),
      );
    },
  );

  app.get(
    '/api/admin/payments/refunds',
    {
      onRequest: requireProvince,
      schema: {
        tags,
        summary: 'Các khoản hoàn trả phí, lệ phí (đề nghị và đã chi)',
        querystring: RefundListQuery,
        response: withErrors({ 200: RefundList }, [400, 401, 403]),
      },
    },
    async (request) => ({ items: await admin.refunds.list(request.query) }),
  );

  app.get(
    '/api/dossiers/:code/refunds',
    {
      schema: {
        tags,
        summary: 'Các khoản hoàn trả của một hồ sơ',
        params: DossierCode,
        response: withErrors({ 200: RefundList }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const who = await refundActor(request);
      return { items: await admin.refunds.ofDossier(request.params.code, who.canRead) };
    },
  );

  app.post(
    '/api/dossiers/:code/refunds',
    {
      schema: {
        tags,
        summary:
          'Đề nghị hoàn trả phí, lệ phí của hồ sơ bị từ chối, dừng xử lý hoặc rút (lãnh đạo phê duyệt, quản trị tỉnh)',
        params: DossierCode,
        headers: IdempotencyHeaders,
        body: RefundRequest,
        response: withErrors({ 201: RefundView }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const { refund } = await admin.refunds.request(
        request.params.code,
        request.body,
        await refundActor(request),
        request.headers['idempotency-key'],
      );
      return reply.status(201).send(refund);
    },
  );

  app.post(
    '/api/dossiers/:code/refunds/:id/complete',
    {
      schema: {
        tags,
        summary:
          'Xác nhận đã chi trả khoản hoàn (đủ số đã nộp thì khoản thanh toán là đã hoàn trả)',
        params: RefundId,
        body: CompleteRefundRequest,
        response: withErrors({ 200: RefundView }, [400, 401, 403, 404]),
      },
    },
    async (request) =>
      admin.refunds.complete(
        request.params.code,
        request.params.id,
        request.body.note,
        await refundActor(request),
      ),
  );
}
