import type {} from '@fastify/cookie';
import {
  ACCOUNT_IMPORT_TYPES,
  AccountImportQuery,
  AccountImportReport,
  ApiTokenCreated,
  ApiTokenInput,
  Delegation,
  DelegationInput,
  LoginRequest,
  LogoutResponse,
  OfficerList,
  OfficerListQuery,
  PasswordResetRequest,
  PermissionAudit,
  ReportFormat,
  RoleAssignmentInput,
  RoleGrant,
  SecurityEventList,
  SecurityEventQuery,
  SessionInfo,
  TotpConfirm,
  TotpSetup,
  UnitList,
  UnitListQuery,
} from '@motcua/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { tableToPdf, tableToXlsx } from '../../platform/exports/table-export.js';
import { withErrors } from '../../platform/http/responses.js';
import { metaOf, SESSION_COOKIE, type Guards } from './guards.routes.js';
import type { IdentityService } from './identity.service.js';
import { sameOriginPath } from './return-path.js';

const tags = ['Tài khoản và phân quyền (identity)'];
const SSO_COOKIE = 'motcua_sso';
const IdParams = z.object({ id: z.uuid({ message: 'Mã không hợp lệ' }) });
const Ok = z.object({ ok: z.literal(true) });
const XLSX = ACCOUNT_IMPORT_TYPES.xlsx;

function sendXlsx(reply: FastifyReply, body: Buffer, filename: string) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

