import assert from 'node:assert/strict';
import { SessionInfo } from '@motcua/contracts';
import type { FastifyInstance } from 'fastify';

/** The password of every demo officer (data/identity/demo-accounts.json). */
export const DEMO_PASSWORD = 'Demo@motcua2026';

export interface OfficerSession {
  /** `motcua_session=…`, ready for a cookie header. */
  cookie: string;
  csrf: string;
  info: SessionInfo;
  /** The session cookie as the server set it, for tests of its attributes. */
  setCookie: { httpOnly?: boolean; sameSite?: string; value: string };
}

/** Signs an officer in with a password through the real route. */
export async function signInOfficer(
  server: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<OfficerSession> {
  const res = await server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  assert.equal(res.statusCode, 200, `${username}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'motcua_session');
  assert.ok(cookie, 'a session cookie');
  const info = SessionInfo.parse(res.json());
  return {
    cookie: `motcua_session=${cookie.value}`,
    csrf: info.csrfToken ?? '',
    info,
    setCookie: { httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, value: cookie.value },
  };
}
