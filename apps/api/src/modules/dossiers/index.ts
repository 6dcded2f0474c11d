import type { Guards } from '../identity/index.js';
import { createAttachmentsService, type AttachmentsDeps } from './attachments.js';
import { allRoutes, attachmentsRoutes, readLogger } from './attachments.routes.js';
import { dossiersRoutes } from './dossiers.routes.js';

export { actorOf, readableBy } from './dossiers.routes.js';
import { createDossiersService, type DossiersDeps } from './dossiers.service.js';

export type {
  AgencyRef,
  DossiersDeps,
  DossiersService,
  PaymentDue,
  RecordPaymentInput,
  RecordPaymentResult,
} from './dossiers.service.js';
export {
  foldActions,
  STATUS_CODES,
  STATUS_LABELS,
  type Actor,
  type DossierContext,
  type DossierStatus,
  type LoggedAction,
} from './dossier.js';
export type { PinnedRules } from './rules.js';
export type { AppendedAction } from './use-cases/kit.js';
export type { DossierSnapshot, SnapshotStep } from './use-cases/snapshot.js';

/**
 * Dossiers (hồ sơ): intake on three channels, the action log with its legal rules, the clock,
 * public lookup, files and drafts. The forms (forms/) and the pure model (dossier.ts) are used
 * from here.
 */
export function createDossiersModule(
  deps: DossiersDeps &
    Pick<AttachmentsDeps, 'storage' | 'uploads'> & {
      guards: Pick<Guards, 'signedIn'>;
      /** Public lookups per client IP and minute (default LOOKUP_PER_MINUTE, 30). */
      lookupPerMinute?: number;
    },
) {
  const service = createDossiersService(deps);
  const files = createAttachmentsService(deps);
  return {
    ...service,
    files,
    routes: allRoutes(
      dossiersRoutes(service, deps.guards, readLogger(files), {
        lookupPerMinute: deps.lookupPerMinute,
      }),
      attachmentsRoutes(files, deps.guards, deps.uploads),
    ),
  };
}

export type DossiersModule = ReturnType<typeof createDossiersModule>;