export interface IdentityRouteOptions {
  sessionTtlMinutes: number;
  /** Fixed callback URL registered at the SSO; derived from the request when absent. */
  vneidRedirectUrl: string | undefined;
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function identityRoutes(
  identity: IdentityService,
  guards: Guards,
  options: IdentityRouteOptions,
): FastifyPluginAsyncZod {
  const setSession = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      // Secure over HTTPS (also behind a proxy with TRUST_PROXY); plain HTTP only on a local demo.
      secure: request.protocol === 'https',
      maxAge: options.sessionTtlMinutes * 60,
    });
  const redirectUri = (request: FastifyRequest) =>
    options.vneidRedirectUrl ?? `${originOf(request)}/api/auth/vneid/callback`;

  return async (app) => {
    // The bulk import takes the file itself as the body (no multipart): CSV or XLSX, kept as
    // bytes, under the server's body limit. Scoped to this plugin's routes.
    app.addContentTypeParser(
      [ACCOUNT_IMPORT_TYPES.csv, XLSX],
      { parseAs: 'buffer' },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/auth/login',
      {
        schema: {
          tags,
          summary:
            'Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu (sai nhiều lần thì tạm chặn theo tài khoản và địa chỉ nguồn)',
          body: LoginRequest,
          response: withErrors({ 200: SessionInfo }, [400, 401]),
        },
      },
      async (request, reply) => {
        const { token, info } = await identity.login(request.body, metaOf(request));
        setSession(request, reply, token);
        return info;
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags,
          summary: 'Đăng xuất (kết thúc cả phiên VNeID nếu đăng nhập bằng VNeID)',
          response: withErrors({ 200: LogoutResponse }, [403]),
        },
      },
      async (request, reply) => {
        const principal = await guards.principalOf(request);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (!principal) return { redirectTo: null };
        return identity.logout(principal, `${originOf(request)}/`, metaOf(request));
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags,
          summary: 'Tài khoản đang đăng nhập, vai trò và mã chống giả mạo (CSRF)',
          response: withErrors({ 200: SessionInfo }, [401]),
        },
      },
      async (request) => identity.sessionInfo(await guards.signedIn(request)),
    );

    app.get(
      '/api/auth/vneid/start',
      {
        schema: {
          tags,
          summary: 'Bắt đầu đăng nhập bằng VNeID / Cổng DVCQG (OpenID Connect, mã ủy quyền + PKCE)',
          querystring: z.object({ returnTo: z.string().max(500).optional() }),
          response: withErrors({ 302: z.null() }, [400, 503]),
        },
      },
      async (request, reply) => {
        const { url, attemptKey } = await identity.ssoStart(
          redirectUri(request),
          request.query.returnTo,
        );
        reply.setCookie(SSO_COOKIE, attemptKey, {
          path: '/api/auth/vneid',
          httpOnly: true,
          // Lax: the SSO's redirect back is a top-level GET navigation, which Lax cookies follow.
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: 600,
        });
        return reply.redirect(url, 302);
      },
    );

    app.get(
      '/api/auth/vneid/callback',
      {
        schema: {
          tags,
          summary: 'Địa chỉ VNeID / Cổng DVCQG chuyển về sau khi đăng nhập',
          querystring: z.object({}).loose(),
          response: withErrors({ 302: z.null() }, [400, 401]),
        },
      },
      async (request, reply) => {
        const callbackUrl = new URL(request.url, originOf(request));
        reply.clearCookie(SSO_COOKIE, { path: '/api/auth/vneid' });
        try {
          const { token, returnTo } = await identity.ssoFinish(
            request.cookies[SSO_COOKIE],
            callbackUrl,
            redirectUri(request),
            metaOf(request),
          );
          setSession(request, reply, token);
          // Checked again here, not only when stored: attempts stored before the check existed.
          return reply.redirect(sameOriginPath(returnTo), 302);
        } catch (error) {
          // The browser is mid-redirect: show the sign-in page with the reason, not raw JSON.
          if (error instanceof AppError) {
            request.log.info({ code: error.code }, 'VNeID sign-in refused');
            return reply.redirect(`/dang-nhap?loi=${encodeURIComponent(error.message)}`, 302);
          }
          throw error;
        }
      },
    );

    app.get(
      '/api/admin/identity/officers',
      {
        onRequest: guards.requirePermission('read', 'Account'),
        schema: {
          tags,
          summary: 'Danh sách cán bộ trong phạm vi được xem, kèm đơn vị và vai trò',
          querystring: OfficerListQuery,
          response: withErrors({ 200: OfficerList }, [400, 401, 403]),
        },
      },
      async (request) => identity.listOfficers(await guards.signedIn(request), request.query),
    );

    app.post(
      '/api/admin/identity/accounts/:id/password',
      {
        onRequest: guards.requirePermission('update', 'Account'),
        schema: {
          tags,
          summary: 'Quản trị viên đặt lại mật khẩu cán bộ (mở khóa, kết thúc các phiên)',
          params: IdParams,
          body: PasswordResetRequest,
          response: withErrors({ 200: Ok }, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        await identity.resetPassword(
          await guards.signedIn(request),
          request.params.id,
          request.body.newPassword,
          metaOf(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/admin/identity/accounts/:id/active',
      {
        onRequest: guards.requirePermission('update', 'Account'),
        schema: {
          tags,
          summary: 'Ngừng hoặc mở lại hoạt động của tài khoản (không xóa tài khoản)',
          params: IdParams,
          body: z.object({ active: z.boolean() }),
          response: withErrors({ 200: Ok }, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        await identity.setActive(
          await guards.signedIn(request),
          request.params.id,
          request.body.active,
          metaOf(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/admin/identity/accounts/:id/roles',
      {
        onRequest: guards.requirePermission('create', 'RoleAssignment'),
        schema: {
          tags,
          summary: 'Gán vai trò có phạm vi (bản thân, phòng, cơ quan, toàn tỉnh)',
          params: IdParams,
          body: RoleAssignmentInput,
          response: withErrors({ 200: RoleGrant }, [400, 401, 403, 404]),
        },
      },
      async (request) =>
        identity.grantRole(
          await guards.signedIn(request),
          request.params.id,
          request.body,
          metaOf(request),
        ),
    );

    app.delete(
      '/api/admin/identity/roles/:id',
      {
        onRequest: guards.requirePermission('delete', 'RoleAssignment'),
        schema: {
          tags,
          summary: 'Thu hồi vai trò đã gán',
          params: IdParams,
          response: withErrors({ 200: Ok }, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        await identity.revokeRole(
          await guards.signedIn(request),
          request.params.id,
          metaOf(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/admin/identity/delegations',
      {
        onRequest: guards.requireAnyPermission([
          ['delegate', 'RoleAssignment'],
          ['create', 'Delegation'],
        ]),
        schema: {
          tags,
          summary: 'Ủy quyền vai trò lãnh đạo cho cấp phó trong một khoảng thời gian',
          body: DelegationInput,
          response: withErrors({ 200: Delegation }, [400, 401, 403, 404, 409]),
        },
      },
      async (request) =>
        identity.delegate(await guards.signedIn(request), request.body, metaOf(request)),
    );

    app.delete(
      '/api/admin/identity/delegations/:id',
      {
        onRequest: guards.requireAnyPermission([
          ['delegate', 'RoleAssignment'],
          ['delete', 'Delegation'],
        ]),
        schema: {
          tags,
          summary: 'Thu hồi ủy quyền',
          params: IdParams,
          response: withErrors({ 200: Ok }, [400, 401, 403, 404]),
        },
      },
      async (request) => {
        await identity.revokeDelegation(
          await guards.signedIn(request),
          request.params.id,
          metaOf(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/admin/identity/accounts/:id/api-tokens',
      {
        onRequest: guards.requirePermission('create', 'ApiToken'),
        schema: {
          tags,
          summary: 'Cấp mã truy cập (API token) cho hệ thống kết nối; chỉ hiển thị một lần',
          params: IdParams,
          body: ApiTokenInput,
          response: withErrors({ 200: ApiTokenCreated }, [400, 401, 403, 404]),
        },
      },
      async (request) =>
        identity.createApiToken(
          await guards.signedIn(request),
          request.params.id,
          request.body,
          metaOf(request),
        ),
    );

    app.get(
      '/api/admin/identity/audit',
      {
        onRequest: guards.requirePermission('read', 'PermissionAudit'),
        schema: {
          tags,
          summary:
            'Rà soát phân quyền: không vai trò, vai trò ngoài đơn vị, ngừng hoạt động còn vai trò, 90 ngày không dùng',
          querystring: z.object({ format: ReportFormat.default('json') }),
          response: withErrors({ 200: PermissionAudit }, [400, 401, 403]),
        },
      },
      async (request, reply) => {
        const report = await identity.audit();
        const format = request.query.format;
        if (format === 'json') return report;
        const table = identity.auditTable(report);
        const body = format === 'xlsx' ? await tableToXlsx(table) : await tableToPdf(table);
        // A file, not the JSON schema's shape: sent through the untyped reply.
        return (reply as FastifyReply)
          .header(
            'content-type',
            format === 'xlsx'
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'application/pdf',
          )
          .header('content-disposition', `attachment; filename="ra-soat-phan-quyen.${format}"`)
          .send(body);
      },
    );

    app.post(
      '/api/admin/identity/accounts/import',
      {
        onRequest: guards.requirePermission('create', 'Account'),
        schema: {
          tags,
          summary:
            'Nhập hàng loạt tài khoản cán bộ từ tệp CSV (text/csv) hoặc Excel (.xlsx), báo cáo từng dòng',
          description:
            'Gửi nguyên tệp làm nội dung yêu cầu với Content-Type text/csv hoặc ' +
            `${XLSX}. Cột: username, displayName, email, phone, agency (mã định danh điện tử ` +
            'cơ quan), unit (mã phòng, không bắt buộc), role, scope, password (không bắt buộc: ' +
            'bỏ trống thì hệ thống sinh và chỉ trả về một lần trong báo cáo). Tên đăng nhập đã có ' +
            'được bỏ qua, nên nhập lại cùng tệp không tạo trùng. ?format=xlsx trả báo cáo dạng Excel.',
          consumes: [ACCOUNT_IMPORT_TYPES.csv, XLSX],
          querystring: AccountImportQuery,
          body: z.any(),
          response: withErrors({ 200: AccountImportReport }, [400, 401, 403, 413, 415]),
        },
      },
      async (request, reply) => {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
        const type =
          contentType === XLSX ? 'xlsx' : contentType === ACCOUNT_IMPORT_TYPES.csv ? 'csv' : null;
        if (!type || !Buffer.isBuffer(request.body)) {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Gửi tệp CSV (text/csv) hoặc Excel (.xlsx) làm nội dung yêu cầu.',
          );
        }
        const report = await identity.importAccounts(
          await guards.signedIn(request),
          type,
          request.body,
          metaOf(request),
        );
        if (request.query.format === 'json') return report;
        const body = await tableToXlsx(identity.importReportTable(report));
        return sendXlsx(reply as FastifyReply, body, 'ket-qua-nhap-tai-khoan.xlsx');
      },
    );

    app.post(
      '/api/admin/identity/accounts/import/report',
      {
        onRequest: guards.requirePermission('create', 'Account'),
        schema: {
          tags,
          summary: 'Xuất báo cáo nhập tài khoản (đã nhận ở dạng JSON) ra tệp Excel',
          body: AccountImportReport,
          response: withErrors({ 200: z.any() }, [400, 401, 403]),
        },
      },
      async (request, reply) => {
        const body = await tableToXlsx(identity.importReportTable(request.body));
        return sendXlsx(reply as FastifyReply, body, 'ket-qua-nhap-tai-khoan.xlsx');
      },
    );

    app.get(
      '/api/admin/identity/units',
      {
        onRequest: guards.requirePermission('read', 'Account'),
        schema: {
          tags,
          summary: 'Danh sách phòng/bộ phận (để chọn khi gán vai trò)',
          querystring: UnitListQuery,
          response: withErrors({ 200: UnitList }, [400, 401, 403]),
        },
      },
      async (request) => identity.listUnits(request.query),
    );

    app.post(
      '/api/auth/totp/setup',
      {
        schema: {
          tags,
          summary: 'Bắt đầu bật xác thực hai lớp (TOTP): khóa bí mật và địa chỉ otpauth://',
          response: withErrors({ 200: TotpSetup }, [401, 403]),
        },
      },
      async (request) => identity.totpSetup(await guards.signedIn(request)),
    );

    app.post(
      '/api/auth/totp/confirm',
      {
        schema: {
          tags,
          summary: 'Xác nhận mã 6 chữ số từ ứng dụng xác thực; từ đó đăng nhập cần mã này',
          body: TotpConfirm,
          response: withErrors({ 200: Ok }, [400, 401, 403]),
        },
      },
      async (request) => {
        await identity.totpConfirm(await guards.signedIn(request), request.body, metaOf(request));
        return { ok: true as const };
      },
    );

    app.get(
      '/api/admin/identity/security-log',
      {
        onRequest: guards.requirePermission('read', 'SecurityLog'),
        schema: {
          tags,
          summary:
            'Nhật ký an ninh: đăng nhập, đăng nhập sai, khóa tài khoản, thay đổi vai trò và ủy quyền',
          querystring: SecurityEventQuery,
          response: withErrors({ 200: SecurityEventList }, [400, 401, 403]),
        },
      },
      async (request) => identity.securityEvents(await guards.signedIn(request), request.query),
    );
  };
}
