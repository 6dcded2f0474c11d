import { ministryIngestRoutes, type MinistryIngestGuards } from './ministry-ingest.routes.js';
import { createMinistryIngestService, type MinistryIngestDeps } from './ministry-ingest.service.js';

export { PULL_TASK, STATUS_NAMES } from './ministry-ingest.service.js';
export type { MinistryIngestDeps, MinistryIngestService } from './ministry-ingest.service.js';
export type { MinistryIngestGuards } from './ministry-ingest.routes.js';

/**
 * Ingest from the ministries' centralized systems (issue 16 item 5, seed 004): the dossiers of
 * procedures that moved to a ministry's system, pulled on a schedule and on demand, stored apart
 * from ours (min_dossier) and looked up, listed and counted with them. `lookup` is what the
 * public lookup of the dossiers module calls (wired in app.ts; neither module imports the other).
 */
export function createMinistryIngestModule(
  deps: MinistryIngestDeps & { guards: MinistryIngestGuards },
) {
  const service = createMinistryIngestService(deps);
  return { ...service, routes: ministryIngestRoutes(service, deps.guards) };
}

export type MinistryIngestModule = ReturnType<typeof createMinistryIngestModule>;
