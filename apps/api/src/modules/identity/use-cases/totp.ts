import type { TotpSetup } from '@motcua/contracts';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { AppError } from '../../../platform/errors.js';
import type { IdentityContext, Principal, RequestMeta } from './context.js';

export function totpUseCases(ctx: IdentityContext) {
  const { repo, clock, event } = ctx;
  return {
    /** First step of the second factor: a new secret for the signed-in officer's app. */
    async totpSetup(principal: Principal): Promise<TotpSetup> {
      if (principal.kind !== 'officer' || principal.method !== 'password')
        throw new AppError(
          'FORBIDDEN',
          'Chỉ tài khoản cán bộ đăng nhập bằng mật khẩu mới bật được xác thực hai lớp.',
        );
      const secret = generateSecret({ length: 20 });
      return {
        secret,
        otpauthUri: generateURI({
          issuer: 'motcua',
          label: principal.username ?? principal.accountId,
          secret,
        }),
      };
    },

    /** Second step: the code from the app proves it holds the secret; then sign-in asks for it. */
    async totpConfirm(
      principal: Principal,
      input: { secret: string; code: string },
      meta: RequestMeta,
    ): Promise<void> {
      if (principal.kind !== 'officer' || principal.method !== 'password')
        throw new AppError(
          'FORBIDDEN',
          'Chỉ tài khoản cán bộ đăng nhập bằng mật khẩu mới bật được xác thực hai lớp.',
        );
      const now = clock.now();
      const result = await verifyTotp({
        secret: input.secret,
        token: input.code,
        epoch: Math.floor(now.getTime() / 1000),
        epochTolerance: 30,
      });
      if (!result.valid)
        throw new AppError(
          'VALIDATION_FAILED',
          'Mã xác thực không đúng. Vui lòng thử lại với mã mới.',
          {
            issues: [{ path: 'code', message: 'Mã xác thực không đúng' }],
          },
        );
      await repo.setTotpSecret(principal.accountId, input.secret, now);
      await event('totp_enabled', {
        accountId: principal.accountId,
        username: principal.username,
        meta,
      });
    },
  };
}
