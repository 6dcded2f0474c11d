import { workflowRoutes, type WorkflowGuards } from './workflow.routes.js';
import { createWorkflowService, type WorkflowDeps } from './workflow.service.js';

export { findStep, nextStep, totalHours, validateProcess, type ProcessIssue } from './process.js';
export type { WorkflowDeps, WorkflowService } from './workflow.service.js';

/**
 * Processing workflows of procedures (issue 6, item 4): versioned definitions, the editor's checks
 * and preview, publication, the province's defaults. Dossiers bind the published version at filing.
 */
export function createWorkflowModule(deps: WorkflowDeps & WorkflowGuards) {
  const service = createWorkflowService(deps);
  return { ...service, routes: workflowRoutes(service, deps) };
}

export type WorkflowModule = ReturnType<typeof createWorkflowModule>;
