import type { LoginRequest, LogoutResponse, SessionInfo } from '@motcua/contracts';
import { verify as verifyTotp } from 'otplib';
import { AppError } from '../../../platform/errors.js';
import { burnPasswordCheck, verifyPassword } from '../passwords.js';
import { hashToken, sameSecret } from '../tokens.js';
import { formatTime, type IdentityContext, type Principal, type RequestMeta } from './context.js';

const GENERIC_LOGIN_FAILURE = 'Tên đăng nhập hoặc mật khẩu không đúng.';

/** What the browser learns about its session (no secrets beyond its own CSRF token). */
export function sessionInfo(principal: Principal): SessionInfo {
  return {
    account: {
      id: principal.accountId,
      kind: principal.kind as SessionInfo['account']['kind'],
      username: principal.username,
      displayName: principal.displayName,
      assuranceLevel: principal.assuranceLevel,
    },
    method: principal.method,
    roles: principal.grants,
    memberships: principal.memberships,
    csrfToken: principal.csrfToken,
  };
}

export function signInUseCases(ctx: IdentityContext) {
  const { deps, repo, clock, event, principalFor, createSession } = ctx;
  return {
    sessionInfo,

    /** Officer sign-in with username and password (and TOTP when enabled); lockout on repeated failures. */
    async login(
      input: LoginRequest,
      meta: RequestMeta,
    ): Promise<{ token: string; info: SessionInfo }> {
      const now = clock.now();
      const account = await repo.accountByUsername(input.username);
      if (!account || account.kind !== 'officer' || !account.passwordHash) {
        await burnPasswordCheck(input.password);
        await event('sign_in_failed', {
          username: input.username,
          meta,
          details: { reason: 'unknown_user' },
        });
        throw new AppError('UNAUTHENTICATED', GENERIC_LOGIN_FAILURE);
      }
      if (account.lockedUntil && account.lockedUntil > now) {
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason: 'locked' },
        });
        throw new AppError(
          'UNAUTHENTICATED',
          `Tài khoản đang tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${formatTime(account.lockedUntil)}.`,
        );
      }
      let ok = await verifyPassword(account.passwordHash, input.password);
      let reason = 'password';
      if (ok && account.totpSecret) {
        if (!input.totp) {
          // The password was right: ask for the second factor without counting a failure.
          throw new AppError(
            'UNAUTHENTICATED',
            'Vui lòng nhập mã xác thực 6 chữ số từ ứng dụng xác thực.',
            {
              issues: [{ path: 'totp', message: 'Cần mã xác thực hai lớp' }],
            },
          );
        }
        const result = await verifyTotp({
          secret: account.totpSecret,
          token: input.totp,
          epoch: Math.floor(now.getTime() / 1000),
          epochTolerance: 30,
        });
        ok = result.valid;
        reason = 'totp';
      }
      if (!ok) {
        const lockUntil = new Date(now.getTime() + deps.auth.lockoutMinutes * 60_000);
        const after = await repo.recordFailure(account.id, deps.auth.lockoutThreshold, lockUntil);
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason },
        });
        if (after.lockedUntil && after.lockedUntil > now) {
          await event('lockout', {
            accountId: account.id,
            username: account.username,
            meta,
            details: { until: after.lockedUntil.toISOString(), minutes: deps.auth.lockoutMinutes },
          });
          throw new AppError(
            'UNAUTHENTICATED',
            `Đăng nhập sai ${deps.auth.lockoutThreshold} lần: tài khoản bị tạm khóa ${deps.auth.lockoutMinutes} phút, đến ${formatTime(after.lockedUntil)}.`,
          );
        }
        const left = deps.auth.lockoutThreshold - after.failedAttempts;
        throw new AppError(
          'UNAUTHENTICATED',
          `${reason === 'totp' ? 'Mã xác thực không đúng.' : GENERIC_LOGIN_FAILURE} Còn ${left} lần thử trước khi tài khoản bị tạm khóa.`,
        );
      }
      if (!account.active) {
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason: 'inactive' },
        });
        throw new AppError(
          'FORBIDDEN',
          'Tài khoản đã ngừng hoạt động. Vui lòng liên hệ quản trị viên.',
        );
      }
      await repo.recordSuccess(account.id, now);
      const { token, session } = await createSession(account, 'password', meta);
      await event('sign_in', {
        accountId: account.id,
        username: account.username,
        meta,
        details: { method: 'password' },
      });
      const principal = await principalFor(account, {
        method: 'password',
        sessionId: session.id,
        csrfToken: session.csrfToken,
        ssoIdToken: null,
      });
      return { token, info: sessionInfo(principal) };
    },

    /**
     * The caller of a request, from a session cookie or a bearer API token. Writes made with a
     * cookie must carry the session's CSRF token: a cross-site form can send the cookie but
     * cannot read the token.
     */
    async authenticate(input: {
      sessionToken: string | undefined;
      bearerToken: string | undefined;
      unsafeMethod: boolean;
      csrfHeader: string | undefined;
    }): Promise<Principal | null> {
      const now = clock.now();
      if (input.bearerToken) {
        const found = await repo.apiTokenByHash(hashToken(input.bearerToken), now);
        if (!found || !found.account.active)
          throw new AppError(
            'UNAUTHENTICATED',
            'Mã truy cập (API token) không hợp lệ hoặc đã hết hạn.',
          );
        return principalFor(found.account, {
          method: 'token',
          sessionId: null,
          csrfToken: null,
          ssoIdToken: null,
        });
      }
      if (!input.sessionToken) return null;
      const found = await repo.sessionByTokenHash(hashToken(input.sessionToken), now);
      if (!found || !found.account.active) return null;
      if (
        input.unsafeMethod &&
        !(input.csrfHeader && sameSecret(input.csrfHeader, found.session.csrfToken))
      ) {
        throw new AppError(
          'FORBIDDEN',
          'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token). Vui lòng tải lại trang.',
        );
      }
      // Touch at most once a minute: every request writing a row would be wasteful.
      if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000)
        await repo.touchSession(found.session.id, now);
      return principalFor(found.account, {
        method: found.session.method as 'password' | 'vneid',
        sessionId: found.session.id,
        csrfToken: found.session.csrfToken,
        ssoIdToken: found.session.ssoIdToken,
      });
    },

    /** Ends our session; for an SSO session also returns the SSO's end-session URL. */
    async logout(
      principal: Principal,
      postLogoutRedirectUri: string,
      meta: RequestMeta,
    ): Promise<LogoutResponse> {
      if (principal.sessionId) await repo.revokeSession(principal.sessionId, clock.now());
      await event('sign_out', {
        accountId: principal.accountId,
        username: principal.username,
        meta,
        details: { method: principal.method },
      });
      if (principal.method === 'vneid' && deps.vneid) {
        const redirectTo = await deps.vneid.endSessionUrl({
          idToken: principal.ssoIdToken,
          postLogoutRedirectUri,
        });
        return { redirectTo };
      }
      return { redirectTo: null };
    },
  };
}
