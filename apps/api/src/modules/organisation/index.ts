import { organisationRoutes } from './organisation.routes.js';
import { createOrganisationService, type OrganisationDeps } from './organisation.service.js';

export type { OrganisationDeps, OrganisationService } from './organisation.service.js';
export { DEPARTMENTS, draftOrganisation } from './organisation-data.js';

/** Agencies of the deployed province, each with its electronic ID. */
export function createOrganisationModule(deps: OrganisationDeps) {
  const service = createOrganisationService(deps);
  return { ...service, routes: organisationRoutes(service) };
}

export type OrganisationModule = ReturnType<typeof createOrganisationModule>;
