import { feesRoutes, type FeesGuards } from './fees.routes.js';
import { createFeesService, type FeesDeps } from './fees.service.js';

export type { FeesDeps, FeesService, FeeAgency } from './fees.service.js';
export type { FeeQuote, FeeQuoteInput } from '@motcua/contracts';
export { describeRule, quoteItems } from './quote.js';

/**
 * Fee schedules (phí, lệ phí) per procedure and agency: versions with effective dates, imported
 * from the national record where it parses, curated in data/fees, entered by the province;
 * `quote()` tells what a dossier owes under the version in force when it was filed.
 */
export function createFeesModule(deps: FeesDeps & { guards: FeesGuards }) {
  const service = createFeesService(deps);
  return { ...service, routes: feesRoutes(service, deps.guards) };
}

export type FeesModule = ReturnType<typeof createFeesModule>;
