import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import { act, assignMany, closeUnsupplemented } from './use-cases/act-on-dossier.js';
import { afterCutoverReport } from './use-cases/after-cutover.js';
import { recomputeDeadlines, verifyDossiers } from './use-cases/deadlines.js';
import { seedDemo } from './use-cases/demo-seed.js';
import { snapshotByCode, snapshotOf, snapshotsOf } from './use-cases/snapshot.js';
import { bookTable } from './use-cases/dossier-book.js';
import { fileAtCounter, fileForDemo, fileOnline } from './use-cases/file-dossier.js';
import { createForms } from './use-cases/forms.js';
import { createDossiersKit, type DossiersDeps, type DossiersKit } from './use-cases/kit.js';
import { lookup } from './use-cases/lookup.js';
import { paymentDue, recordPayment } from './use-cases/payment.js';
import { mine, queue } from './use-cases/queue.js';
import { getDossier } from './use-cases/view.js';

export type { AgencyRef, DossiersDeps } from './use-cases/kit.js';
export type { PaymentDue, RecordPaymentInput, RecordPaymentResult } from './use-cases/payment.js';

export const CLOSE_TASK = 'dossiers:close-unsupplemented';

/** The service's methods are the use cases with the module's kit applied. */
const bind =
  <A extends unknown[], R>(kit: DossiersKit, use: (kit: DossiersKit, ...args: A) => R) =>
  (...args: A): R =>
    use(kit, ...args);

export function createDossiersService(given: DossiersDeps) {
  // Downstream modules (sync) register here; the composition root builds them after dossiers.
  const appended: Array<NonNullable<DossiersDeps['onAppended']>> = [];
  const deps: DossiersDeps = {
    ...given,
    onAppended: async (tx, event) => {
      await given.onAppended?.(tx, event);
      for (const handler of appended) await handler(tx, event);
    },
  };
  const kit = createDossiersKit(deps);
  const forms = createForms(kit);
  const service = {
    async seedDemo(input: { receivingAgencyId: string; procedureCode: string }) {
      if (!deps.demo) return [];
      return seedDemo((clock) => createDossiersKit({ ...deps, clock }), input);
    },
    afterCutoverReport: bind(kit, afterCutoverReport),
    closeUnsupplemented: bind(kit, closeUnsupplemented),
    jobs: {
      tasks: {
        [CLOSE_TASK]: async () => {
          await service.closeUnsupplemented();
        },
      },
      // 21:00 UTC = 04:00 in Vietnam, before the offices open.
      crontab: [`0 21 * * * ${CLOSE_TASK} ?max=3`],
    } satisfies JobDefinitions,
    bookTable: bind(kit, bookTable),
    mine: bind(kit, mine),
    queue: bind(kit, queue),
    assignMany: bind(kit, assignMany),
    formPdf: forms.formPdf,
    fileOnline: bind(kit, fileOnline),
    fileForDemo: bind(kit, fileForDemo),
    fileAtCounter: bind(kit, fileAtCounter),
    act: bind(kit, act),
    getDossier: bind(kit, getDossier),
    /** A dossier's fee as the payments module asks it (null: unknown or not the caller's). */
    paymentDue: bind(kit, paymentDue),
    /** A collected payment into the log, once per reference (issue 17). */
    recordPayment: bind(kit, recordPayment),
    lookup: bind(kit, lookup),
    /** Registered with the calendar: open deadlines follow a changed working calendar. */
    recomputeDeadlines: bind(kit, recomputeDeadlines),
    verifyDossiers: bind(kit, verifyDossiers),
    snapshotOf: bind(kit, snapshotOf),
    snapshotsOf: bind(kit, snapshotsOf),
    snapshotByCode: bind(kit, snapshotByCode),
    async codesOf(ids: string[]): Promise<Map<string, string>> {
      const rows = await kit.repo.codesOf(deps.db, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r.code]));
    },
    idOf: (code: string) => kit.repo.idOf(deps.db, code),
    /** Downstream modules hear of every appended action, inside its transaction. */
    onAppended(handler: NonNullable<DossiersDeps['onAppended']>): void {
      appended.push(handler);
    },
  };
  return service;
}

export type DossiersService = ReturnType<typeof createDossiersService>;
