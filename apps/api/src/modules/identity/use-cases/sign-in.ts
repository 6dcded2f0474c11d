import type { LoginRequest, LogoutResponse, SessionInfo } from '@motcua/contracts';
import { verify as verifyTotp } from 'otplib';
import { AppError } from '../../../platform/errors.js';
import { burnPasswordCheck, verifyPassword } from '../passwords.js';
import { permissionsOf } from '../permissions.js';
import type { AccountRecord } from '../identity.repository.js';
import { hashToken, sameSecret } from '../tokens.js';
import type { IdentityContext, Principal, RequestMeta } from './context.js';

/** The one answer to every failed sign-in: it must not tell which part was wrong. */
const SIGN_IN_FAILED =
  'Đăng nhập không thành công: tên đăng nhập, mật khẩu hoặc mã xác thực không đúng, hoặc việc đăng nhập đang tạm bị chặn do sai nhiều lần. Vui lòng kiểm tra lại, thử lại sau ít phút hoặc liên hệ quản trị viên.';
/** A source failing on many usernames is spraying passwords: it is locked at this many times the threshold. */
const SOURCE_THRESHOLD_FACTOR = 4;
const ACCOUNT_BACKOFF_CAP_SECONDS = 60;

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
    permissions: permissionsOf(principal.ability),
    claims: principal.claims,
    csrfToken: principal.csrfToken,
  };
}

export function signInUseCases(ctx: IdentityContext) {
  const { deps, repo, clock, event, principalFor, createSession } = ctx;
  /**
   * Lockout that strangers cannot turn against an officer (OWASP ASVS 2.2.1: soft lockouts,
   * rate limits and growing delays, at most 100 failures an hour on one account):
   * - failures are counted per (account, source IP); at `lockoutThreshold` within
   *   `lockoutMinutes` that pair is locked for `lockoutMinutes`. Only the attacker's source is
   *   locked: the officer at the ward, from another source, still signs in;
   * - failures are counted per source over all usernames (known or not); at
   *   SOURCE_THRESHOLD_FACTOR times the threshold the source is locked (password spraying);
   * - failures on an account from all sources together, beyond the threshold, each close the
   *   account for 1, 2, 4, … seconds up to ACCOUNT_BACKOFF_CAP_SECONDS, which holds a
   *   distributed attack to about 60 guesses an hour while costing the officer a minute at most.
   * A success from a source clears that pair and the account's count; an administrator's
   * password reset lifts every lock. Locks and back-off are logged for administrators.
   */
  const throttle = {
    async failed(account: AccountRecord | undefined, source: string, meta: RequestMeta) {
      const now = clock.now();
      const { lockoutThreshold, lockoutMinutes } = deps.auth;
      const period = {
        at: now,
        windowMs: lockoutMinutes * 60_000,
        lockMs: lockoutMinutes * 60_000,
      };
      const bySource = await repo.recordSignInFailure({
        ...period,
        source,
        accountId: null,
        threshold: lockoutThreshold * SOURCE_THRESHOLD_FACTOR,
      });
      if (bySource.failures === lockoutThreshold * SOURCE_THRESHOLD_FACTOR)
        await event('lockout', {
          meta,
          details: {
            scope: 'source',
            until: bySource.lockedUntil?.toISOString(),
            minutes: lockoutMinutes,
          },
        });
      if (!account) return;
      const byPair = await repo.recordSignInFailure({
        ...period,
        source,
        accountId: account.id,
        threshold: lockoutThreshold,
      });
      if (byPair.failures === lockoutThreshold)
        await event('lockout', {
          accountId: account.id,
          username: account.username,
          meta,
          details: {
            scope: 'account_source',
            until: byPair.lockedUntil?.toISOString(),
            minutes: lockoutMinutes,
          },
        });
      const byAccount = await repo.recordAccountFailure(
        account.id,
        now,
        lockoutThreshold,
        ACCOUNT_BACKOFF_CAP_SECONDS,
      );
      if (byAccount.lockedUntil && byAccount.lockedUntil > now)
        await event('lockout', {
          accountId: account.id,
          username: account.username,
          meta,
          details: {
            scope: 'account_backoff',
            failures: byAccount.failedAttempts,
            until: byAccount.lockedUntil.toISOString(),
          },
        });
    },
  };

  return {
    sessionInfo,

    /**
     * Officer sign-in with username and password (and TOTP when enabled). Every failure answers
     * the same status and message, and costs one password hash, whatever its cause (unknown user,
     * wrong password or code, locked, deactivated), so the answer tells no one which usernames
     * exist; the security log keeps the cause (OWASP Authentication Cheat Sheet, "Authentication
     * and Error Messages"). See `throttle` above for the lockout.
     */
    async login(
      input: LoginRequest,
      meta: RequestMeta,
    ): Promise<{ token: string; info: SessionInfo }> {
      const now = clock.now();
      const source = meta.ip ?? 'unknown';
      const found = await repo.accountByUsername(input.username);
      const account =
        found && found.kind === 'officer' && found.passwordHash !== null ? found : undefined;
      const fail = async (reason: string): Promise<never> => {
        await event('sign_in_failed', {
          accountId: account?.id ?? null,
          username: account?.username ?? input.username,
          meta,
          details: { reason },
        });
        throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED);
      };

      const locks = await repo.signInLocks(source, account?.id ?? null, now);
      const refusedBy = locks.source
        ? 'source_locked'
        : locks.pair
          ? 'locked'
          : account?.lockedUntil && account.lockedUntil > now
            ? 'backoff'
            : null;
      if (refusedBy) {
        await burnPasswordCheck(input.password);
        return fail(refusedBy);
      }
      if (!account) {
        await burnPasswordCheck(input.password);
        await throttle.failed(undefined, source, meta);
        return fail('unknown_user');
      }
      let ok = await verifyPassword(account.passwordHash!, input.password);
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
        await throttle.failed(account, source, meta);
        return fail(reason);
      }
      // Right password on a deactivated account: refused like any failure, not counted as one.
      if (!account.active) return fail('inactive');
      await repo.recordSuccess(account.id, now);
      await repo.clearSignInFailures(source, account.id);
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
