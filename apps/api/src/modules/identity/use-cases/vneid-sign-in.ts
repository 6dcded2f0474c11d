import { assuranceOf } from '../../../integrations/vneid-sso/index.js';
import { AppError } from '../../../platform/errors.js';
import { hashToken, newToken } from '../tokens.js';
import { sameOriginPath } from '../return-path.js';
import type { IdentityContext, RequestMeta } from './context.js';

export function vneidSignInUseCases(ctx: IdentityContext) {
  const { deps, repo, clock, log, event, createSession } = ctx;
  return {
    /** Starts a VNeID/DVCQG sign-in: the browser goes to `url`, keeping `attemptKey` in a cookie. */
    async ssoStart(
      redirectUri: string,
      returnTo: string | undefined,
    ): Promise<{ url: string; attemptKey: string }> {
      if (!deps.vneid)
        throw new AppError('SERVICE_UNAVAILABLE', 'Chưa cấu hình đăng nhập bằng VNeID.');
      const auth = await deps.vneid.authorize({ redirectUri }).catch((error: unknown) => {
        log.warn({ err: error }, 'VNeID SSO discovery failed');
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'Hệ thống xác thực VNeID đang không phản hồi. Vui lòng thử lại sau.',
        );
      });
      const attemptKey = newToken();
      const now = clock.now();
      await repo.insertSsoAttempt({
        keyHash: hashToken(attemptKey),
        state: auth.state,
        nonce: auth.nonce,
        codeVerifier: auth.codeVerifier,
        returnTo: sameOriginPath(returnTo),
        createdAt: now,
        expiresAt: new Date(now.getTime() + 10 * 60_000),
      });
      return { url: auth.url, attemptKey };
    },

    /** Completes the sign-in: account keyed on TechID, profile refreshed, session created. */
    async ssoFinish(
      attemptKey: string | undefined,
      callbackUrl: URL,
      redirectUri: string,
      meta: RequestMeta,
    ): Promise<{ token: string; returnTo: string }> {
      if (!deps.vneid)
        throw new AppError('SERVICE_UNAVAILABLE', 'Chưa cấu hình đăng nhập bằng VNeID.');
      const attempt = attemptKey
        ? await repo.takeSsoAttempt(hashToken(attemptKey), clock.now())
        : undefined;
      if (!attempt) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Phiên đăng nhập VNeID đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.',
        );
      }
      const signIn = await deps.vneid
        .finish({
          callbackUrl,
          redirectUri,
          state: attempt.state,
          nonce: attempt.nonce,
          codeVerifier: attempt.codeVerifier,
        })
        .catch(async (error: unknown) => {
          log.warn({ err: error }, 'VNeID SSO sign-in failed');
          await event('sign_in_failed', {
            meta,
            details: { method: 'vneid', reason: error instanceof Error ? error.message : 'error' },
          });
          throw new AppError(
            'UNAUTHENTICATED',
            'Đăng nhập bằng VNeID không thành công. Vui lòng thử lại.',
          );
        });
      const info = signIn.userInfo;
      const kind = info.LoaiTaiKhoan === 2 ? 'business' : 'citizen';
      const birth = info.NgayThangNamSinh
        ? `${info.NgayThangNamSinh.slice(0, 4)}-${info.NgayThangNamSinh.slice(4, 6)}-${info.NgayThangNamSinh.slice(6, 8)}`
        : null;
      const now = clock.now();
      const profile = {
        kind,
        displayName:
          kind === 'business' && info.TenDoanhNghiep ? info.TenDoanhNghiep : info.HoVaTen,
        personalId: info.SoDinhDanh ?? null,
        taxCode: info.MaSoThue ?? info.MaSoDoanhNghiep ?? null,
        birthDate: birth,
        email: info.ThuDienTu ?? null,
        phone: info.SoDienThoai ?? null,
        assuranceLevel: assuranceOf(info),
        ssoProfile: info,
        lastSignInAt: now,
        updatedAt: now,
      } as const;
      let account = await repo.accountByTechId(info.TechID);
      if (account) {
        if (!account.active)
          throw new AppError(
            'FORBIDDEN',
            'Tài khoản đã bị khóa trên hệ thống. Vui lòng liên hệ bộ phận hỗ trợ.',
          );
        account = await repo.updateAccount(account.id, profile);
      } else {
        account = await repo.insertAccount({ ...profile, techId: info.TechID, createdAt: now });
        await repo.insertAssignment({
          accountId: account.id,
          role: kind,
          scope: 'own',
          createdAt: now,
        });
      }
      const { token } = await createSession(account, 'vneid', meta, signIn.idToken);
      await event('sign_in', {
        accountId: account.id,
        meta,
        details: { method: 'vneid', assuranceLevel: profile.assuranceLevel },
      });
      return { token, returnTo: attempt.returnTo };
    },
  };
}
