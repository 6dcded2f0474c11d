import {
  CounterPaymentRequest,
  DossierLookupQuery,
  DossierPayments,
  ErrorBody,
  PaymentDetail,
  PaymentReferenceParams,
  PaymentView,
  PlatformAck,
  PlatformRefusal,
  ReceiptIdParams,
  ReceiptReasonRequest,
  ReceiptView,
  StartPaymentResult,
} from '@motcua/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { withErrors } from '../../platform/http/responses.js';
import { readableBy } from '../dossiers/index.js';
import { resource, type Guards, type Principal } from '../identity/index.js';
import type { Caller, CounterOfficer, PaymentsService } from './payments.service.js';
import { IdempotencyHeaders } from '../../platform/http/idempotency.js';

const tags = ['Thanh toán (payments)'];

const CodeParams = z.object({ code: DossierLookupQuery.shape.code });
const ReceiptList = z.object({ items: z.array(ReceiptView) });

const REFUSAL_CODE = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
} as const;

export type PaymentGuards = Pick<Guards, 'signedIn' | 'adminToken'>;

const isApplicant = (who: Principal) => who.kind === 'citizen' || who.kind === 'business';

function callerOf(who: Principal): Caller {
  const grant = who.grants[0];
  return {
    actor: isApplicant(who)
      ? { kind: 'applicant', id: who.accountId }
      : {
          kind: 'officer',
          id: who.accountId,
          ...(grant ? { role: grant.role } : {}),
          ...(grant?.unitId ? { unitId: grant.unitId } : {}),
        },
    canRead: readableBy(who),
  };
}

/** An officer who collects fees: the receive permission where the dossier was received. */
function officerOf(who: Principal): CounterOfficer {
  if (isApplicant(who)) {
    throw new AppError('FORBIDDEN', 'Chỉ cán bộ Bộ phận một cửa được thu phí, lệ phí tại quầy.');
  }
  const caller = callerOf(who);
  return {
    ...caller,
    actor: caller.actor as CounterOfficer['actor'],
    mayCollect: (agencyId) =>
      who.ability.can('receive', resource('Dossier', { agencyIds: [agencyId] })),
  };
}

