import { catalogRoutes, type AdminGuard } from './catalog.routes.js';
import { createCatalogService, type CatalogDeps } from './catalog.service.js';

export type { CatalogDeps, CatalogService } from './catalog.service.js';
export { missingComponents } from './checklist.js';
export { intakeCutoffOf, legalPeriodOf, periodInWorkingHours } from './processing-time.js';

/** The procedure catalogue: import, versions, local configuration, publication and search. */
export function createCatalogModule(
  deps: CatalogDeps & { requireAdmin: AdminGuard; requireStaff: AdminGuard },
) {
  const service = createCatalogService(deps);
  return {
    ...service,
    routes: catalogRoutes(service, {
      requireAdmin: deps.requireAdmin,
      requireStaff: deps.requireStaff,
    }),
  };
}

export type CatalogModule = ReturnType<typeof createCatalogModule>;
