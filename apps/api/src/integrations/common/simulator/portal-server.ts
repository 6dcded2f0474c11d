/**
 * What every simulator of the OpenCPS adapter family (the TTHC catalogue, the DVCQG sync, the
 * ministries' systems) does alike: the switchable faults, their `{error_code, message}` envelope
 * for anything Fastify rejects, the username/password login handing out expiring sessions, and
 * `DELETE /__sim/sessions` to make clients log in again. Each simulator adds its own services.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  AuthRequest,
  NationalCatalogErrorCode as Code,
  type ErrorReply,
} from '../../national-catalog/contract.js';
import { CONTROL_PREFIX, installFaultSwitch, type FaultSettingInput } from './fault-switch.js';

export const fail = (error_code: number, message: string): ErrorReply => ({
  error_code,
  message,
});

export interface PortalSimulatorOptions {
  /** Their name, in the "đang bảo trì" answer of the `error5xx` fault. */
  name: string;
  username: string;
  password: string;
  sessionTtlMs?: number | undefined;
  authPath: string;
  fault?: FaultSettingInput | undefined;
  logger?: boolean | undefined;
  random?: (() => number) | undefined;
  bodyLimit?: number | undefined;
}

export function createPortalSimulator(options: PortalSimulatorOptions) {
  const sessionTtlMs = options.sessionTtlMs ?? 30 * 60 * 1000;
  const sessions = new Map<string, number>();

  // forceCloseConnections: a client keeping a connection alive must not block close().
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  });

  const faults = installFaultSwitch(app, {
    initial: options.fault,
    random: options.random,
    unavailableBody: fail(Code.UNAVAILABLE, `${options.name} đang bảo trì, vui lòng thử lại sau.`),
  });

  // Their envelope for anything Fastify rejects before a handler (bad JSON, wrong content type).
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, 'Yêu cầu không hợp lệ: nội dung phải là JSON đúng định dạng.'),
        );
    }
    return reply.code(500).send(fail(500, 'Lỗi hệ thống, vui lòng thử lại sau.'));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(fail(Code.INVALID_REQUEST, 'Không tìm thấy địa chỉ yêu cầu.')),
  );

  app.delete(`${CONTROL_PREFIX}/sessions`, async () => {
    const revoked = sessions.size;
    sessions.clear();
    return { revoked };
  });

  app.post(options.authPath, async (request, reply) => {
    const body = AuthRequest.safeParse(request.body);
    if (!body.success) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, 'Yêu cầu không hợp lệ: thiếu tên đăng nhập hoặc mật khẩu.'),
        );
    }
    if (body.data.username !== options.username || body.data.password !== options.password) {
      return fail(Code.BAD_CREDENTIALS, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    const now = Date.now();
    for (const [token, expires] of sessions) if (expires <= now) sessions.delete(token);
    const session = randomUUID();
    sessions.set(session, now + sessionTtlMs);
    return { error_code: Code.OK, message: 'Thành công', session };
  });

  /** The refusal to send when the session is unknown or expired; undefined when it is valid. */
  function refuseSession(session: string): ErrorReply | undefined {
    const expires = sessions.get(session);
    if (expires !== undefined && expires > Date.now()) return undefined;
    sessions.delete(session);
    return fail(Code.INVALID_SESSION, 'Phiên làm việc không hợp lệ hoặc đã hết hạn.');
  }

  return { app, faults, refuseSession };
}
