import { accountUseCases } from './use-cases/accounts.js';
import { apiTokenUseCases } from './use-cases/api-tokens.js';
import { auditUseCases } from './use-cases/audit.js';
import { createIdentityContext, type IdentityDeps } from './use-cases/context.js';
import { demoAccountUseCases } from './use-cases/demo-accounts.js';
import { importAccountUseCases } from './use-cases/import-accounts.js';
import { roleAndDelegationUseCases } from './use-cases/roles-and-delegations.js';
import { signInUseCases } from './use-cases/sign-in.js';
import { totpUseCases } from './use-cases/totp.js';
import { vneidSignInUseCases } from './use-cases/vneid-sign-in.js';

export type {
  AgencyRef,
  AuthSettings,
  IdentityDeps,
  Principal,
  RequestMeta,
} from './use-cases/context.js';

/** The identity module's use cases, one file each under use-cases/, over one shared context. */
export function createIdentityService(deps: IdentityDeps) {
  const ctx = createIdentityContext(deps);
  return {
    ...signInUseCases(ctx),
    ...totpUseCases(ctx),
    ...vneidSignInUseCases(ctx),
    ...accountUseCases(ctx),
    ...roleAndDelegationUseCases(ctx),
    ...apiTokenUseCases(ctx),
    ...importAccountUseCases(ctx),
    ...auditUseCases(ctx),
    ...demoAccountUseCases(ctx),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
