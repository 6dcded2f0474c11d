import assert from 'node:assert/strict';
import { SessionInfo } from '@motcua/contracts';
import type { FastifyInstance, InjectOptions } from 'fastify';

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

/**
 * `as(username, request)`: inject() as that demo officer, signed in once and reused, with the
 * CSRF header and, when `key` is given, an Idempotency-Key. `officer(username)` gives the session.
 */
export function officerInjector(server: () => FastifyInstance) {
  const sessions = new Map<string, OfficerSession>();
  const officer = async (username: string): Promise<OfficerSession> => {
    const known = sessions.get(username);
    if (known) return known;
    const session = await signInOfficer(server(), username);
    sessions.set(username, session);
    return session;
  };
  const as = async (username: string, options: InjectOptions & { key?: string }) => {
    const s = await officer(username);
    return server().inject({
      ...options,
      headers: {
        ...(options.headers ?? {}),
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
    });
  };
  return { officer, as };
}
