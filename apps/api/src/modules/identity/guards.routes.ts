// Fastify glue of the permission model (a *.routes.ts file because only those may know Fastify):
// routes declare what they need with these onRequest hooks, and the ability is built per
// request from the session cookie or API token.
import type {} from '@fastify/cookie';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { IdentityService, Principal, RequestMeta } from './identity.service.js';
import { canEverywhere, type Action, type SubjectName } from './permissions.js';
import { sameSecret } from './tokens.js';

export const SESSION_COOKIE = 'motcua_session';
export const ADMIN_TOKEN_HEADER = 'x-admin-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type PermissionGuard = onRequestHookHandler;

export function createGuards(identity: IdentityService, options: { adminToken: string }) {
  const principals = new WeakMap<FastifyRequest, Promise<Principal | null>>();

  /** The caller, resolved once per request (null when anonymous). */
  function principalOf(request: FastifyRequest): Promise<Principal | null> {
    let found = principals.get(request);
    if (!found) {
      const auth = request.headers.authorization;
      const csrf = request.headers['x-csrf-token'];
      found = identity.authenticate({
        sessionToken: request.cookies[SESSION_COOKIE],
        bearerToken:
          typeof auth === 'string' && /^Bearer\s+/i.test(auth)
            ? auth.replace(/^Bearer\s+/i, '').trim()
            : undefined,
        unsafeMethod: UNSAFE.has(request.method),
        csrfHeader: typeof csrf === 'string' ? csrf : undefined,
      });
      principals.set(request, found);
    }
    return found;
  }

  async function signedIn(request: FastifyRequest): Promise<Principal> {
    const principal = await principalOf(request);
    if (!principal)
      throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.');
    return principal;
  }

  /** Declares what a route needs: some grant of `action` on `subject` (scope checked in the use case). */
  function requirePermission(action: Action, subject: SubjectName): PermissionGuard {
    return async (request) => {
      const principal = await signedIn(request);
      if (!principal.ability.can(action, subject)) throw new AppError('FORBIDDEN');
    };
  }

  /** Any one of several (action, subject) pairs is enough. */
  function requireAnyPermission(pairs: Array<[Action, SubjectName]>): PermissionGuard {
    return async (request) => {
      const principal = await signedIn(request);
      if (!pairs.some(([action, subject]) => principal.ability.can(action, subject)))
        throw new AppError('FORBIDDEN');
    };
  }

  /**
   * For modules that received an admin guard (catalog, calendar): the legacy `x-admin-token`
   * header (scripts, tests) OR a signed-in account allowed `action` on `subject` province-wide.
   */
  function adminTokenOr(action: Action, subject: SubjectName): PermissionGuard {
    return async (request) => {
      if (await adminToken(request)) return;
      const principal = await principalOf(request);
      if (!principal) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Thao tác quản trị cần đăng nhập (hoặc mã quản trị x-admin-token).',
        );
      }
      if (!canEverywhere(principal.ability, action, subject)) throw new AppError('FORBIDDEN');
    };
  }

  const tokenUses = new WeakMap<FastifyRequest, Promise<boolean>>();
  /**
   * Whether the request carries the right x-admin-token (a wrong one is refused). Every use is
   * written to the security log as its own principal ("x-admin-token", with the address and the
   * route), once per request: the header names no person, so the log must say where it came from.
   */
  function adminToken(request: FastifyRequest): Promise<boolean> {
    let known = tokenUses.get(request);
    if (!known) {
      known = (async () => {
        const given = request.headers[ADMIN_TOKEN_HEADER];
        if (typeof given !== 'string' || given === '') return false;
        if (!sameSecret(given, options.adminToken)) {
          throw new AppError('FORBIDDEN', 'Mã quản trị không đúng.');
        }
        await identity.recordAdminTokenUse(
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
          { method: request.method, route: request.routeOptions.url ?? request.url },
        );
        return true;
      })();
      tokenUses.set(request, known);
    }
    return known;
  }

  /**
   * Who to record as having done an administrative change: the signed-in account's username, or
   * the x-admin-token principal (its uses are in the security log).
   */
  async function actorLabelOf(request: FastifyRequest): Promise<string> {
    if (await adminToken(request)) return `${ADMIN_TOKEN_HEADER} (${request.ip})`;
    const principal = await principalOf(request);
    return principal ? (principal.username ?? principal.displayName) : 'không xác định';
  }

  /**
   * Back-office reads (the catalogue review): any signed-in officer, or the admin token; not
   * citizens, businesses or the anonymous public.
   */
  const staffOrAdminToken: PermissionGuard = async (request) => {
    if (await adminToken(request)) return;
    const principal = await signedIn(request);
    if (principal.kind === 'citizen' || principal.kind === 'business') {
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ, công chức được xem nội dung này.');
    }
  };

  return {
    principalOf,
    signedIn,
    requirePermission,
    requireAnyPermission,
    adminTokenOr,
    actorLabelOf,
    staffOrAdminToken,
    adminToken,
  };
}

export type Guards = ReturnType<typeof createGuards>;

export function metaOf(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}
