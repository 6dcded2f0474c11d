import { paymentsRoutes, type PaymentGuards } from './payments.routes.js';
import { createPaymentsService, type PaymentsDeps } from './payments.service.js';

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
  deps: PaymentsDeps & { guards: PaymentGuards; queryCrontab?: string },
) {
  const service = createPaymentsService(deps);
  return {
    ...service,
    jobs: service.jobDefinitions(deps.queryCrontab ?? '*/5 * * * *'),
    routes: paymentsRoutes(service, deps.guards),
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
