import { syncRoutes, type SyncGuards } from './sync.routes.js';
import { createSyncService, type SyncDeps } from './sync.service.js';

export { DRAIN_TASK } from './sync.service.js';
export type { SyncDeps, SyncService } from './sync.service.js';

/**
 * National sync (issue 16): every action appended to a dossier's log is queued, in the same
 * transaction, for the National Public Service Portal (DVCQG) and the coordination system, and
 * sent by the job worker in order per dossier, with retries and a dead-letter state.
 */
export function createSyncModule(deps: SyncDeps & { guards: SyncGuards }) {
  const service = createSyncService(deps);
  return { ...service, routes: syncRoutes(service, deps.guards) };
}

export type SyncModule = ReturnType<typeof createSyncModule>;
