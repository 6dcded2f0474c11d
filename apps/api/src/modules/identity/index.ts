import { createGuards } from './guards.routes.js';
import { identityRoutes, type IdentityRouteOptions } from './identity.routes.js';
import { createIdentityService, type IdentityDeps } from './identity.service.js';

export type {
  AgencyRef,
  AuthSettings,
  IdentityDeps,
  IdentityService,
  Principal,
} from './identity.service.js';
export type { Guards, PermissionGuard } from './guards.routes.js';
export { ADMIN_TOKEN_HEADER, SESSION_COOKIE } from './guards.routes.js';
export {
  ACTIONS,
  reachOf,
  resource,
  ROLE_PERMISSIONS,
  SUBJECTS,
  type Action,
  type Reach,
  type SubjectName,
} from './permissions.js';

/**
 * Accounts, sessions, scoped roles (CASL), delegation, permission audit and security log.
 * `guards` is how other modules' routes declare what they need:
 * `onRequest: identity.guards.requirePermission('read', 'Account')`.
 */
export function createIdentityModule(
  deps: IdentityDeps & {
    adminToken: string;
    routes: Omit<IdentityRouteOptions, 'sessionTtlMinutes'>;
  },
) {
  const service = createIdentityService(deps);
  const guards = createGuards(service, { adminToken: deps.adminToken });
  return {
    ...service,
    guards,
    routes: identityRoutes(service, guards, {
      ...deps.routes,
      sessionTtlMinutes: deps.auth.sessionTtlMinutes,
    }),
  };
}

export type IdentityModule = ReturnType<typeof createIdentityModule>;