export function paymentsRoutes(
  payments: PaymentsService,
  guards: PaymentGuards,
): FastifyPluginAsyncZod {
  /** The x-admin-token reads every payment; anyone else what their dossiers allow. */
  const readerOf = async (request: FastifyRequest): Promise<Caller | 'all'> =>
    (await guards.adminToken(request)) ? 'all' : callerOf(await guards.signedIn(request));

  return async (app) => {
    app.get(
      '/api/dossiers/:code/payments',
      {
        schema: {
          tags,
          summary: 'Phí, lệ phí phải nộp của hồ sơ và các lần thanh toán (người nộp, cán bộ)',
          params: CodeParams,
          response: withErrors({ 200: DossierPayments }, [400, 401, 404]),
        },
      },
      async (request) =>
        payments.dossierPayments(request.params.code, callerOf(await guards.signedIn(request))),
    );

    app.post(
      '/api/dossiers/:code/payments',
      {
        schema: {
          tags,
          summary:
            'Thanh toán trực tuyến qua Nền tảng thanh toán DVCQG: khởi tạo giao dịch (INIT), trả về địa chỉ trang thanh toán',
          params: CodeParams,
          headers: IdempotencyHeaders,
          response: withErrors({ 201: StartPaymentResult }, [400, 401, 403, 404, 409, 503]),
        },
      },
      async (request, reply) => {
        const who = await guards.signedIn(request);
        const result = await payments.startOnline(
          request.params.code,
          {
            ...callerOf(who),
            payer: { name: who.displayName, idNumber: who.idNumber ?? null },
          },
          request.headers['idempotency-key'],
          request.ip,
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/dossiers/:code/payments/counter',
      {
        schema: {
          tags,
          summary: 'Thu phí, lệ phí tại quầy (tiền mặt, thẻ, chuyển khoản QR) và lập biên lai',
          params: CodeParams,
          headers: IdempotencyHeaders,
          body: CounterPaymentRequest,
          response: withErrors({ 201: PaymentView }, [400, 401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        const officer = officerOf(await guards.signedIn(request));
        const view = await payments.payAtCounter(
          request.params.code,
          officer,
          request.body,
          request.headers['idempotency-key'],
        );
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/api/payments/platform/confirm',
      {
        // The platform's calls are verified by their checksum, not counted per address.
        config: { rateLimit: false },
        schema: {
          tags,
          summary:
            'Nền tảng thanh toán báo kết quả giao dịch (CONFIRM); bản tin sai mã xác thực bị từ chối và ghi nhật ký an ninh',
          response: {
            200: PlatformAck,
            400: z.union([PlatformRefusal, ErrorBody]),
            401: PlatformRefusal,
            404: PlatformRefusal,
            409: PlatformRefusal,
            413: ErrorBody,
            415: ErrorBody,
            500: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const { status, ack } = await payments.confirm(request.body);
        if (status === 200) return reply.status(200).send(ack);
        return reply.status(status).send({
          ...ack,
          error: { code: REFUSAL_CODE[status], message: ack.message },
          requestId: request.id,
        });
      },
    );

    app.get(
      '/api/payments/:reference',
      {
        schema: {
          tags,
          summary: 'Một giao dịch thanh toán: trạng thái, số tiền, biên lai (người nộp, cán bộ)',
          params: PaymentReferenceParams,
          response: withErrors({ 200: PaymentDetail }, [400, 401, 403, 404]),
        },
      },
      async (request) => payments.detail(request.params.reference, await readerOf(request)),
    );

    app.get(
      '/api/payments/:reference/return',
      {
        schema: {
          tags,
          summary:
            'Trình duyệt quay về từ trang thanh toán: hệ thống hỏi lại Nền tảng (QUERY) rồi chuyển về trang hồ sơ',
          params: PaymentReferenceParams,
          response: withErrors({ 303: z.null() }, [400, 404]),
        },
      },
      async (request, reply) => {
        const { reference } = request.params;
        const code = await payments.returnFrom(reference);
        return reply
          .status(303)
          .header(
            'location',
            `/ho-so-cua-toi/${encodeURIComponent(code)}?thanh-toan=${encodeURIComponent(reference)}`,
          )
          .send(null);
      },
    );

    app.get(
      '/api/payments/:reference/receipt',
      {
        schema: {
          tags,
          summary: 'Tệp PDF biên lai (biên lai điện tử của Nền tảng hoặc biên lai thu tại quầy)',
          params: PaymentReferenceParams,
        },
      },
      async (request, reply) => {
        const { reference } = request.params;
        const pdf = await payments.receiptPdf(reference, await readerOf(request));
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="bien-lai-${reference}.pdf"`)
          .send(pdf);
      },
    );

    app.get(
      '/api/payments/:reference/receipts',
      {
        schema: {
          tags,
          summary: 'Các biên lai của một giao dịch, kể cả biên lai đã hủy',
          params: PaymentReferenceParams,
          response: withErrors({ 200: ReceiptList }, [400, 401, 404]),
        },
      },
      async (request) => ({
        items: await payments.receipts(request.params.reference, await readerOf(request)),
      }),
    );

    for (const reissue of [false, true]) {
      app.post(
        `/api/receipts/:id/${reissue ? 'reissue' : 'cancel'}`,
        {
          schema: {
            tags,
            summary: reissue
              ? 'Hủy biên lai thu tại quầy và lập biên lai thay thế (số mới), nêu lý do'
              : 'Hủy biên lai thu tại quầy, nêu lý do (biên lai không bị xóa)',
            params: ReceiptIdParams,
            body: ReceiptReasonRequest,
            response: withErrors({ 200: ReceiptView }, [400, 401, 403, 404, 409]),
          },
        },
        async (request) =>
          payments.cancelReceipt(
            request.params.id,
            request.body.reason,
            officerOf(await guards.signedIn(request)),
            reissue,
          ),
      );
    }
  };
}
