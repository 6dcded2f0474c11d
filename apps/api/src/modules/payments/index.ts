import { mergeJobDefinitions } from '../../platform/jobs/jobs.js';
import { registerPaymentAdminRoutes, type PaymentAdminRouteDeps } from './admin.routes.js';
import { paymentsRoutes, type PaymentGuards } from './payments.routes.js';
import { createPaymentsService, type PaymentsDeps } from './payments.service.js';
import { createPaymentReconciliation } from './reconciliation.js';
import type { RefundsDeps } from './refunds.js';

export { amountInWords } from './amount-in-words.js';
export {
  AFTER_CREDIT_TASK,
  QUERY_TASK,
  referenceOf,
  type DossierPaymentDue,
  type PaymentDossiers,
  type PaymentsDeps,
  type PaymentsService,
} from './payments.service.js';

/**
 * Payments (issue 17): online through the national payment platform (INIT, a verified CONFIRM or
 * a QUERY, never the browser's return: domain.md §4.6) and at the counter, receipts (the
 * platform's e-receipt, or ours numbered per series), and the job that recovers lost callbacks.
 */
export function createPaymentsModule(
  deps: PaymentsDeps & {
    guards: PaymentGuards & PaymentAdminRouteDeps['guards'];
    /** The dossier for the refund rule (dossiers.snapshotByCode). */
    dossiers: PaymentsDeps['dossiers'] & { snapshotByCode: RefundsDeps['dossierByCode'] };
    queryCrontab?: string;
  },
) {
  const service = createPaymentsService(deps);
  // Reconciliation, settlement and refunds (issue 17 items 6–7): reconciliation.ts, admin.routes.ts.
  const admin = createPaymentReconciliation({
    ...deps,
    agencyName: async (id) => (await deps.findAgency(id))?.name,
    dossierByCode: (code, canRead) => deps.dossiers.snapshotByCode(code, canRead),
  });
  const routes = paymentsRoutes(service, deps.guards);
  return {
    ...service,
    admin,
    jobs: mergeJobDefinitions([
      service.jobDefinitions(deps.queryCrontab ?? '*/5 * * * *'),
      admin.jobs,
    ]),
    routes: (async (app, options) => {
      await routes(app, options);
      registerPaymentAdminRoutes(app, { admin, guards: deps.guards });
    }) satisfies typeof routes,
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
