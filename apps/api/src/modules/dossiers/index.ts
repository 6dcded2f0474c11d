import type { Guards } from '../identity/index.js';
import { dossiersRoutes } from './dossiers.routes.js';
import { createDossiersService, type DossiersDeps } from './dossiers.service.js';

export type { AgencyRef, DossiersDeps, DossiersService } from './dossiers.service.js';
export { STATUS_CODES, STATUS_LABELS, type DossierStatus } from './dossier.js';

/**
 * Dossiers (hồ sơ): intake on three channels, the action log with its legal rules, the clock,
 * public lookup. The forms (forms/) and the pure model (dossier.ts) are used from here.
 */
export function createDossiersModule(deps: DossiersDeps & { guards: Pick<Guards, 'signedIn'> }) {
  const service = createDossiersService(deps);
  return { ...service, routes: dossiersRoutes(service, deps.guards) };
}

export type DossiersModule = ReturnType<typeof createDossiersModule>;
