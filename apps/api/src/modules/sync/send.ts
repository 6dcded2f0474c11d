import { IntegrationError } from '../../integrations/integration-error.js';
import type {
  DossierRecordInput,
  DvcqgClient,
  ProgressRecordInput,
} from '../../integrations/dvcqg/index.js';

/** One dossier's due events for one target, ready to go: its current record and new steps. */
export interface Parcel {
  record: DossierRecordInput;
  steps: ProgressRecordInput[];
}

/** What became of a parcel: sent, or the error that stopped it. */
export type Delivery = { ok: true } | { ok: false; error: unknown };

/**
 * An outage, a timeout or a garbled answer passes by itself: worth sending again later. A refusal
 * of what we sent does not: it is parked with the portal's message for an administrator.
 */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof IntegrationError) || error.transient || error.kind === 'bad_response';
}

/**
 * Sends many dossiers' parcels in as few calls as the portal allows: records in batches of
 * `syncBatchSize` (DongBoHoSoMC), then that batch's steps packed whole-dossier into calls of
 * `progressChunkSize` (CapNhatTienDoHoSoMC), so each dossier's record precedes its steps and its
 * steps keep their order.
 *
 * A batch the portal refuses is sent again dossier by dossier, so that one bad record parks only
 * itself. A failure that will pass (outage, timeout) stops the whole send: every parcel not yet
 * sent gets that error and waits for the retry, one failed call rather than one per dossier.
 */
export async function sendParcels<P extends Parcel>(
  client: DvcqgClient,
  parcels: readonly P[],
): Promise<Map<P, Delivery>> {
  const out = new Map<P, Delivery>();
  /** Every parcel from `from` on not settled yet waits with this error. */
  const stop = (from: number, error: unknown) => {
    for (const p of parcels.slice(from)) if (!out.has(p)) out.set(p, { ok: false, error });
    return out;
  };
  /**
   * The parcels of a refused call, again one by one (the refusal was one record's, or one step's,
   * we cannot tell whose). Returns the error of a failure that will pass, which stops the send.
   */
  async function oneByOne(group: readonly P[], recordsSent: boolean, refusal: unknown) {
    if (group.length === 1) {
      out.set(group[0]!, { ok: false, error: refusal });
      return undefined;
    }
    for (const parcel of group) {
      try {
        if (!recordsSent) await client.upsertDossiers([parcel.record]);
        if (parcel.steps.length > 0) await client.updateProgress(parcel.steps);
        out.set(parcel, { ok: true });
      } catch (error) {
        if (isRetryable(error)) return error;
        out.set(parcel, { ok: false, error });
      }
    }
    return undefined;
  }

  for (let from = 0; from < parcels.length; from += client.syncBatchSize) {
    const batch = parcels.slice(from, from + client.syncBatchSize);
    try {
      await client.upsertDossiers(batch.map((p) => p.record));
    } catch (error) {
      const passing = isRetryable(error) ? error : await oneByOne(batch, false, error);
      if (passing) return stop(from, passing);
      continue;
    }
    for (const pack of packs(batch, client.progressChunkSize)) {
      try {
        const steps = pack.flatMap((p) => p.steps);
        if (steps.length > 0) await client.updateProgress(steps);
        for (const p of pack) out.set(p, { ok: true });
      } catch (error) {
        const passing = isRetryable(error) ? error : await oneByOne(pack, true, error);
        if (passing) return stop(from, passing);
      }
    }
  }
  return out;
}

/** Consecutive parcels whose steps fit one progress call; a dossier is never split across two. */
function packs<P extends Parcel>(batch: readonly P[], size: number): P[][] {
  const out: P[][] = [];
  let current: P[] = [];
  let count = 0;
  for (const parcel of batch) {
    if (current.length > 0 && count + parcel.steps.length > size) {
      out.push(current);
      current = [];
      count = 0;
    }
    current.push(parcel);
    count += parcel.steps.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}
