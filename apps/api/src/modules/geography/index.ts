import { geographyRoutes, type OperatorGuard } from './geography.routes.js';
import { createGeographyService, type GeographyDeps } from './geography.service.js';

export type { GeographyDeps, GeographyService } from './geography.service.js';
export { normalizeVietnameseName } from './names.js';

/** Administrative units, their history across reorganisations, and the reference-data check. */
export function createGeographyModule(deps: GeographyDeps & { requireOperator: OperatorGuard }) {
  const service = createGeographyService(deps);
  return {
    ...service,
    routes: geographyRoutes(service, { requireOperator: deps.requireOperator }),
  };
}

export type GeographyModule = ReturnType<typeof createGeographyModule>;
export { readReferenceData } from './reference-data.js';
